// Test guest for pipes: one behaviour per MODE, each printing what it saw, one fact a line.
//   wake      the parent reads an empty pipe (blocks); a child writes after 1 ms
//   eof       two children write "a" (at once) and "b" (after 2 ms) and exit; the parent reads to EOF
//   epipe     a child writes to a pipe whose only reader (the parent) closed it
//   fullpipe  a child blocks writing 100 KiB; the parent reads 4096 bytes and closes the read end
//   nonblock  O_NONBLOCK: an empty read and a full write, then F_SETFL O_NONBLOCK on a blocking pipe
//   large     a child writes 100 KiB in one write(); the parent reads it all and checks every byte
//   size      F_GETPIPE_SZ / F_SETPIPE_SZ: rounding, limits, EBUSY, data kept across resizes
//   flags     pipe2 flags and the ends' access modes
//   fstat     the file type fstat reports for both ends
// Usage: pipes MODE
import { arg, pipe2, read, write, close, fcntl, pread64, lseek, fork, waitpid, sleepMs, print, exit_group,
  errnoName, O_NONBLOCK, O_CLOEXEC, O_APPEND, F_GETFD, F_GETFL, F_SETFL, F_GETPIPE_SZ, F_SETPIPE_SZ,
  WIFEXITED, WEXITSTATUS, WTERMSIG, SEEK_SET, open, fstat, O_RDONLY } from "../../guests/sdk";

const BIG = 100 * 1024;
const buf = memory.data(BIG, 4096);
const fds = memory.data(8);
const st = memory.data(4);

/** A result: the number, or its errno name. */
function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function say(s: string): void { print(s + "\n"); }
/** Byte i of the test pattern. */
function pat(i: i32): u8 { return <u8>((i * 7 + 3) & 0xff); }

function mkpipe(flags: i32 = 0): void {
  const r = pipe2(fds, flags);
  if (r < 0) { say("pipe2: " + res(r)); exit_group(1); }
}
function rd(): i32 { return load<i32>(fds); }
function wr(): i32 { return load<i32>(fds + 4); }

function waitChild(pid: i64): string {
  waitpid(<i32>pid, st, 0);
  const s = load<i32>(st);
  return WIFEXITED(s) ? "exit " + WEXITSTATUS(s).toString() : "signal " + WTERMSIG(s).toString();
}

/** Fill [buf, buf+n) with the pattern starting at pattern index `from`. */
function fill(n: i32, from: i32 = 0): void { for (let i = 0; i < n; i++) store<u8>(buf + i, pat(from + i)); }
function intact(n: i32, from: i32 = 0): bool {
  for (let i = 0; i < n; i++) if (load<u8>(buf + i) != pat(from + i)) return false;
  return true;
}

function wake(): void {
  mkpipe();
  const pid = fork();
  if (pid == 0) {
    close(rd());
    sleepMs(1);
    const msg = "wake up\n";
    const n = String.UTF8.encodeUnsafe(changetype<usize>(msg), msg.length, buf);
    exit_group(write(wr(), buf, n) == <i64>n ? 0 : 1);
  }
  close(wr());
  const n = read(rd(), buf + 64, 64);
  say("read " + res(n) + ": " + String.UTF8.decodeUnsafe(buf + 64, n > 0 ? <usize>n : 0).trimEnd());
  say("child " + waitChild(pid));
}

function eof(): void {
  mkpipe();
  const a = fork();
  if (a == 0) { close(rd()); store<u8>(buf, 0x61); exit_group(<i32>write(wr(), buf, 1)); }
  const b = fork();
  if (b == 0) { close(rd()); sleepMs(2); store<u8>(buf, 0x62); exit_group(<i32>write(wr(), buf, 1)); }
  close(wr());
  let seen = "";
  for (;;) {
    const n = read(rd(), buf, 16);
    if (n <= 0) { seen += n == 0 ? "eof" : res(n); break; }
    seen += String.UTF8.decodeUnsafe(buf, <usize>n) + "|";
  }
  say(seen);
  say("children " + waitChild(a) + ", " + waitChild(b));
}

function epipe(): void {
  mkpipe();
  const pid = fork();
  if (pid == 0) { close(rd()); sleepMs(1); write(wr(), buf, 1); say("child survived"); exit_group(0); }
  close(rd());
  close(wr());
  say("child " + waitChild(pid));
}

function fullpipe(): void {
  mkpipe();
  const pid = fork();
  if (pid == 0) { close(rd()); fill(BIG); write(wr(), buf, BIG); say("child survived"); exit_group(0); }
  close(wr());
  sleepMs(1);                                    // the child fills the pipe and sleeps in write()
  say("read " + res(read(rd(), buf, 4096)));
  close(rd());
  say("child " + waitChild(pid));
}

