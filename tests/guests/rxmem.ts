// Test guest: receives on a TCP connection while its own memory leaves the machine no free frame
// above the kernel's reserve (the NIC's receive-ring refill under memory pressure).
// Usage: rxmem PORT PAGES BYTES: listen on PORT, print "listening" (the test connects), accept,
// touch PAGES pages of anonymous memory, print "ready" (the test checks the free frames, then
// sends), receive until BYTES bytes or the end: "received N", exit 0.
import { argInt, socket, bind, listen, accept, recv, mmapAnon, print, eprint, exit_group, setSockaddrIn,
  AF_INET, SOCK_STREAM, INADDR_ANY } from "../../guests/sdk";

const sa = memory.data(16);
const buf = memory.data(4096);

function check(what: string, r: i64): i64 {
  if (r < 0) { eprint("rxmem: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

const port = <u16>argInt(1, 8080), pages = <usize>argInt(2, 0), want = argInt(3, 0);
const l = <i32>check("socket", socket(AF_INET, SOCK_STREAM, 0));
setSockaddrIn(sa, INADDR_ANY, port);
check("bind", bind(l, sa, 16));
check("listen", listen(l, 1));
print("listening\n");
const c = <i32>check("accept", accept(l));
if (pages > 0) {
  const a = <usize>check("mmap", mmapAnon(pages << 12));
  for (let off: usize = 0; off < pages << 12; off += 4096) store<u8>(a + off, 1);
}
print("ready\n");
let got: i64 = 0;
while (got < want) {
  const n = check("recv", recv(c, buf, 4096));
  if (n == 0) break;
  got += n;
}
print("received " + got.toString() + "\n");
exit_group(0);
