// Test guest for MSG_ZEROCOPY. Connects to the discard service (10.0.2.2:9) and sends a page-aligned
// buffer whose byte i is (i * 7 + 3) & 0xff. Usage: zerocopy MODE [BYTES]   (BYTES default 16384)
//   on:        SO_ZEROCOPY, one send(MSG_ZEROCOPY), its completion; then two more sends and one
//              completion read covering both; then the error queue is empty (EAGAIN)
//   off:       no SO_ZEROCOPY: send(MSG_ZEROCOPY) is a plain copy and no completion ever comes
//   overwrite: SO_ZEROCOPY, send(MSG_ZEROCOPY), then at once overwrite the buffer with 0xEE before
//              the completion (what a program must not do), then wait for the completion
// Prints one line per completion read and per empty error queue, for the test to parse:
//   zc ret=0 lo=0 hi=0 origin=5 type=0 code=0 errno=0 level=0 cmsgtype=11 cmsglen=28 controllen=28 flags=8192
//   errqueue -11
// Exit 0, or 1 with a message on stderr when a call fails.
import { arg, argInt, socket, connect, send, recvmsg, setsockopt, getsockopt, close, sleepNs, print, eprint,
  exit_group, setSockaddrIn, ipv4, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_ZEROCOPY, MSG_ZEROCOPY, MSG_ERRQUEUE } from "../../guests/sdk";

const MAX: usize = 1 << 20;
const buf = memory.data(<i32>MAX, 4096);
const sa = memory.data(16);
const opt = memory.data(8);
const msg = memory.data(28);
const ctl = memory.data(64);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("zerocopy: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

function sendAll(sock: i32, n: usize, flags: i32): void {
  for (let done: usize = 0; done < n; ) done += <usize>check("send", send(sock, buf + done, n - done, flags));
}

/** recvmsg(MSG_ERRQUEUE) once: the raw result, the control message fields printed. */
function errq(sock: i32): i64 {
  memory.fill(msg, 0, 28); memory.fill(ctl, 0xff, 64);
  store<u32>(msg + 16, <u32>ctl); store<u32>(msg + 20, 64);
  const r = recvmsg(sock, msg, MSG_ERRQUEUE);
  if (r < 0) { print("errqueue " + r.toString() + "\n"); return r; }
  print("zc ret=" + r.toString() + " lo=" + load<u32>(ctl + 20).toString() + " hi=" + load<u32>(ctl + 24).toString()
    + " origin=" + load<u8>(ctl + 16).toString() + " type=" + load<u8>(ctl + 17).toString() + " code=" + load<u8>(ctl + 18).toString()
    + " errno=" + load<u32>(ctl + 12).toString() + " level=" + load<i32>(ctl + 4).toString() + " cmsgtype=" + load<i32>(ctl + 8).toString()
    + " cmsglen=" + load<u32>(ctl).toString() + " controllen=" + load<u32>(msg + 20).toString() + " flags=" + load<i32>(msg + 24).toString() + "\n");
  return r;
}

const mode = arg(1);
const n = <usize>argInt(2, 16384);
if (n == 0 || n > MAX) { eprint("zerocopy: bad size\n"); exit_group(2); }
for (let i: usize = 0; i < n; i++) store<u8>(buf + i, <u8>(i * 7 + 3));
const sock = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
setSockaddrIn(sa, ipv4(10, 0, 2, 2), 9);
check("connect", connect(sock, sa, 16));
if (mode != "off") {
  store<i32>(opt, 1);
  check("setsockopt", setsockopt(sock, SOL_SOCKET, SO_ZEROCOPY, opt, 4));
  store<u32>(opt + 4, 4); store<i32>(opt, 0);
  check("getsockopt", getsockopt(sock, SOL_SOCKET, SO_ZEROCOPY, opt, opt + 4));
  if (load<i32>(opt) != 1) { eprint("zerocopy: SO_ZEROCOPY reads back " + load<i32>(opt).toString() + "\n"); exit_group(1); }
}
sendAll(sock, n, MSG_ZEROCOPY);
if (mode == "overwrite") memory.fill(buf, 0xee, n);
sleepNs(5000000);                               // 5 ms (virtual): every ACK is back, no poll() needed
if (mode == "off") { errq(sock); }
else {
  errq(sock);                                   // the first send: lo = hi = 0
  errq(sock);                                   // nothing more: EAGAIN
  if (mode == "on") {
    sendAll(sock, n, MSG_ZEROCOPY);
    sendAll(sock, n, MSG_ZEROCOPY);
    sleepNs(5000000);
    errq(sock);                                 // both, coalesced: lo = 1, hi = 2
    errq(sock);
  }
}
check("close", close(sock));
exit_group(0);
