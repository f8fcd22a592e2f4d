// Test guest: takes memory until the kernel stops it (issue 10, memory pressure). One MODE:
//   touch      maps 256 MiB anonymous and stores into every page (every 16th byte), then prints "touched all" (never
//              reached on a small machine: the OOM killer ends it)
//   populate   mmap of 2 GiB with MAP_POPULATE, prints the result, then sleeps 1 s (virtual) and
//              prints "still here"
// Usage: memhog MODE
import { arg, mmap, mmapAnon, print, sleepMs, exit_group, errnoName,
  PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_POPULATE } from "../../guests/sdk";

function say(s: string): void { print(s + "\n"); }
function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : "ok"; }

function touch(): void {
  const len: usize = 256 << 20;
  const a = mmapAnon(len);
  if (a < 0) { say("mmap " + res(a)); exit_group(1); }
  for (let off: usize = 0; off < len; off += 4096) {
    for (let i: usize = 0; i < 4096; i += 16) store<u32>(<usize>a + off + i, <u32>i);   // some work per page
  }
  say("touched all");
}

function populate(): void {
  const r = mmap(0, <usize>0x80000000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  say("mmap " + res(r));
  sleepMs(1000);
  say("still here");
}

const mode = arg(1);
if (mode == "touch") touch();
else if (mode == "populate") populate();
else { say("unknown mode " + mode); exit_group(2); }
