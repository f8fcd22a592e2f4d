// mmapwrite: the shared-mapping demo. Opens FILE read-write (creating it, mode 0644), grows it
// with ftruncate to at least the length of TEXT, maps it PROT_READ|PROT_WRITE, MAP_SHARED, stores
// TEXT's UTF-8 bytes at offset 0 one byte at a time, writes them back with msync(MS_SYNC), unmaps
// and closes. A later read of the file (even after a reboot) shows TEXT. Exit 1 on an error:
// "mmapwrite: FILE: STEP: ERRNO". Usage: mmapwrite FILE TEXT
import {
  argc, arg, open, close, fstat, ftruncate, mmap, msync, munmap, eprint, exit_group, errnoName,
  O_RDWR, O_CREAT, PROT_READ, PROT_WRITE, MAP_SHARED, MS_SYNC, STAT_SIZE, ST_SIZE,
} from "../sdk";

const st = memory.data(<i32>STAT_SIZE, 8);

function check(path: string, step: string, r: i64): void {
  if (r >= 0) return;
  eprint("mmapwrite: " + path + ": " + step + ": " + errnoName(<i32>-r) + "\n");
  exit_group(1);
}

if (argc() != 3) { eprint("usage: mmapwrite FILE TEXT\n"); exit_group(1); }
const path = arg(1);
const text = String.UTF8.encode(arg(2));
const len = <usize>text.byteLength;
if (len == 0) exit_group(0);                  // nothing to store; mmap of 0 bytes is EINVAL
const fd = open(path, O_RDWR | O_CREAT, 0o644);
check(path, "open", fd);
check(path, "fstat", fstat(<i32>fd, st));
if (load<i64>(st + ST_SIZE) < <i64>len) check(path, "ftruncate", ftruncate(<i32>fd, len));
const addr = mmap(0, len, PROT_READ | PROT_WRITE, MAP_SHARED, <i32>fd, 0);
check(path, "mmap", addr);
const src = changetype<usize>(text);
for (let i: usize = 0; i < len; i++) store<u8>(<usize>addr + i, load<u8>(src + i));
check(path, "msync", msync(<usize>addr, len, MS_SYNC));
check(path, "munmap", munmap(<usize>addr, len));
check(path, "close", close(<i32>fd));
exit_group(0);
