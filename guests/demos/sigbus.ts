// sigbus: the truncated-mapping demo. Opens FILE read-write (growing it to 8 KiB if shorter),
// maps its first 2 pages PROT_READ, MAP_SHARED, touches page 0, ftruncates the file to 0 and
// then loads a byte of page PAGE (default 0: the page that was resident, whose mapping the
// truncate must have removed; 1: a page never faulted in). Both now lie past the end of the file,
// so the load must kill the program with SIGBUS, as on Linux. If it survives it prints
// "survived" and exits 1. FILE is left empty. Usage: sigbus FILE [PAGE]
import {
  argc, arg, argInt, open, fstat, ftruncate, mmap, print, eprint, exit_group, errnoName,
  O_RDWR, PROT_READ, MAP_SHARED, PAGE_SIZE, STAT_SIZE, ST_SIZE,
} from "../sdk";

const st = memory.data(<i32>STAT_SIZE, 8);
const LEN: usize = 2 * PAGE_SIZE;

function check(path: string, step: string, r: i64): void {
  if (r >= 0) return;
  eprint("sigbus: " + path + ": " + step + errnoName(<i32>-r) + "\n");
  exit_group(1);
}

if (argc() < 2) { eprint("usage: sigbus FILE [PAGE]\n"); exit_group(1); }
const path = arg(1);
const page = <usize>(argInt(2, 0) & 1);
const fd = open(path, O_RDWR);
check(path, "", fd);
check(path, "fstat: ", fstat(<i32>fd, st));
if (load<i64>(st + ST_SIZE) < <i64>LEN) check(path, "ftruncate: ", ftruncate(<i32>fd, LEN));
const addr = mmap(0, LEN, PROT_READ, MAP_SHARED, <i32>fd, 0);
check(path, "mmap: ", addr);
const before = load<u8>(<usize>addr);          // page 0 is now resident and mapped
check(path, "ftruncate: ", ftruncate(<i32>fd, 0));
const after = load<u8>(<usize>addr + page * PAGE_SIZE);   // must raise SIGBUS
print("survived: page " + page.toString() + " byte 0 reads " + after.toString() +
  " (before the truncate: " + before.toString() + ")\n");
exit_group(1);
