// Test guest for a listener's queue of connections not yet accepted. Usage: listener MODE PORT [BACKLOG]
//   backlog    listen(PORT, BACKLOG), print "listening" (the test then connects many times at once),
//              sleep 100 ms, accept (nonblocking) until EAGAIN: "accepted N PORTS..." (the peers'
//              ports), close everything
//   close      listen(PORT, 4), print "listening" (the test connects and holds back the handshake),
//              sleep 1 ms, close the listener: "closed"; listen again on PORT: "relistening" (the
//              test lets the handshake complete now); sleep 100 ms: "accept R" (R: accept's result,
//              nonblocking), close
//   emfile     listen(PORT, 4), print "listening" (the test connects; its peer sends "hi"), sleep
//              100 ms, dup until EMFILE: "accept R" (R: accept's result), close one dup, then
//              "accept R" again and "recv N TEXT" from the accepted connection
//   efault     listen(PORT, 4), print "listening" (the test connects twice), sleep 100 ms; accept
//              with the address buffer in the kernel half, then unmapped: "accept R" each; then
//              "dup R" (the lowest free fd) and "accept R" (nonblocking: no connection is left)
// Exit 0, or 1 with a message on stderr when a call fails.
import { arg, argInt, socket, bind, listen, accept, close, dup, recv, print, eprint, exit_group, sleepMs, setSockaddrIn,
  AF_INET, SOCK_STREAM, SOCK_NONBLOCK, INADDR_ANY } from "../../guests/sdk";

const sa = memory.data(16);
const len = memory.data(4);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("listener: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

function listenOn(port: u16, backlog: i32): i32 {
  const l = <i32>check("socket", socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0));
  setSockaddrIn(sa, INADDR_ANY, port);
  check("bind", bind(l, sa, 16));
  check("listen", listen(l, backlog));
  return l;
}

const mode = arg(1);
const port = <u16>argInt(2, 8080);
if (mode == "backlog") {
  const l = listenOn(port, <i32>argInt(3, 2));
  print("listening\n");
  sleepMs(100);
  const fds: i32[] = [];
  let line = "";
  for (;;) {
    store<u32>(len, 16);
    const r = accept(l, sa, len);
    if (r < 0) break;
    fds.push(<i32>r);
    line += " " + bswap<u16>(load<u16>(sa + 2)).toString();
  }
  print("accepted " + fds.length.toString() + line + "\n");
  for (let k = 0; k < fds.length; k++) check("close", close(fds[k]));
  check("close", close(l));
} else if (mode == "close") {
  const l = listenOn(port, 4);
  print("listening\n");
  sleepMs(1);
  check("close", close(l));
  print("closed\n");
  const l2 = listenOn(port, 4);
  print("relistening\n");
  sleepMs(100);
  print("accept " + accept(l2, 0, 0).toString() + "\n");
  check("close", close(l2));
} else if (mode == "emfile") {
  const l = listenOn(port, 4);
  print("listening\n");
  sleepMs(100);
  let last: i64 = 0;
  for (let d = dup(l); d >= 0; d = dup(l)) last = d;
  print("accept " + accept(l, 0, 0).toString() + "\n");
  check("close", close(<i32>last));
  const c = accept(l, 0, 0);
  print("accept " + c.toString() + "\n");
  const n = recv(<i32>c, sa, 16);
  print("recv " + n.toString() + " " + (n > 0 ? String.UTF8.decodeUnsafe(sa, <usize>n) : "") + "\n");
} else if (mode == "efault") {
  const l = listenOn(port, 4);
  print("listening\n");
  sleepMs(100);
  store<u32>(len, 16);
  print("accept " + accept(l, 0xc0000000, len).toString() + "\n");
  print("accept " + accept(l, 0x20000000, len).toString() + "\n");
  print("dup " + dup(l).toString() + "\n");
  print("accept " + accept(l, 0, 0).toString() + "\n");
}
exit_group(0);
