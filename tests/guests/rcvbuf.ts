// Test guest for shrinking the receive buffer of a connection with data in flight. Usage: rcvbuf N
// Connects to chargen (10.0.2.2:19), at once sets SO_RCVBUF to 1 (the smallest buffer, 2304 bytes),
// then reads N bytes and prints "read N FNV" (FNV-1a 32 of the bytes, hex) and closes.
// Exit 0, or 1 with a message on stderr when a call fails.
import { argInt, socket, connect, recv, setsockopt, close, print, eprint, exit_group, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, SOL_SOCKET, SO_RCVBUF } from "../../guests/sdk";

const buf = memory.data(4096);
const sa = memory.data(16);
const opt = memory.data(4);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("rcvbuf: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

const want = argInt(1, 100000);
const s = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
setSockaddrIn(sa, ipv4(10, 0, 2, 2), 19);
check("connect", connect(s, sa, 16));
store<i32>(opt, 1);
check("setsockopt", setsockopt(s, SOL_SOCKET, SO_RCVBUF, opt, 4));
let got: i64 = 0, h: u32 = 0x811c9dc5;
while (got < want) {
  const n = check("recv", recv(s, buf, <usize>min<i64>(4096, want - got)));
  if (n == 0) break;
  for (let i: i64 = 0; i < n; i++) h = (h ^ load<u8>(buf + <usize>i)) * 0x01000193;
  got += n;
}
print("read " + got.toString() + " " + h.toString(16) + "\n");
check("close", close(s));
exit_group(0);
