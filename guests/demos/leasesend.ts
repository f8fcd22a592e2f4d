// leasesend: the mmap+write trap and its remedy, a file lease. Writes FILE (512 KiB of a byte
// pattern), opens it read-only, maps it (PROT_READ, MAP_SHARED) and sends it down a pipe in 64 KiB
// write()s, summing each piece from the mapping first (the server's own look at the pages: a
// checksum). A reader child drains the pipe slowly (4 KiB a virtual ms, a slow client); a truncator
// child opens FILE with O_RDWR|O_TRUNC 20 virtual ms in. MODE:
//   none      no lease: the truncate happens at once; the sender's write stops short and its next
//             checksum touches a page past the end of the file: SIGBUS kills it
//   lease     a read lease (F_SETLEASE, F_RDLCK) with a SIGIO handler (no SA_RESTART): the open
//             breaks the lease, the sender gets SIGIO, its write in progress returns the bytes it
//             wrote, it abandons the send and releases the lease (F_UNLCK); the open then goes on
//   finish    the same, but the sender finishes the send before it releases the lease
//   hold      the sender stops sending but never releases: the open waits lease-break-time (45 s
//             virtual), then the kernel removes the lease and the open goes on
//   nonblock  as lease, but the truncator first tries O_NONBLOCK: EWOULDBLOCK (EAGAIN) at once
// Each process prints what it saw; the exit status is the sender's. Usage: leasesend MODE FILE
import {
  argc, arg, open, close, read, write, fstat, fcntl, ftruncate, mmap, munmap, pipe2, fork, waitpid, sigaction,
  sleepMs, sleepNs, nowNs, print, eprint, exit_group, errnoName, signalName,
  O_RDONLY, O_RDWR, O_WRONLY, O_CREAT, O_TRUNC, O_NONBLOCK, F_SETLEASE, F_GETLEASE, F_RDLCK, F_UNLCK,
  PROT_READ, MAP_SHARED, STAT_SIZE, ST_SIZE, Sig,
} from "../sdk";

const SIZE: usize = 512 << 10;
const CHUNK: usize = 64 << 10;
const PIECE: usize = 4 << 10;                 // the reader's read, the file's write
const buf = memory.data(<i32>PIECE, 8);
const fds = memory.data(8);
const st = memory.data(<i32>STAT_SIZE, 8);
let brokenBy: i32 = 0;                        // the lease-break signal, once it came

function check(step: string, r: i64): i64 {
  if (r >= 0) return r;
  eprint("leasesend: " + step + ": " + errnoName(<i32>-r) + "\n");
  exit_group(1);
  return r;
}

function onBreak(sig: i32): void { brokenBy = sig; }

function leaseName(t: i64): string { return t == F_RDLCK ? "F_RDLCK" : t == F_UNLCK ? "F_UNLCK" : t < 0 ? errnoName(<i32>-t) : "F_WRLCK"; }

function makeFile(path: string): void {
  const fd = <i32>check("create " + path, open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644));
  for (let i: usize = 0; i < PIECE; i++) store<u8>(buf + i, <u8>(i * 7 + 1));
  for (let off: usize = 0; off < SIZE; off += PIECE) check("write " + path, write(fd, buf, PIECE));
  close(fd);
}

// The slow client: 4 KiB a virtual millisecond until EOF.
function reader(): void {
  let total: i64 = 0;
  for (;;) {
    const n = check("read", read(<i32>load<i32>(fds), buf, PIECE));
    if (n == 0) break;
    total += n;
    sleepMs(1);
  }
  print("reader: got " + total.toString() + " bytes\n");
  exit_group(0);
}

// The other process: opens the file for writing and truncates it, after 20 ms.
function truncator(path: string, mode: string): void {
  sleepMs(20);
  if (mode == "nonblock") {
    const r = open(path, O_RDWR | O_TRUNC | O_NONBLOCK);
    print("truncator: open(O_RDWR|O_TRUNC|O_NONBLOCK) = " + (r < 0 ? errnoName(<i32>-r) : "fd") + "\n");
  }
  const t0 = nowNs();
  const fd = <i32>check("truncator: open", open(path, O_RDWR | O_TRUNC));
  const waited = (nowNs() - t0) / 1000000;
  check("fstat", fstat(fd, st));
  print("truncator: open(O_RDWR|O_TRUNC) returned after " + waited.toString() + " ms; size now " + load<i64>(st + ST_SIZE).toString() + "\n");
  exit_group(0);
}

// Sum [p, p+n): the process touches every page itself.
function checksum(p: usize, n: usize): u32 {
  let s: u32 = 0;
  for (let i: usize = 0; i < n; i += 512) s += load<u8>(p + i);
  return s;
}

if (argc() != 3) { eprint("usage: leasesend none|lease|finish|hold|nonblock FILE\n"); exit_group(2); }
const mode = arg(1), path = arg(2);
makeFile(path);
const fd = <i32>check("open", open(path, O_RDONLY));
const map = <usize>check("mmap", mmap(0, SIZE, PROT_READ, MAP_SHARED, fd, 0));
if (mode != "none") {
  check("sigaction", sigaction(Sig.SIGIO, onBreak));
  check("F_SETLEASE", fcntl(fd, F_SETLEASE, F_RDLCK));
  print("sender: lease " + leaseName(fcntl(fd, F_GETLEASE)) + "\n");
}
check("pipe2", pipe2(fds));
if (check("fork", fork()) == 0) { close(load<i32>(fds, 4)); reader(); }
if (check("fork", fork()) == 0) truncator(path, mode);
close(load<i32>(fds));
const out = load<i32>(fds, 4);
let sent: usize = 0, sum: u32 = 0;
while (sent < SIZE) {
  if (brokenBy != 0 && mode != "finish") break;
  const n = min(CHUNK, SIZE - sent);
  sum += checksum(map + sent, n);
  const r = write(out, map + sent, n);
  if (r < 0) { print("sender: write: " + errnoName(<i32>-r) + "\n"); break; }
  if (<usize>r < n) print("sender: write returned " + r.toString() + " of " + n.toString() + "\n");
  sent += <usize>r;
}
if (brokenBy != 0) {
  print("sender: " + (brokenBy == Sig.SIGIO ? "SIGIO" : signalName(brokenBy)) + ": lease breaking, F_GETLEASE " + leaseName(fcntl(fd, F_GETLEASE)) + "; " +
    (sent < SIZE ? "abandoned" : "finished") + " after " + sent.toString() + " bytes\n");
}
close(out);
if (mode == "hold") { sleepNs(50 * <i64>1000000000); print("sender: 50 s later, F_GETLEASE " + leaseName(fcntl(fd, F_GETLEASE)) + "\n"); }
munmap(map, SIZE);                            // done with the pages: now the file may change
if (mode != "none" && mode != "hold") check("F_UNLCK", fcntl(fd, F_SETLEASE, F_UNLCK));
close(fd);
waitpid(-1, 0); waitpid(-1, 0);
print("sender: sent " + sent.toString() + " bytes, checksum " + sum.toString() + "\n");
exit_group(0);
