// Test guest for the socket calls' errors and addresses. Prints "NAME RESULT..." lines (results are
// raw: 0, a count, or -errno) for the test to compare. Usage: neterr MODE
//   refused     connect to 10.0.2.2:5 (no service), then the same socket to 10.0.2.2:9
//   unreach     connect to 8.8.8.8:80 (off the link: no route)
//   notsock     every socket call on fd 1 (the console): ENOTSOCK; on fd 99: EBADF
//   inuse       bind port 8080 twice (EADDRINUSE), rebind a bound socket, bind again after close
//   names       getsockname/getpeername of a connected, an unbound and a listening socket
//   reset       10.0.2.2:5000 (guestfwd to a server that resets on the first byte): send 1 byte,
//               recv, send(MSG_NOSIGNAL), then write() (SIGPIPE ends the program)
//   recv2       as reset, then recv twice
//   twosock     two connections to 10.0.2.2:5000, one byte on each; recv on the second (its reset),
//               by then the first was reset too: send(MSG_NOSIGNAL) on the first, twice
//   sendloop    10.0.2.2:5000: send(MSG_NOSIGNAL) 16 KiB at a time until an error (the server resets
//               after 64 KiB): "first ERR", then one more send(MSG_NOSIGNAL)
import { arg, socket, bind, listen, accept, connect, send, recv, sendto, recvfrom, sendmsg, recvmsg, shutdown,
  getsockname, getpeername, setsockopt, getsockopt, write, close, print, exit_group, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, SOL_SOCKET, SO_SNDBUF, MSG_NOSIGNAL, SHUT_WR, INADDR_ANY } from "../../guests/sdk";

const sa = memory.data(16);
const name = memory.data(16);
const len = memory.data(4);
const buf = memory.data(16384);
const msg = memory.data(28);

function out(s: string): void { print(s + "\n"); }
function tcp(): i32 { return <i32>socket(AF_INET, SOCK_STREAM, 0); }
function connectTo(fd: i32, a: u32, port: u16): i64 { setSockaddrIn(sa, a, port); return connect(fd, sa, 16); }
function bindTo(fd: i32, a: u32, port: u16): i64 { setSockaddrIn(sa, a, port); return bind(fd, sa, 16); }

/** "a.b.c.d:port family=F len=L" of the sockaddr in `name`, or the error. */
function addr(r: i64): string {
  if (r < 0) return r.toString();
  const a = bswap<u32>(load<u32>(name + 4));
  return (a >>> 24).toString() + "." + ((a >>> 16) & 255).toString() + "." + ((a >>> 8) & 255).toString() + "." + (a & 255).toString()
    + ":" + bswap<u16>(load<u16>(name + 2)).toString() + " family=" + load<u16>(name).toString() + " len=" + load<u32>(len).toString();
}
function sockName(fd: i32): string { memory.fill(name, 0xff, 16); store<u32>(len, 16); return addr(getsockname(fd, name, len)); }
function peerName(fd: i32): string { memory.fill(name, 0xff, 16); store<u32>(len, 16); return addr(getpeername(fd, name, len)); }

const mode = arg(1);
if (mode == "refused") {
  const s = tcp();
  out("connect5 " + connectTo(s, ipv4(10, 0, 2, 2), 5).toString());
  out("connect9 " + connectTo(s, ipv4(10, 0, 2, 2), 9).toString());
} else if (mode == "unreach") {
  out("connect " + connectTo(tcp(), ipv4(8, 8, 8, 8), 80).toString());
} else if (mode == "notsock") {
  const fds: i32[] = [1, 99];
  for (let k = 0; k < fds.length; k++) {
    const fd = fds[k];
    store<u32>(len, 16); memory.fill(msg, 0, 28);
    out("fd" + fd.toString() + " bind=" + bindTo(fd, INADDR_ANY, 8080).toString() + " listen=" + listen(fd, 1).toString()
      + " accept=" + accept(fd, 0, 0).toString() + " connect=" + connectTo(fd, ipv4(10, 0, 2, 2), 9).toString()
      + " sendto=" + sendto(fd, buf, 1, 0, 0, 0).toString() + " recvfrom=" + recvfrom(fd, buf, 1, 0, 0, 0).toString()
      + " sendmsg=" + sendmsg(fd, msg, 0).toString() + " recvmsg=" + recvmsg(fd, msg, 0).toString()
      + " shutdown=" + shutdown(fd, SHUT_WR).toString() + " getsockname=" + getsockname(fd, name, len).toString()
      + " getpeername=" + getpeername(fd, name, len).toString() + " setsockopt=" + setsockopt(fd, SOL_SOCKET, SO_SNDBUF, len, 4).toString()
      + " getsockopt=" + getsockopt(fd, SOL_SOCKET, SO_SNDBUF, buf, len).toString());
  }
} else if (mode == "inuse") {
  const a = tcp(), b = tcp();
  out("bindA " + bindTo(a, INADDR_ANY, 8080).toString() + " listenA " + listen(a, 4).toString());
  out("bindB " + bindTo(b, INADDR_ANY, 8080).toString());
  out("bindB-guest-ip " + bindTo(b, ipv4(10, 0, 2, 15), 8080).toString());
  out("bindB-other-ip " + bindTo(b, ipv4(10, 0, 2, 99), 8081).toString());
  out("closeA " + close(a).toString() + " bindB " + bindTo(b, INADDR_ANY, 8080).toString());
  out("rebindB " + bindTo(b, INADDR_ANY, 8082).toString());
} else if (mode == "names") {
  const c = tcp();
  out("fresh " + sockName(c) + " peer " + peerName(c));
  out("connect " + connectTo(c, ipv4(10, 0, 2, 2), 9).toString());
  out("connected " + sockName(c) + " peer " + peerName(c));
  memory.fill(name, 0xff, 16); store<u32>(len, 8);
  out("short " + getsockname(c, name, len).toString() + " len=" + load<u32>(len).toString() + " tail=" + load<u32>(name + 8).toString());
  const l = tcp();
  bindTo(l, INADDR_ANY, 8080); listen(l, 1);
  out("listener " + sockName(l) + " peer " + peerName(l));
} else {
  const s = tcp();
  out("connect " + connectTo(s, ipv4(10, 0, 2, 2), 5000).toString());
  if (mode == "twosock") {
    out("send1 " + send(s, buf, 1, MSG_NOSIGNAL).toString());
    const s2 = tcp();
    out("connect2 " + connectTo(s2, ipv4(10, 0, 2, 2), 5000).toString() + " send2 " + send(s2, buf, 1, MSG_NOSIGNAL).toString()
      + " recv2 " + recv(s2, buf, 100).toString());
    out("send1 " + send(s, buf, 1, MSG_NOSIGNAL).toString());
    out("send1 " + send(s, buf, 1, MSG_NOSIGNAL).toString());
  } else if (mode == "sendloop") {
    let r: i64 = 0;
    for (let i = 0; i < 4096 && r >= 0; i++) r = send(s, buf, 16384, MSG_NOSIGNAL);
    out("first " + r.toString());
    out("again " + send(s, buf, 16384, MSG_NOSIGNAL).toString());
  } else {
    out("send " + send(s, buf, 1, MSG_NOSIGNAL).toString());
    out("recv " + recv(s, buf, 100).toString());
    if (mode == "recv2") out("recv " + recv(s, buf, 100).toString());
    else {
      out("send-nosignal " + send(s, buf, 1, MSG_NOSIGNAL).toString());
      out("write " + write(s, buf, 1).toString());      // SIGPIPE: never printed
    }
  }
}
exit_group(0);
