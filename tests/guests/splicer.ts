// Test guest for splice, tee and vmsplice: one behaviour per MODE, printing one fact a line.
//   errors    every error case of splice/tee/vmsplice, and splice with an explicit file offset
//   trace     FILE -> pipe (splice), getpid() (a marker for the test's hook), pipe -> a TCP socket
//             to 10.0.2.2:9 (splice): two splice calls
//   tee       4096 bytes written into pipe A, tee(A -> B), getpid(), then both read back
//   vmsplice  a page of the heap vmspliced into a pipe, getpid(), the page changed, the pipe read
//   noreader  into a pipe whose read end is closed, in a child each: splice file -> pipe, splice
//             pipe -> pipe, tee, vmsplice; the parent prints how each child ended
// Usage: splicer MODE [FILE]
import { arg, fork, waitpid, WIFEXITED, WEXITSTATUS, WTERMSIG, open, read, write, close, pipe2, splice, tee, vmsplice, lseek, getpid, socket, connect, print, exit_group,
  errnoName, setSockaddrIn, ipv4, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC, O_NONBLOCK, SEEK_CUR, AF_INET, SOCK_STREAM,
  SPLICE_F_NONBLOCK } from "../../guests/sdk";

const buf = memory.data(65536, 4096);
const page = memory.data(4096, 4096);
const other = memory.data(4096, 4096);
const fds = memory.data(8);
const off = memory.data(8);
const iov = memory.data(8);
const sa = memory.data(16);

function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function say(s: string): void { print(s + "\n"); }
function check(what: string, r: i64): i64 { if (r < 0) { say(what + ": " + res(r)); exit_group(1); } return r; }
function mkpipe(flags: i32 = 0): void { check("pipe2", pipe2(fds, flags)); }
function rd(): i32 { return load<i32>(fds); }
function wr(): i32 { return load<i32>(fds + 4); }

function errors(): void {
  const fin = <i32>check("open", open("/data/4k.bin", O_RDONLY));
  const fout = <i32>check("create", open("/splice.out", O_WRONLY | O_CREAT | O_TRUNC));
  mkpipe();
  const pr = rd(), pw = wr();
  store<i64>(off, 0);
  say("file -> file " + res(splice(fin, 0, fout, 0, 10, 0)));
  say("offset on the pipe in " + res(splice(pr, off, fout, 0, 10, 0)));
  say("offset on the pipe out " + res(splice(fin, 0, pw, off, 10, 0)));
  say("write end as input " + res(splice(pw, 0, fout, 0, 10, 0)));
  say("read end as output " + res(splice(fin, 0, pr, 0, 10, 0)));
  say("O_WRONLY file as input " + res(splice(fout, 0, pw, 0, 10, 0)));
  say("O_RDONLY file as output " + res(splice(pr, 0, fin, 0, 10, 0)));
  say("bad fd " + res(splice(99, 0, pw, 0, 10, 0)));
  say("bad flags " + res(splice(fin, 0, pw, 0, 10, 0x100)));
  say("len 0 " + res(splice(fin, 0, pw, 0, 0, 0)));
  say("empty pipe, SPLICE_F_NONBLOCK " + res(splice(pr, 0, fout, 0, 10, SPLICE_F_NONBLOCK)));
  check("fill", write(pw, buf, 65536));
  say("full pipe, SPLICE_F_NONBLOCK " + res(splice(fin, 0, pw, 0, 10, SPLICE_F_NONBLOCK)));
  mkpipe();
  check("write", write(wr(), buf, 10));
  say("tee into a full pipe, SPLICE_F_NONBLOCK " + res(tee(rd(), pw, 10, SPLICE_F_NONBLOCK)));
  mkpipe(O_NONBLOCK);
  const qr = rd(), qw = wr();
  say("empty O_NONBLOCK pipe " + res(splice(qr, 0, fout, 0, 10, 0)));
  say("pipe -> pipe offset " + res(splice(pr, 0, qw, off, 10, 0)));
  say("tee from a file " + res(tee(fin, qw, 10, 0)));
  say("tee to a file " + res(tee(pr, fout, 10, 0)));
  say("tee a pipe to itself " + res(tee(pr, pw, 10, 0)));
  say("tee empty, SPLICE_F_NONBLOCK " + res(tee(qr, pw, 10, SPLICE_F_NONBLOCK)));
  store<u32>(iov, <u32>page); store<u32>(iov + 4, 4096);
  say("vmsplice from an empty read end, SPLICE_F_NONBLOCK " + res(vmsplice(qr, iov, 1, SPLICE_F_NONBLOCK)));
  say("vmsplice to a file " + res(vmsplice(fout, iov, 1, 0)));
  store<i64>(off, 4000);
  say("splice at offset 4000 " + res(splice(fin, off, qw, 0, 1000, 0)) + ", offset now " + load<i64>(off).toString() +
    ", file position " + res(lseek(fin, 0, SEEK_CUR)));
  store<i64>(off, 4096);
  say("splice at the end " + res(splice(fin, off, qw, 0, 1000, 0)));
}

