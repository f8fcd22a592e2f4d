// Test guest for ppoll and pselect6 (kernel/poll.ts): readiness of pipes, files, sockets and bad
// fds, a timeout that passes (0 and the timespec written back as 0), and a sleep ended by another
// process's write. Prints one line "name value" per check; tests/syscall.poll.test.ts compares.
import { pipe2, write, read, close, open, fork, waitpid, sleepMs, ppoll, pselect6, socket, listen, bind,
  print, exit_group, errnoName, nowNs, O_RDWR, O_CREAT, POLLIN, POLLOUT, POLLHUP, POLLERR, POLLNVAL,
  POLLFD_SIZE, POLLFD_FD, POLLFD_EVENTS, POLLFD_REVENTS, AF_INET, SOCK_STREAM, TV_SEC, TV_NSEC, arg, connect, send, recv,
  shutdown, SHUT_WR, setSockaddrIn, ipv4 } from "../../guests/sdk";
import { PORT_ECHO } from "../../kernel/abi/net";

const fds = memory.data(8);
const pfd = memory.data(64);
const ts = memory.data(16);
const sets = memory.data(3 * 128);
const buf = memory.data(64);

function out(name: string, v: string): void { print(name + " " + v + "\n"); }
function res(r: i64): string { return r < 0 ? errnoName(<i32>-r) : r.toString(); }
function setFd(i: i32, fd: i32, events: i32): void {
  const e = pfd + <usize>i * POLLFD_SIZE;
  store<i32>(e + POLLFD_FD, fd); store<i16>(e + POLLFD_EVENTS, <i16>events); store<i16>(e + POLLFD_REVENTS, 0x7fff);
}
function rev(i: i32): string { return "0x" + (<u32>load<u16>(pfd + <usize>i * POLLFD_SIZE + POLLFD_REVENTS)).toString(16); }
function setTs(ms: i64): usize { store<i64>(ts + TV_SEC, ms / 1000); store<i64>(ts + TV_NSEC, (ms % 1000) * 1000000); return ts; }

// "pollwait net": a connection to the echo service (10.0.2.2:7): nothing to read until the echo of
// "ping" comes back, which wakes a ppoll with no timeout.
if (arg(1) == "net") {
  const c = <i32>socket(AF_INET, SOCK_STREAM, 0);
  setSockaddrIn(buf, ipv4(10, 0, 2, 2), <u16>PORT_ECHO);
  out("net.connect", res(connect(c, buf, 16)));
  setFd(0, c, POLLIN | POLLOUT);
  out("net.before", res(ppoll(pfd, 1, setTs(0))) + " " + rev(0));
  store<u32>(buf + 32, 0x676e6970);                 // "ping"
  out("net.send", res(send(c, buf + 32, 4)));
  setFd(0, c, POLLIN);
  out("net.woken", res(ppoll(pfd, 1, 0)) + " " + rev(0) + " " + res(recv(c, buf + 40, 16)));
  shutdown(c, SHUT_WR);
  setFd(0, c, POLLIN);
  out("net.fin", res(ppoll(pfd, 1, setTs(1000))) + " " + rev(0) + " " + res(recv(c, buf + 40, 16)));
  exit_group(0);
}

pipe2(fds, 0);
const r = load<i32>(fds), w = load<i32>(fds + 4);
const f = <i32>open("/pollfile", O_RDWR | O_CREAT);

setFd(0, r, POLLIN); setFd(1, w, POLLOUT); setFd(2, f, POLLIN | POLLOUT); setFd(3, 60, POLLIN); setFd(4, -1, POLLIN);
out("ppoll.now", res(ppoll(pfd, 5, setTs(0))) + " " + rev(0) + " " + rev(1) + " " + rev(2) + " " + rev(3) + " " + rev(4));

let t0 = nowNs();
setFd(0, r, POLLIN);
out("ppoll.timeout", res(ppoll(pfd, 1, setTs(5))) + " " + rev(0) + " " + (nowNs() - t0 >= 5000000 ? "waited" : "early")
  + " left=" + load<i64>(ts + TV_SEC).toString() + "." + load<i64>(ts + TV_NSEC).toString());

