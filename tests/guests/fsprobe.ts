// Test guest for the file-system isolation tests: runs the operations given as arguments, each one
// word and its operands, and prints one line per operation: "OP ARGS = RESULT" (a number, or an
// errno name). A failing operation does not stop the run. Operations:
//   open PATH            open PATH O_RDWR|O_CREAT, it becomes the current fd
//   pw OFF LEN BYTE      pwrite64 LEN bytes of BYTE at OFF          pr OFF LEN   pread64 (result: count, then the bytes' sum)
//   w LEN BYTE           write at the file offset                   r LEN        read at the file offset
//   seek OFF WHENCE      lseek                                      trunc LEN    ftruncate
//   size                 fstat's st_size                            sync         fsync of the current fd
//   sp OFF LEN BYTE      LEN bytes of BYTE through a pipe, spliced into the current fd at OFF
//   mkdir PATH, rmdir PATH, rm PATH, cat PATH (bytes read), ls PATH (entries), cp SRC DST, stat PATH (size)
import { args, open, close, pwrite64, pread64, write, read, lseek, ftruncate, fstat, fsync, mkdir, rmdir, unlink,
  stat, getdents64, pipe2, splice, parseInteger, print, errnoName, exit_group, O_RDONLY, O_RDWR, O_WRONLY, O_CREAT, O_TRUNC } from "../../guests/sdk";

const BUF: i32 = 1 << 20;
const buf = memory.data(BUF);
const st = memory.data(128);
let fd: i32 = -1;

function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function num(s: string): i64 { return parseInteger(s, 0); }
function sum(n: i64): i64 { let s: i64 = 0; for (let i = 0; i < <i32>n; i++) s += load<u8>(buf + i); return s; }

function catFile(path: string): i64 {
  const f = open(path, O_RDONLY);
  if (f < 0) return f;
  let total: i64 = 0;
  for (;;) { const n = read(<i32>f, buf, BUF); if (n < 0) { total = n; break; } if (n == 0) break; total += n; }
  close(<i32>f);
  return total;
}

function lsDir(path: string): i64 {
  const f = open(path, O_RDONLY);
  if (f < 0) return f;
  let count: i64 = 0;
  for (;;) {
    const n = getdents64(<i32>f, buf, 65536);
    if (n <= 0) { if (n < 0) count = n; break; }
    for (let o: i64 = 0; o < n; o += load<u16>(buf + <usize>o + 16)) count++;
  }
  close(<i32>f);
  return count;
}

function cpFile(src: string, dst: string): i64 {
  const a = open(src, O_RDONLY);
  if (a < 0) return a;
  const b = open(dst, O_WRONLY | O_CREAT | O_TRUNC);
  if (b < 0) { close(<i32>a); return b; }
  let total: i64 = 0;
  for (;;) {
    const n = read(<i32>a, buf, BUF);
    if (n <= 0) { if (n < 0) total = n; break; }
    const w = write(<i32>b, buf, <usize>n);
    if (w < 0) { total = w; break; }
    total += w;
  }
  close(<i32>a); close(<i32>b);
  return total;
}

function spliceAt(off: i64, n: i64, byte: i64): i64 {
  const fds = memory.data(8), offp = memory.data(8);
  const r = pipe2(fds, 0);
  if (r < 0) return r;
  fill(n, byte);
  write(load<i32>(fds + 4), buf, <usize>n);
  store<i64>(offp, off);
  const s = splice(load<i32>(fds), 0, fd, offp, <usize>n, 0);
  close(load<i32>(fds)); close(load<i32>(fds + 4));
  return s;
}

function fill(n: i64, byte: i64): void { memory.fill(buf, <u8>byte, <usize>min(n, <i64>BUF)); }

function op(a: string[], i: i32): i32 {
  const o = a[i];
  let r: i64 = 0, used = 1, extra = "";
  if (o == "open") { r = open(a[i + 1], O_RDWR | O_CREAT); if (r >= 0) fd = <i32>r; used = 2; }
  else if (o == "pw") { fill(num(a[i + 2]), num(a[i + 3])); r = pwrite64(fd, buf, <usize>num(a[i + 2]), num(a[i + 1])); used = 4; }
  else if (o == "pr") { memory.fill(buf, 0, BUF); r = pread64(fd, buf, <usize>num(a[i + 2]), num(a[i + 1])); if (r >= 0) extra = " sum " + sum(r).toString(); used = 3; }
  else if (o == "w") { fill(num(a[i + 1]), num(a[i + 2])); r = write(fd, buf, <usize>num(a[i + 1])); used = 3; }
  else if (o == "r") { memory.fill(buf, 0, BUF); r = read(fd, buf, <usize>num(a[i + 1])); if (r >= 0) extra = " sum " + sum(r).toString(); used = 2; }
  else if (o == "seek") { r = lseek(fd, num(a[i + 1]), <i32>num(a[i + 2])); used = 3; }
  else if (o == "trunc") { r = ftruncate(fd, num(a[i + 1])); used = 2; }
  else if (o == "size") { r = fstat(fd, st); if (r == 0) r = load<i64>(st + 48); }
  else if (o == "sync") r = fsync(fd);
  else if (o == "sp") { r = spliceAt(num(a[i + 1]), num(a[i + 2]), num(a[i + 3])); used = 4; }
  else if (o == "mkdir") { r = mkdir(a[i + 1]); used = 2; }
  else if (o == "rmdir") { r = rmdir(a[i + 1]); used = 2; }
  else if (o == "rm") { r = unlink(a[i + 1]); used = 2; }
  else if (o == "cat") { r = catFile(a[i + 1]); used = 2; }
  else if (o == "ls") { r = lsDir(a[i + 1]); used = 2; }
  else if (o == "cp") { r = cpFile(a[i + 1], a[i + 2]); used = 3; }
  else if (o == "stat") { r = stat(a[i + 1], st); if (r == 0) r = load<i64>(st + 48); used = 2; }
  else { print("bad op " + o + "\n"); exit_group(2); }
  print(a.slice(i, i + used).join(" ") + " = " + res(r) + extra + "\n");
  return used;
}

const a = args();
for (let i = 1; i < a.length;) i += op(a, i);
if (fd >= 0) close(fd);
exit_group(0);
