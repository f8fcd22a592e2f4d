// mmapfile: the mmap() demo. Maps all of FILE (size from fstat) PROT_READ, MAP_PRIVATE, checksums
// it with FNV-1a (32 bit) by loading the mapped bytes directly (each first touch of a page is a
// page fault that the page cache serves), prints "mapped N bytes, fnv1a 0x........" (the same
// checksum readfile prints) and unmaps it. An empty file is not mapped (mmap of 0 bytes is
// EINVAL). Exit 1 on an error: "mmapfile: FILE: ERRNO". Usage: mmapfile FILE
import {
  argc, arg, open, close, fstat, mmap, munmap, print, eprint, exit_group, errnoName,
  O_RDONLY, PROT_READ, MAP_PRIVATE, STAT_SIZE, ST_SIZE,
} from "../sdk";

const st = memory.data(<i32>STAT_SIZE, 8);
const FNV_OFFSET: u32 = 0x811c9dc5;     // FNV-1a 32-bit offset basis
const FNV_PRIME: u32 = 0x01000193;

function fail(path: string, what: string, r: i64): void {
  eprint("mmapfile: " + path + ": " + what + errnoName(<i32>-r) + "\n");
  exit_group(1);
}

/** FNV-1a over n bytes at p, continuing from h. */
function fnv1a(h: u32, p: usize, n: usize): u32 {
  for (let q = p; q < p + n; q++) h = (h ^ <u32>load<u8>(q)) * FNV_PRIME;
  return h;
}

function hex8(v: u32): string { return "0x" + v.toString(16).padStart(8, "0"); }

if (argc() != 2) { eprint("usage: mmapfile FILE\n"); exit_group(1); }
const path = arg(1);
const fd = open(path, O_RDONLY);
if (fd < 0) fail(path, "", fd);
const r = fstat(<i32>fd, st);
if (r < 0) fail(path, "fstat: ", r);
const size = <usize>load<i64>(st + ST_SIZE);
let h = FNV_OFFSET;
if (size > 0) {
  const addr = mmap(0, size, PROT_READ, MAP_PRIVATE, <i32>fd, 0);
  if (addr < 0) fail(path, "mmap: ", addr);
  h = fnv1a(h, <usize>addr, size);
  const u = munmap(<usize>addr, size);
  if (u < 0) fail(path, "munmap: ", u);
}
close(<i32>fd);
print("mapped " + size.toString() + " bytes, fnv1a " + hex8(h) + "\n");
exit_group(0);
