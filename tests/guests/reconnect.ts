// Test guest for connecting a socket again after its connection was reset. Usage: reconnect PORT
// Connects to 10.0.2.2:PORT (the test's peer resets the connection once some data has come),
// sends 'X' bytes (MSG_DONTWAIT|MSG_NOSIGNAL) until an error, sleeps 10 ms (the reset arrives),
// then connects the same socket to the discard service (10.0.2.2:9; the first connect may report
// the reset once) and sends "hello". Prints "first E" (the error that ended the sends), "connect R",
// "send R". Exit 0, or 1 with a message on stderr when a call fails.
import { argInt, socket, connect, send, close, print, eprint, exit_group, sleepMs, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, MSG_DONTWAIT, MSG_NOSIGNAL } from "../../guests/sdk";

const CHUNK: usize = 16384;
const buf = memory.data(<i32>CHUNK, 4096);
const hello = memory.data(8);
const sa = memory.data(16);
const ECONNRESET: i64 = -104;

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("reconnect: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

memory.fill(buf, 0x58, CHUNK);
store<u8>(hello, 0x68); store<u8>(hello + 1, 0x65); store<u8>(hello + 2, 0x6c); store<u8>(hello + 3, 0x6c); store<u8>(hello + 4, 0x6f);
const s = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
setSockaddrIn(sa, ipv4(10, 0, 2, 2), <u16>argInt(1, 0));
check("connect", connect(s, sa, 16));
let r: i64 = 0;
while (r >= 0) r = send(s, buf, CHUNK, MSG_DONTWAIT | MSG_NOSIGNAL);
print("first " + r.toString() + "\n");
sleepMs(10);
setSockaddrIn(sa, ipv4(10, 0, 2, 2), 9);
r = connect(s, sa, 16);
if (r == ECONNRESET) r = connect(s, sa, 16);
print("connect " + r.toString() + "\n");
print("send " + send(s, hello, 5, MSG_NOSIGNAL).toString() + "\n");
check("close", close(s));
exit_group(0);
