// Memory syscalls check their ranges 64-bit safely in one place (vma.ts userRange): a length near
// 2^64, a range that wraps, an address above 2^32 are refused with Linux's errno and change
// nothing (a mincore vector at or above 2^32 is EFAULT, not cut to 32 bits). Before the fix a
// wrapping munmap left overlapping regions (a frame leaked per fork) and brk(-1) discarded the heap.
import { describe, it, expect } from "vitest";
import { meminfo } from "../host/inspect";
import { boot, run, testGuest } from "./helpers/machine";

describe("isolation: wrapping memory ranges", () => {
  it("mmap, munmap, mprotect, madvise, msync, mincore refuse them", async () => {
    const r = await run(await testGuest("mmiso.ts"), ["mmiso", "ranges"]);
    expect(r.stdout).toBe([
      "munmap near 2^64 EINVAL", "munmap wraps EINVAL", "munmap past top EINVAL", "munmap addr 2^32 EINVAL",
      "mmap near 2^64 ENOMEM", "mmap fixed wraps ENOMEM", "mmap fixed 2^32 ENOMEM",
      "mprotect near 2^64 ENOMEM", "mprotect wraps ENOMEM", "mprotect addr 2^32 ENOMEM",
      "madvise near 2^64 EINVAL", "madvise wraps EINVAL", "madvise addr 2^32 EINVAL",
      "msync near 2^64 ENOMEM", "msync wraps ENOMEM", "msync addr 2^32 ENOMEM",
      "mincore near 2^64 ENOMEM", "mincore wraps ENOMEM", "mincore addr 2^32 ENOMEM", "mincore vec 2^32 EFAULT", "vec 238",
      "data 77", "munmap whole ok", ""].join("\n"));
    expect(r.exit.code).toBe(0);
  });

  it("brk with a wrapping or too-large break leaves the heap alone", async () => {
    const r = await run(await testGuest("mmiso.ts"), ["mmiso", "brk-wrap"]);
    expect(r.stdout).toBe("brk(-1) unchanged\nbrk(+2^32) unchanged\nheap 1234 brk same\n");
    expect(r.exit.code).toBe(0);
  });

  it("a munmap wrapping past 2^64 then forks: no frame leaks", async () => {
    const b = await boot();
    const free0 = meminfo(b.m).free;
    const pid = await b.m.spawn(await testGuest("mmiso.ts"), ["mmiso", "munmap-wrap-fork"]);
    await b.m.run();
    expect(b.stdout()).toBe("munmap EINVAL\nchildren exited 5\n");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    expect(meminfo(b.m).free).toBe(free0);
  });
});
