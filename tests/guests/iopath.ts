// Test guest for the storage trace facts. Usage: iopath MODE FILE
//   read:   read() the first 4096 bytes into a page-aligned buffer, twice (lseek back between)
//   mmap:   mmap 4096 bytes MAP_SHARED PROT_READ, read every byte through the mapping, then getpid()
//   direct: O_DIRECT read of 4096 bytes into a page-aligned buffer
// Exit status: the low byte of the sum of the bytes seen (so a test can check the data), 255 on error.
import { arg, getpid, open, read, lseek, mmap, exit_group, O_RDONLY, O_DIRECT, PROT_READ, MAP_SHARED, SEEK_SET } from "../../guests/sdk";

const buf = memory.data(4096, 4096);
const mode = arg(1), file = arg(2);

function sum(p: usize, n: i32): i32 { let s = 0; for (let i = 0; i < n; i++) s += load<u8>(p + i); return s; }
function check(r: i64): i64 { if (r < 0) exit_group(255); return r; }

if (mode == "read") {
  const fd = <i32>check(open(file, O_RDONLY));
  check(read(fd, buf, 4096));
  check(lseek(fd, 0, SEEK_SET));
  const n = <i32>check(read(fd, buf, 4096));
  exit_group(sum(buf, n) & 0xff);
} else if (mode == "mmap") {
  const fd = <i32>check(open(file, O_RDONLY));
  const p = <usize>check(mmap(0, 4096, PROT_READ, MAP_SHARED, fd, 0));
  const s = sum(p, 4096);
  getpid();                          // a marker: the test inspects the page table here
  exit_group(s & 0xff);
} else if (mode == "direct") {
  const fd = <i32>check(open(file, O_RDONLY | O_DIRECT));
  const n = <i32>check(read(fd, buf, 4096));
  exit_group(sum(buf, n) & 0xff);
}
exit_group(255);
