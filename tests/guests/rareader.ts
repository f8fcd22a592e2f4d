// Test guest for readahead and blocking sends. Prints one line per step: "NAME RESULT".
// Usage: rareader MODE FILE
//   seq    read() the file 4 KiB at a time to its end           -> "seq BYTES SUM"
//   rand   pread() 4 KiB at pages 40, 10, 50, 20, 30 (each one a miss far from the last) -> "rand BYTES SUM"
//   mmap   map the file and load the first byte of every page    -> "mmap SUM BASE" (BASE: the mapping's address)
// SUM: the sum of the bytes read (u32).
//   send   connect to 10.0.2.2:9; one write() of the whole file (read into memory first), then one
//          sendfile() of it from offset 0: "write N" and "sendfile N" (a blocking call moves everything at once)
import { arg, open, read, pread64, close, mmap, socket, connect, write, sendfile, fstat, print, eprint, exit_group,
  setSockaddrIn, ipv4, O_RDONLY, PROT_READ, MAP_SHARED, AF_INET, SOCK_STREAM, PAGE_SIZE, ST_SIZE } from "../../guests/sdk";

const buf = memory.data(1 << 20, 4096);
const st = memory.data(128, 8);
const sa = memory.data(16);
const off = memory.data(8, 8);

function sum(n: usize): u32 { let t: u32 = 0; for (let i: usize = 0; i < n; i++) t += load<u8>(buf + i); return t; }

function must(what: string, r: i64): i64 {
  if (r < 0) { eprint("rareader: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

const mode = arg(1), path = arg(2);
const fd = <i32>must("open", open(path, O_RDONLY));
must("fstat", fstat(fd, st));
const size = <usize>load<i64>(st + ST_SIZE);
if (mode == "seq") {
  let total: i64 = 0, t: u32 = 0;
  for (;;) { const n = must("read", read(fd, buf, 4096)); if (n == 0) break; total += n; t += sum(<usize>n); }
  print("seq " + total.toString() + " " + t.toString() + "\n");
} else if (mode == "rand") {
  const pages: i64[] = [40, 10, 50, 20, 30];
  let total: i64 = 0, t: u32 = 0;
  for (let i = 0; i < pages.length; i++) { const n = must("pread", pread64(fd, buf, 4096, pages[i] * 4096)); total += n; t += sum(<usize>n); }
  print("rand " + total.toString() + " " + t.toString() + "\n");
} else if (mode == "mmap") {
  const a = <usize>must("mmap", mmap(0, size, PROT_READ, MAP_SHARED, fd, 0));
  let sum: u32 = 0;
  for (let o: usize = 0; o < size; o += PAGE_SIZE) sum += load<u8>(a + o);
  print("mmap " + sum.toString() + " " + a.toString() + "\n");
} else if (mode == "send") {
  let got: usize = 0;
  while (got < size) { const n = must("read", read(fd, buf + got, size - got)); if (n == 0) break; got += <usize>n; }
  const s = <i32>must("socket", socket(AF_INET, SOCK_STREAM, 0));
  setSockaddrIn(sa, ipv4(10, 0, 2, 2), 9);
  must("connect", connect(s, sa, 16));
  print("write " + write(s, buf, size).toString() + "\n");
  store<i64>(off, 0);
  print("sendfile " + sendfile(s, fd, off, size).toString() + "\n");
  close(s);
}
close(fd);
exit_group(0);