function nonblock(): void {
  mkpipe(O_NONBLOCK);
  say("empty read " + res(read(rd(), buf, 10)));
  say("write 70000 " + res(write(wr(), buf, 70000)));
  say("full write " + res(write(wr(), buf, 1)));
  say("read all " + res(read(rd(), buf, BIG)));
  say("empty again " + res(read(rd(), buf, 10)));
  close(rd()); close(wr());
  mkpipe();
  say("F_SETFL " + res(fcntl(rd(), F_SETFL, O_NONBLOCK)));
  say("now read " + res(read(rd(), buf, 10)));
}

function large(): void {
  mkpipe();
  const pid = fork();
  if (pid == 0) { close(rd()); fill(BIG); exit_group(write(wr(), buf, BIG) == BIG ? 0 : 1); }
  close(wr());
  memory.fill(buf, 0, BIG);
  let got = 0, reads = 0;
  for (;;) {
    const n = read(rd(), buf + got, min(8192, BIG - got));
    if (n <= 0) break;
    got += <i32>n; reads++;
    if (got == BIG) { const e = read(rd(), buf, 1); if (e != 0) say("extra " + res(e)); break; }
  }
  say("got " + got.toString() + (intact(BIG) ? " intact" : " corrupt") + " in " + reads.toString() + " reads");
  say("child " + waitChild(pid));
}

function size(): void {
  mkpipe(O_NONBLOCK);
  const p = rd();
  say("get " + res(fcntl(p, F_GETPIPE_SZ)));
  say("set 0 " + res(fcntl(p, F_SETPIPE_SZ, 0)) + ", set -1 " + res(fcntl(p, F_SETPIPE_SZ, -1)));
  say("set 4096 " + res(fcntl(p, F_SETPIPE_SZ, 4096)));
  say("set 5000 " + res(fcntl(wr(), F_SETPIPE_SZ, 5000)) + " get " + res(fcntl(p, F_GETPIPE_SZ)));
  say("set 1048576 " + res(fcntl(p, F_SETPIPE_SZ, 1 << 20)));
  say("set 1048577 " + res(fcntl(p, F_SETPIPE_SZ, (1 << 20) + 1)));
  say("set 65536 " + res(fcntl(p, F_SETPIPE_SZ, 65536)));
  fill(3 * 4096);
  say("write 12288 " + res(write(wr(), buf, 3 * 4096)));
  say("set 8192 " + res(fcntl(p, F_SETPIPE_SZ, 8192)) + " get " + res(fcntl(p, F_GETPIPE_SZ)));
  say("set 16384 " + res(fcntl(p, F_SETPIPE_SZ, 16384)));
  say("read 4096 " + res(read(p, buf, 4096)) + (intact(4096) ? " intact" : " corrupt"));
  fill(2 * 4096, 3 * 4096);
  say("write 8192 " + res(write(wr(), buf, 2 * 4096)) + ", full: " + res(write(wr(), buf, 1)));
  say("set 65536 " + res(fcntl(p, F_SETPIPE_SZ, 65536)));
  memory.fill(buf, 0, 4 * 4096);
  const n = read(p, buf, 5 * 4096);
  say("read " + res(n) + (intact(4 * 4096, 4096) ? " intact" : " corrupt"));
  const f = open("/", O_RDONLY);
  say("file " + res(fcntl(<i32>f, F_GETPIPE_SZ)));
}

function flags(): void {
  mkpipe(O_CLOEXEC);
  say("cloexec FD " + res(fcntl(rd(), F_GETFD)) + " " + res(fcntl(wr(), F_GETFD)));
  mkpipe(0);
  say("plain FD " + res(fcntl(rd(), F_GETFD)) + " " + res(fcntl(wr(), F_GETFD)) +
    " FL " + res(fcntl(rd(), F_GETFL)) + " " + res(fcntl(wr(), F_GETFL)));
  say("read write end " + res(read(wr(), buf, 1)) + ", write read end " + res(write(rd(), buf, 1)));
  say("pread " + res(pread64(rd(), buf, 1, 0)) + ", lseek " + res(lseek(rd(), 0, SEEK_SET)));
  mkpipe(O_NONBLOCK);
  say("nonblock FL " + res(fcntl(rd(), F_GETFL)) + " " + res(fcntl(wr(), F_GETFL)));
  say("O_APPEND " + res(pipe2(fds, O_APPEND)));
}

function fstatMode(): void {
  mkpipe();
  const sb = memory.data(128, 8);
  fstat(rd(), sb);
  const a = load<u32>(sb + 16) & 0xf000;
  fstat(wr(), sb);
  say("S_IFMT 0x" + a.toString(16) + " 0x" + (load<u32>(sb + 16) & 0xf000).toString(16));
}

const mode = arg(1);
if (mode == "wake") wake();
else if (mode == "eof") eof();
else if (mode == "epipe") epipe();
else if (mode == "fullpipe") fullpipe();
else if (mode == "nonblock") nonblock();
else if (mode == "large") large();
else if (mode == "size") size();
else if (mode == "flags") flags();
else if (mode == "fstat") fstatMode();
else { say("unknown mode " + mode); exit_group(2); }
exit_group(0);
