// nc: a netcat for the blocking model. Connects to HOST:PORT (or, with -l, waits on PORT for one
// connection), copies stdin to the socket until stdin ends, then shuts down its sending side and
// copies the socket to stdout until the peer closes too.
// With no poll() the two directions cannot both wait, so stdin is read with blocking reads while
// whatever the peer has sent meanwhile is moved to stdout without waiting (MSG_DONTWAIT) after each
// chunk and whenever a send would block. A peer that sends more than the receive buffer holds
// (128 KiB) while nc is blocked sending to it can still stall both; line-sized chats cannot.
// Usage: nc HOST PORT        (HOST a dotted quad; the only neighbour is 10.0.2.2)
//        nc -l PORT
// --help prints the usage (exit 0). Exit 0 when both directions ended cleanly, 1 on a network
// error with its message ("nc: connect to 10.0.2.2 port 5 (tcp) failed: Connection refused", as
// OpenBSD nc words it; "nc: recv: Connection reset by peer"), 2 on bad usage.
import { argc, arg, parseInteger, socket, bind, listen, accept, connect, send, recv, shutdown, read, close,
  writeAll, print, eprint, exit_group, strerror, setSockaddrIn, Errno,
  AF_INET, SOCK_STREAM, INADDR_ANY, MSG_DONTWAIT, MSG_NOSIGNAL, SHUT_WR } from "../sdk";

const BUF: usize = 65536;
const inBuf = memory.data(<i32>BUF);
const netBuf = memory.data(<i32>BUF);
const sa = memory.data(16);
let peerDone = false;            // the peer closed its sending side (recv returned 0)

function usage(): void { eprint("usage: nc HOST PORT | nc -l PORT\n"); exit_group(2); }
function fail(what: string, r: i64): void { eprint("nc: " + what + ": " + strerror(<i32>-r) + "\n"); exit_group(1); }

function parsePort(s: string): u16 {
  const p = parseInteger(s, -1);
  if (p <= 0 || p > 65535) usage();
  return <u16>p;
}

/** "a.b.c.d" in host order; usage error if malformed. */
function parseHost(s: string): u32 {
  const parts = s.split(".");
  if (parts.length != 4) usage();
  let a: u32 = 0;
  for (let i = 0; i < 4; i++) {
    const v = parseInteger(parts[i], -1);
    if (v < 0 || v > 255 || parts[i].length == 0) usage();
    a = (a << 8) | <u32>v;
  }
  return a;
}

/** Move what the socket already holds to stdout without waiting; true if anything moved. */
function drain(sock: i32): bool {
  let moved = false;
  while (!peerDone) {
    const r = recv(sock, netBuf, BUF, MSG_DONTWAIT);
    if (r == -Errno.EAGAIN || r == -Errno.EINTR) break;
    if (r < 0) fail("recv", r);
    if (r == 0) { peerDone = true; break; }
    writeAll(1, netBuf, <usize>r);
    moved = true;
  }
  return moved;
}

/** Send all of [p, p+n): without waiting while the peer's data can be drained, else blocking. */
function sendAll(sock: i32, p: usize, n: usize): void {
  for (let done: usize = 0; done < n; ) {
    let r = send(sock, p + done, n - done, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (r == -Errno.EAGAIN && !drain(sock)) r = send(sock, p + done, n - done, MSG_NOSIGNAL);
    if (r == -Errno.EAGAIN || r == -Errno.EINTR) continue;
    if (r < 0) fail("send", r);
    done += <usize>r;
  }
}

/** Copy stdin to the socket, then the socket to stdout, until both ends are closed. */
function relay(sock: i32): void {
  for (;;) {
    const n = read(0, inBuf, BUF);
    if (n == -Errno.EINTR) continue;
    if (n < 0) fail("read stdin", n);
    if (n == 0) break;
    sendAll(sock, inBuf, <usize>n);
    drain(sock);
  }
  const r = shutdown(sock, SHUT_WR);
  if (r < 0 && r != -Errno.ENOTCONN) fail("shutdown", r);
  while (!peerDone) {
    const m = recv(sock, netBuf, BUF, 0);
    if (m == -Errno.EINTR) continue;
    if (m < 0) fail("recv", m);
    if (m == 0) break;
    writeAll(1, netBuf, <usize>m);
  }
  close(sock);
}

if (argc() == 2 && arg(1) == "--help") { print("Usage: nc HOST PORT\n       nc -l PORT\nConnect to HOST:PORT (or wait on PORT for one connection) and copy stdin to it, it to stdout.\n"); exit_group(0); }
const listenMode = argc() == 3 && arg(1) == "-l";
if (!listenMode && argc() != 3) usage();
const sock = <i32>socket(AF_INET, SOCK_STREAM, 0);
if (sock < 0) fail("socket", sock);
if (listenMode) {
  setSockaddrIn(sa, INADDR_ANY, parsePort(arg(2)));
  let r = bind(sock, sa, 16);
  if (r < 0) fail("bind", r);
  r = listen(sock, 1);
  if (r < 0) fail("listen", r);
  let conn: i64;
  do conn = accept(sock); while (conn == -Errno.EINTR);
  if (conn < 0) fail("accept", conn);
  close(sock);
  relay(<i32>conn);
} else {
  setSockaddrIn(sa, parseHost(arg(1)), parsePort(arg(2)));
  const r = connect(sock, sa, 16);
  if (r < 0) fail("connect to " + arg(1) + " port " + arg(2) + " (tcp) failed", r);     // OpenBSD nc's words
  relay(sock);
}
exit_group(0);
