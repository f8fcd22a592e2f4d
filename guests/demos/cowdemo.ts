// cowdemo: the copy-on-write demo. Maps FILE PROT_READ|PROT_WRITE, MAP_PRIVATE (opened read-only,
// as a private mapping allows), loads byte 0 through it (mapping the page cache's page, read-only)
// and stores one byte there (the store faults and the page is copied), then reads byte 0 of the
// file again with pread and prints "file byte 0: X, mapping byte 0: Y". Exit 0 if the file kept its byte and the mapping shows the
// new one, 1 if the private store reached the file or on an error ("cowdemo: FILE: ERRNO").
// Usage: cowdemo FILE
import {
  argc, arg, open, close, pread64, mmap, munmap, print, eprint, exit_group, errnoName,
  O_RDONLY, PROT_READ, PROT_WRITE, MAP_PRIVATE, PAGE_SIZE,
} from "../sdk";

const buf = memory.data(8);

function check(path: string, step: string, r: i64): void {
  if (r >= 0) return;
  eprint("cowdemo: " + path + ": " + step + errnoName(<i32>-r) + "\n");
  exit_group(1);
}

/** A byte as a character if printable, else as \xNN. */
function show(b: u8): string {
  return b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "\\x" + b.toString(16).padStart(2, "0");
}

/** Byte 0 of the file, read with pread (exit 1 if the file is empty). */
function byte0(fd: i32, path: string): u8 {
  const n = pread64(fd, buf, 1, 0);
  check(path, "pread: ", n);
  if (n == 0) { eprint("cowdemo: " + path + ": empty file\n"); exit_group(1); }
  return load<u8>(buf);
}

if (argc() != 2) { eprint("usage: cowdemo FILE\n"); exit_group(1); }
const path = arg(1);
const fd = open(path, O_RDONLY);
check(path, "", fd);
const before = byte0(<i32>fd, path);
const addr = mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, <i32>fd, 0);
check(path, "mmap: ", addr);
const p = <usize>addr;
const mark: u8 = before == 0x2a ? 0x23 : 0x2a; // '*', or '#' if the file already has '*'
if (load<u8>(p) != before) { eprint("cowdemo: " + path + ": the mapping disagrees with the file\n"); exit_group(1); }
store<u8>(p, mark);
const fileByte = byte0(<i32>fd, path), mapByte = load<u8>(p);
print("file byte 0: " + show(fileByte) + ", mapping byte 0: " + show(mapByte) + "\n");
check(path, "munmap: ", munmap(p, PAGE_SIZE));
close(<i32>fd);
exit_group(fileByte == before && mapByte == mark ? 0 : 1);
