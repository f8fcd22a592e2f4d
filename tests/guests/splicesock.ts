// Test guest for splice from a socket that has nothing to give. Usage: splicesock MODE [PORT]
//   listen   splice from a listening socket into a pipe: "splice R"
//   reset    connect to 10.0.2.2:PORT (the test's peer resets on the first byte), send 1 byte,
//            sleep 10 ms, then splice into a pipe twice: "splice R" each
// Exit 0, or 1 with a message on stderr when a call fails.
import { arg, argInt, socket, bind, listen, connect, send, pipe2, splice, print, eprint, exit_group, sleepMs,
  setSockaddrIn, ipv4, AF_INET, SOCK_STREAM, INADDR_ANY } from "../../guests/sdk";

const sa = memory.data(16);
const fds = memory.data(8);
const buf = memory.data(16);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("splicesock: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

const s = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
check("pipe2", pipe2(fds));
const w = load<i32>(fds + 4);
if (arg(1) == "listen") {
  setSockaddrIn(sa, INADDR_ANY, 8080);
  check("bind", bind(s, sa, 16));
  check("listen", listen(s, 4));
  print("splice " + splice(s, 0, w, 0, 4096, 0).toString() + "\n");
} else {
  setSockaddrIn(sa, ipv4(10, 0, 2, 2), <u16>argInt(2, 0));
  check("connect", connect(s, sa, 16));
  check("send", send(s, buf, 1));
  sleepMs(10);
  print("splice " + splice(s, 0, w, 0, 4096, 0).toString() + "\n");
  print("splice " + splice(s, 0, w, 0, 4096, 0).toString() + "\n");
}
exit_group(0);
