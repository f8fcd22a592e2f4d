// Test guest for closing a socket whose send buffer is full. Usage: closeleak PORT ROUNDS [read]
// Each round: connect to 10.0.2.2:PORT, send(MSG_DONTWAIT) 16 KiB at a time until EAGAIN (the peer
// does not read, so its window closes and our send buffer fills), then close. With "read" it first
// reads (MSG_DONTWAIT) whatever the peer sent back, so the receive queue is empty at close.
// Prints "round K queued N" per round (N: bytes accepted by send), then "done".
// Exit 0, or 1 with a message on stderr when a call fails.
import { arg, argInt, socket, connect, send, recv, close, print, eprint, exit_group, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, MSG_DONTWAIT } from "../../guests/sdk";

const CHUNK: usize = 16384;
const buf = memory.data(<i32>CHUNK, 4096);
const sa = memory.data(16);
const EAGAIN: i64 = -11;

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("closeleak: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

const port = <u16>argInt(1, 0);
const rounds = argInt(2, 1);
const drain = arg(3) == "read";
for (let k = 0; k < rounds; k++) {
  const s = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
  setSockaddrIn(sa, ipv4(10, 0, 2, 2), port);
  check("connect", connect(s, sa, 16));
  let queued: i64 = 0;
  for (;;) {
    const r = send(s, buf, CHUNK, MSG_DONTWAIT);
    if (r == EAGAIN) break;
    queued += check("send", r);
  }
  if (drain) while (recv(s, buf, CHUNK, MSG_DONTWAIT) > 0) {}
  check("close", close(s));
  print("round " + k.toString() + " queued " + queued.toString() + "\n");
}
print("done\n");
exit_group(0);
