// Test guest for sendfile()'s argument rules and offsets. Connects to the discard service
// (10.0.2.2:9), then makes each call below and prints "NAME RESULT [OFFSET] [FILEPOS]" per line.
// Usage: sendfileck FILE (FILE at least 10000 bytes; the test supplies /f of exactly 10000)
//   sock_in     sendfile(sock, sock, NULL, 100)           in_fd a socket
//   tty_in      sendfile(sock, 0, NULL, 100)              in_fd the console
//   ro_out      sendfile(rdonly file, file, NULL, 100)    out_fd not open for writing
//   wo_in       sendfile(sock, wronly file, NULL, 100)    in_fd not open for reading
//   neg_off     sendfile(sock, file, &-1, 100)
//   off         lseek(file, 100); sendfile(sock, file, &4000, 3000): bytes [4000, 7000)
//   nooff       sendfile(sock, file, NULL, 500): bytes [100, 600), from the file offset
//   eof         sendfile(sock, file, &9000, 5000): bytes [9000, 10000), stops at end of file
//   past        sendfile(sock, file, &10000, 5000): 0
//   zero        sendfile(sock, file, &0, 0): 0
// OFFSET is the i64 the offset pointer holds after the call, FILEPOS lseek(file, 0, SEEK_CUR).
import { arg, socket, connect, sendfile, open, lseek, close, print, eprint, exit_group, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, O_RDONLY, O_WRONLY, SEEK_SET, SEEK_CUR } from "../../guests/sdk";

const sa = memory.data(16);
const off = memory.data(8, 8);

function must(what: string, r: i64): i32 {
  if (r < 0) { eprint("sendfileck: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return <i32>r;
}

function line(name: string, r: i64, withOff: bool, fd: i32): void {
  let s = name + " " + r.toString();
  if (withOff) s += " " + load<i64>(off).toString();
  if (fd >= 0) s += " " + lseek(fd, 0, SEEK_CUR).toString();
  print(s + "\n");
}

/** sendfile with the offset pointer holding `at`. */
function at(out: i32, inp: i32, pos: i64, count: usize): i64 { store<i64>(off, pos); return sendfile(out, inp, off, count); }

const file = arg(1);
const sock = must("socket", socket(AF_INET, SOCK_STREAM, 0));
setSockaddrIn(sa, ipv4(10, 0, 2, 2), 9);
must("connect", connect(sock, sa, 16));
const fd = must("open", open(file, O_RDONLY));
const ro = must("open", open(file, O_RDONLY));
const wo = must("open", open(file, O_WRONLY));

line("sock_in", sendfile(sock, sock, 0, 100), false, -1);
line("tty_in", sendfile(sock, 0, 0, 100), false, -1);
line("ro_out", sendfile(ro, fd, 0, 100), false, fd);
line("wo_in", sendfile(sock, wo, 0, 100), false, -1);
line("neg_off", at(sock, fd, -1, 100), true, fd);
must("lseek", lseek(fd, 100, SEEK_SET));
line("off", at(sock, fd, 4000, 3000), true, fd);
line("nooff", sendfile(sock, fd, 0, 500), false, fd);
line("eof", at(sock, fd, 9000, 5000), true, fd);
line("past", at(sock, fd, 10000, 5000), true, fd);
line("zero", at(sock, fd, 0, 0), true, fd);
must("close", close(sock));
exit_group(0);