function traceMode(file: string): void {
  const fd = <i32>check("open", open(file, O_RDONLY));
  mkpipe();
  const sock = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
  setSockaddrIn(sa, ipv4(10, 0, 2, 2), 9);
  check("connect", connect(sock, sa, 16));
  const a = splice(fd, 0, wr(), 0, 4096, 0);
  getpid();
  const b = splice(rd(), 0, sock, 0, 4096, 0);
  close(sock);
  say("file -> pipe " + res(a) + ", pipe -> socket " + res(b));
}

function teeMode(): void {
  for (let i = 0; i < 4096; i++) store<u8>(page + i, <u8>(i * 13 + 5));
  mkpipe();
  const ar = rd(), aw = wr();
  mkpipe();
  const br = rd(), bw = wr();
  check("write", write(aw, page, 4096));
  const n = tee(ar, bw, 4096, 0);
  getpid();
  const x = read(br, buf, 4096), y = read(ar, other, 4096);
  let same = x == 4096 && y == 4096;
  for (let i = 0; i < 4096 && same; i++) same = load<u8>(buf + i) == load<u8>(page + i) && load<u8>(other + i) == load<u8>(page + i);
  say("tee " + res(n) + ", read " + res(x) + " and " + res(y) + (same ? ", both intact" : ", different"));
}

function vmspliceMode(): void {
  for (let i = 0; i < 4096; i++) store<u8>(page + i, <u8>(i * 13 + 5));
  mkpipe();
  store<u32>(iov, <u32>page); store<u32>(iov + 4, 4096);
  const n = vmsplice(wr(), iov, 1, 0);
  getpid();
  store<u8>(page, 0xee);                        // the pipe holds the page itself: the reader sees this
  const x = read(rd(), buf, 4096);
  let same = x == 4096;
  for (let i = 1; i < 4096 && same; i++) same = load<u8>(buf + i) == <u8>(i * 13 + 5);
  say("vmsplice " + res(n) + ", read " + res(x) + ", first byte 0x" + load<u8>(buf).toString(16) + (same ? ", rest intact" : ", rest different"));
}

/** In a child: make a pipe with no reader and one with data, run `how` into the first. */
function intoClosed(how: i32): string {
  const pid = fork();
  if (pid == 0) {
    const fin = <i32>check("open", open("/data/4k.bin", O_RDONLY));
    mkpipe();
    const sr = rd(), sw = wr();
    check("write", write(sw, page, 4096));
    mkpipe();
    close(rd());
    store<u32>(iov, <u32>page); store<u32>(iov + 4, 4096);
    const r = how == 0 ? splice(fin, 0, wr(), 0, 4096, 0) : how == 1 ? splice(sr, 0, wr(), 0, 4096, 0)
      : how == 2 ? tee(sr, wr(), 4096, 0) : vmsplice(wr(), iov, 1, 0);
    say("survived: " + res(r));
    exit_group(0);
  }
  waitpid(<i32>pid, off, 0);
  const s = load<i32>(off);
  return WIFEXITED(s) ? "exit " + WEXITSTATUS(s).toString() : "signal " + WTERMSIG(s).toString();
}

function noReader(): void {
  const names = ["splice file -> pipe", "splice pipe -> pipe", "tee", "vmsplice"];
  for (let i = 0; i < names.length; i++) say(names[i] + ": " + intoClosed(i));
}

const mode = arg(1);
if (mode == "errors") errors();
else if (mode == "trace") traceMode(arg(2, "/data/4k.bin"));
else if (mode == "tee") teeMode();
else if (mode == "vmsplice") vmspliceMode();
else if (mode == "noreader") noReader();
else { say("unknown mode " + mode); exit_group(2); }
exit_group(0);
