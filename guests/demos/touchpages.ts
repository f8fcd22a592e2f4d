// touchpages: maps N anonymous private pages (default 256), stores one byte in each, reads them
// back, unmaps them and prints "touched N pages". Each first store is one minor page fault.
// Exit 1 (with a message on stderr) if a syscall fails or a byte reads back wrong.
// Usage: touchpages [N]

import { argInt, mmapAnon, munmap, print, printInt, eprint, exit_group, errnoName, PAGE_SIZE } from "../sdk";

/** The byte stored in page i. */
function mark(i: i32): u8 { return <u8>(i * 7 + 1); }

function fail(what: string, r: i64): void {
  eprint("touchpages: " + what + ": " + (r < 0 ? errnoName(<i32>-r) : r.toString()) + "\n");
  exit_group(1);
}

const n = <i32>argInt(1, 256);
const len = <usize>n * PAGE_SIZE;
const r = mmapAnon(len);
if (r < 0) fail("mmap", r);
const base = <usize>r;
for (let i = 0; i < n; i++) store<u8>(base + <usize>i * PAGE_SIZE, mark(i));
for (let i = 0; i < n; i++) {
  const v = load<u8>(base + <usize>i * PAGE_SIZE);
  if (v != mark(i)) fail("page " + i.toString() + " reads back", v);
}
const u = munmap(base, len);
if (u != 0) fail("munmap", u);
print("touched ");
printInt(n);
print(" pages\n");
exit_group(0);
