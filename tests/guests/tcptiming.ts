// Test guest for when the kernel's TCP sends: delayed ACKs and MSG_MORE. Usage: tcptiming delack|more
//   delack: to the echo service (10.0.2.2:7) "ping", reads the 4 echoed bytes, twice, then sleeps
//           100 ms and closes: the first echo is acknowledged at once (quick-ACK), the second
//           (the connection is interactive by then) after 40 ms, with no data to carry it.
//   more:   to the discard service (10.0.2.2:9) "head" with MSG_MORE, 10 ms later "body" without it
//           (one segment "headbody"), 50 ms later "x" with MSG_MORE, then sleeps 300 ms and closes
//           ("x" leaves alone 200 ms after it was sent).
// Exit 0, or 1 with a message on stderr when a call fails.
import { arg, socket, connect, send, recv, close, sleepMs, eprint, exit_group, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, MSG_MORE } from "../../guests/sdk";

const buf = memory.data(64);
const sa = memory.data(16);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("tcptiming: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

function open(port: u16): i32 {
  const s = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
  setSockaddrIn(sa, ipv4(10, 0, 2, 2), port);
  check("connect", connect(s, sa, 16));
  return s;
}

function put(s: i32, text: string, flags: i32): void {
  for (let i = 0; i < text.length; i++) store<u8>(buf + <usize>i, <u8>text.charCodeAt(i));
  check("send", send(s, buf, <usize>text.length, flags));
}

const mode = arg(1, "delack");
if (mode == "delack") {
  const s = open(7);
  for (let k = 0; k < 2; k++) {
    put(s, "ping", 0);
    let got: i64 = 0;
    while (got < 4) {
      const n = check("recv", recv(s, buf + <usize>got, <usize>(4 - got)));
      if (n == 0) break;
      got += n;
    }
  }
  sleepMs(100);
  check("close", close(s));
} else {
  const s = open(9);
  put(s, "head", MSG_MORE);
  sleepMs(10);
  put(s, "body", 0);
  sleepMs(50);
  put(s, "x", MSG_MORE);
  sleepMs(300);
  check("close", close(s));
}
exit_group(0);
