// Test guest: takes memory until the kernel stops it, or holds and uses memory next to such a
// process (issue 10, memory pressure). One MODE:
//   touch          maps 256 MiB anonymous and stores into every page (every 16th byte), then prints
//                  "touched all" (never reached on a small machine: the OOM killer ends it)
//   populate       mmap of 2 GiB with MAP_POPULATE, prints the result, sleeps 1 s (virtual), prints
//                  "still here"
//   hold MIB       touches MIB MiB of anonymous memory, sleeps 1 s, prints "woke"
//   use MIB MS     sleeps MS ms, touches MIB MiB of anonymous memory, prints "used MIB MiB"
//   mapread FILE   maps FILE (4 MiB, PROT_READ, MAP_PRIVATE), loads one byte a page, sleeps 50 ms,
//                  then prints "fnv1a 0x........" over the whole mapping (readfile's checksum)
// Usage: memhog MODE [ARGS]
import { arg, argInt, open, mmap, mmapAnon, print, sleepMs, exit_group, errnoName,
  O_RDONLY, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_POPULATE } from "../../guests/sdk";

function say(s: string): void { print(s + "\n"); }
function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : "ok"; }

// Map `len` bytes anonymous and store into every page; exits 1 if the mmap fails.
function touchAnon(len: usize): void {
  const a = mmapAnon(len);
  if (a < 0) { say("mmap " + res(a)); exit_group(1); }
  for (let off: usize = 0; off < len; off += 4096) {
    for (let i: usize = 0; i < 4096; i += 16) store<u32>(<usize>a + off + i, <u32>i);   // some work per page
  }
}

function populate(): void {
  const r = mmap(0, <usize>0x80000000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
  say("mmap " + res(r));
  sleepMs(1000);
  say("still here");
}

function mapread(path: string): void {
  const size: usize = 4 << 20;
  const fd = open(path, O_RDONLY);
  if (fd < 0) { say("open " + res(fd)); exit_group(1); }
  const a = mmap(0, size, PROT_READ, MAP_PRIVATE, <i32>fd, 0);
  if (a < 0) { say("mmap " + res(a)); exit_group(1); }
  let x: u32 = 0;
  for (let off: usize = 0; off < size; off += 4096) x += load<u8>(<usize>a + off);
  sleepMs(50 + (x & 0));
  let h: u32 = 0x811c9dc5;
  for (let q: usize = 0; q < size; q++) h = (h ^ <u32>load<u8>(<usize>a + q)) * 0x01000193;
  say("fnv1a 0x" + h.toString(16).padStart(8, "0"));
}

const mode = arg(1);
if (mode == "touch") { touchAnon(256 << 20); say("touched all"); }
else if (mode == "populate") populate();
else if (mode == "hold") { touchAnon(<usize>argInt(2, 1) << 20); sleepMs(1000); say("woke"); }
else if (mode == "use") { sleepMs(argInt(3, 0)); touchAnon(<usize>argInt(2, 1) << 20); say("used " + argInt(2, 1).toString() + " MiB"); }
else if (mode == "mapread") mapread(arg(2));
else { say("unknown mode " + mode); exit_group(2); }
