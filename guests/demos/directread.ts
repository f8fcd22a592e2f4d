// directread: the O_DIRECT demo. Opens FILE with O_DIRECT (the disk DMAs straight into this
// program's pages, bypassing the page cache) and first tries one read into a misaligned buffer
// (buffer + 1), printing "misaligned: EINVAL" when it is refused as Linux refuses it (or what it
// got instead, then seeking back to 0). Then reads the whole file in 64 KiB chunks into a
// 4096-aligned buffer and prints "direct read N bytes, fnv1a 0x........" (the checksum readfile
// prints). Exit 1 on an error: "directread: FILE: ERRNO". Usage: directread FILE
import {
  argc, arg, open, read, lseek, close, print, eprint, exit_group, errnoName,
  O_RDONLY, O_DIRECT, SEEK_SET, PAGE_SIZE,
} from "../sdk";

const CHUNK = 65536;
const buf = memory.data(CHUNK + PAGE_SIZE, PAGE_SIZE);   // room for the misaligned try at buf + 1
const FNV_OFFSET: u32 = 0x811c9dc5;           // FNV-1a 32-bit offset basis
const FNV_PRIME: u32 = 0x01000193;

function fail(path: string, r: i64): void {
  eprint("directread: " + path + ": " + errnoName(<i32>-r) + "\n");
  exit_group(1);
}

/** FNV-1a over n bytes at p, continuing from h. */
function fnv1a(h: u32, p: usize, n: usize): u32 {
  for (let q = p; q < p + n; q++) h = (h ^ <u32>load<u8>(q)) * FNV_PRIME;
  return h;
}

function hex8(v: u32): string { return "0x" + v.toString(16).padStart(8, "0"); }

/** Try a read into buf + 1 and say what happened; undo it if it moved the offset. */
function tryMisaligned(fd: i32, path: string): void {
  const r = read(fd, buf + 1, CHUNK);
  if (r < 0) { print("misaligned: " + errnoName(<i32>-r) + "\n"); return; }
  print("misaligned: read " + r.toString() + " bytes\n");
  const s = lseek(fd, 0, SEEK_SET);
  if (s < 0) fail(path, s);
}

if (argc() != 2) { eprint("usage: directread FILE\n"); exit_group(1); }
const path = arg(1);
const fd = open(path, O_RDONLY | O_DIRECT);
if (fd < 0) fail(path, fd);
tryMisaligned(<i32>fd, path);
let total: i64 = 0;
let h = FNV_OFFSET;
for (;;) {
  const n = read(<i32>fd, buf, CHUNK);
  if (n < 0) fail(path, n);
  if (n == 0) break;
  h = fnv1a(h, buf, <usize>n);
  total += n;
}
close(<i32>fd);
print("direct read " + total.toString() + " bytes, fnv1a " + hex8(h) + "\n");
exit_group(0);
