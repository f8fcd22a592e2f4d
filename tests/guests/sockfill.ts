// Test guest: many TCP send queues filled at once, more than the machine's memory can hold.
// Usage: sockfill PORT COUNT SNDBUF PAGES: opens COUNT sockets to 10.0.2.2:PORT (a peer that never
// reads), sets SO_SNDBUF to SNDBUF on each (0: the default), and fills each with nonblocking 64 KiB
// sends until one fails. Prints "sock K queued N errno E" per socket (E: the errno that stopped it,
// 11 for EAGAIN). Then, with every socket still open, touches PAGES pages of anonymous memory
// ("touched PAGES"), closes them all and prints "closed". Exit 0, or 1 with a message on stderr
// when socket, connect, mmap or close fails.
import { argInt, mmapAnon, socket, connect, send, setsockopt, close, print, eprint, exit_group, setSockaddrIn, ipv4,
  AF_INET, SOCK_STREAM, MSG_DONTWAIT, SOL_SOCKET, SO_SNDBUF } from "../../guests/sdk";

const CHUNK: usize = 65536;
const MAX: i32 = 256;
const buf = memory.data(<i32>CHUNK, 4096);
const sa = memory.data(16);
const opt = memory.data(4);
const fds = memory.data(MAX * 4);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("sockfill: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

const port = <u16>argInt(1, 0);
const count = min(argInt(2, 1), MAX);
const sndbuf = argInt(3, 0);
for (let k = 0; k < count; k++) {
  const s = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
  store<i32>(fds + k * 4, s);
  if (sndbuf > 0) { store<i32>(opt, sndbuf); check("setsockopt", setsockopt(s, SOL_SOCKET, SO_SNDBUF, opt, 4)); }
  setSockaddrIn(sa, ipv4(10, 0, 2, 2), port);
  check("connect", connect(s, sa, 16));
  let queued: i64 = 0;
  let r: i64 = 0;
  for (;;) {
    r = send(s, buf, CHUNK, MSG_DONTWAIT);
    if (r < 0) break;
    queued += r;
  }
  print("sock " + k.toString() + " queued " + queued.toString() + " errno " + (-r).toString() + "\n");
}
const pages = <usize>argInt(4, 0);
if (pages > 0) {
  const a = <usize>check("mmap", mmapAnon(pages << 12));
  for (let off: usize = 0; off < pages << 12; off += 4096) store<u8>(a + off, 1);
}
print("touched " + pages.toString() + "\n");
for (let k = 0; k < count; k++) check("close", close(load<i32>(fds + k * 4)));
print("closed\n");
exit_group(0);