// a child writes after 3 ms; the parent sleeps in ppoll (no timeout) until then
const pid = fork();
if (pid == 0) { sleepMs(3); store<u8>(buf, 0x78); write(w, buf, 1); exit_group(0); }
t0 = nowNs();
setFd(0, r, POLLIN);
const n = ppoll(pfd, 1, 0);
const dt = nowNs() - t0;
out("ppoll.woken", res(n) + " " + rev(0) + " " + (dt >= 3000000 ? "after-write" : "early") + " " + res(read(r, buf, 8)));
waitpid(<i32>pid, 0);

// with a timeout longer than the writer's delay: woken early, the time left written back
const pid2 = fork();
if (pid2 == 0) { sleepMs(2); write(w, buf, 1); exit_group(0); }
setFd(0, r, POLLIN);
const n2 = ppoll(pfd, 1, setTs(1000));
const left = load<i64>(ts + TV_SEC) * 1000000000 + load<i64>(ts + TV_NSEC);
out("ppoll.woken-left", res(n2) + " " + (left < 1000000000 && left > 990000000 ? "about-998ms" : left.toString()));
read(r, buf, 8);
waitpid(<i32>pid2, 0);

// the write end closed: POLLHUP on the read end; the read end closed: POLLERR on the write end
const fds2 = memory.data(8);
pipe2(fds2, 0);
close(load<i32>(fds2 + 4));
setFd(0, load<i32>(fds2), POLLIN);
out("ppoll.hup", res(ppoll(pfd, 1, setTs(0))) + " " + rev(0));
pipe2(fds2, 0);
close(load<i32>(fds2));
setFd(0, load<i32>(fds2 + 4), POLLOUT);
out("ppoll.err", res(ppoll(pfd, 1, setTs(0))) + " " + rev(0));

// sockets: a fresh one is POLLOUT|POLLHUP (as tcp_poll), a listener with nobody waiting nothing
const s = <i32>socket(AF_INET, SOCK_STREAM, 0);
setFd(0, s, POLLIN | POLLOUT);
out("ppoll.socket", res(ppoll(pfd, 1, setTs(0))) + " " + rev(0));
const addr = memory.data(16);
store<u16>(addr, <u16>AF_INET); store<u8>(addr + 2, 0x1f); store<u8>(addr + 3, 0x90);   // port 8080
const l = <i32>socket(AF_INET, SOCK_STREAM, 0);
bind(l, addr, 16); listen(l, 4);
setFd(0, l, POLLIN);
out("ppoll.listener", res(ppoll(pfd, 1, setTs(0))) + " " + rev(0));

setTs(0); store<i64>(ts + TV_NSEC, 1000000000);
out("ppoll.badts", res(ppoll(pfd, 1, ts)));

// pselect6: the pipe has a byte: readable; the write end writable; a closed fd is EBADF
write(w, buf, 1);
memory.fill(sets, 0, 3 * 128);
store<u8>(sets + (r >> 3), <u8>(1 << <u8>(r & 7)));
store<u8>(sets + 128 + (w >> 3), <u8>(1 << <u8>(w & 7)));
store<u8>(sets + 128 + (r >> 3), load<u8>(sets + 128 + (r >> 3)) | <u8>(1 << <u8>(r & 7)));   // r for writing: never
const nfds = max(r, w) + 1;
out("pselect6", res(pselect6(nfds, sets, sets + 128, sets + 256, setTs(0))) + " "
  + ((load<u8>(sets + (r >> 3)) >> <u8>(r & 7)) & 1).toString() + ((load<u8>(sets + 128 + (w >> 3)) >> <u8>(w & 7)) & 1).toString()
  + ((load<u8>(sets + 128 + (r >> 3)) >> <u8>(r & 7)) & 1).toString());
read(r, buf, 8);
memory.fill(sets, 0, 3 * 128);
store<u8>(sets + (r >> 3), <u8>(1 << <u8>(r & 7)));
t0 = nowNs();
out("pselect6.timeout", res(pselect6(nfds, sets, 0, 0, setTs(4))) + " " + (nowNs() - t0 >= 4000000 ? "waited" : "early")
  + " " + load<u8>(sets + (r >> 3)).toString());
memory.fill(sets, 0, 3 * 128);
store<u8>(sets + 7, 0x80);                   // fd 63: not open
out("pselect6.badfd", res(pselect6(64, sets, 0, 0, setTs(0))) + " " + res(pselect6(2000, sets, 0, 0, setTs(0))));
exit_group(0);
