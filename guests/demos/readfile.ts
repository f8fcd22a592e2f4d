// readfile: the read() demo. Reads FILE to its end with read() into a page-aligned buffer of
// BUFSIZE bytes (default 4096, at most 1 MiB), checksums the bytes with FNV-1a (32 bit) and
// prints "read N bytes in K calls, fnv1a 0x........". K counts every read() made, the last one
// returning 0 included. mmapfile and directread print the same checksum for the same file.
// Exit 1 on an error: "readfile: FILE: ERRNO". Usage: readfile FILE [BUFSIZE]
import { argc, arg, argInt, open, read, close, print, eprint, exit_group, errnoName, O_RDONLY, PAGE_SIZE } from "../sdk";

const MAX_BUF = 1 << 20;
const buf = memory.data(MAX_BUF, PAGE_SIZE);
const FNV_OFFSET: u32 = 0x811c9dc5;     // FNV-1a 32-bit offset basis
const FNV_PRIME: u32 = 0x01000193;

function fail(path: string, r: i64): void {
  eprint("readfile: " + path + ": " + errnoName(<i32>-r) + "\n");
  exit_group(1);
}

/** FNV-1a over n bytes at p, continuing from h. */
function fnv1a(h: u32, p: usize, n: usize): u32 {
  for (let q = p; q < p + n; q++) h = (h ^ <u32>load<u8>(q)) * FNV_PRIME;
  return h;
}

function hex8(v: u32): string { return "0x" + v.toString(16).padStart(8, "0"); }

if (argc() < 2) { eprint("usage: readfile FILE [BUFSIZE]\n"); exit_group(1); }
const path = arg(1);
const size = argInt(2, PAGE_SIZE);
if (size < 1 || size > MAX_BUF) { eprint("readfile: BUFSIZE must be 1.." + MAX_BUF.toString() + "\n"); exit_group(1); }
const fd = open(path, O_RDONLY);
if (fd < 0) fail(path, fd);
let total: i64 = 0, calls = 0;
let h = FNV_OFFSET;
for (;;) {
  const n = read(<i32>fd, buf, <usize>size);
  calls++;
  if (n < 0) fail(path, n);
  if (n == 0) break;
  h = fnv1a(h, buf, <usize>n);
  total += n;
}
close(<i32>fd);
print("read " + total.toString() + " bytes in " + calls.toString() + " calls, fnv1a " + hex8(h) + "\n");
exit_group(0);
