// Test guest: the guest end of a --hostfwd connection on port 7777. Usage: fwdpeer MODE [N]
//   blast N   accept, write N bytes (byte i = i & 0xff) with write(), close, exit at once
//   poll N    accept, write "hi", then up to N times: recv(MSG_DONTWAIT), and nanosleep 1 ms when
//             nothing is there (a program that polls instead of blocking); prints what it got or
//             "nothing after N polls"
// Exit 0, or 1 with a message on stderr when a call fails.
import { arg, argInt, socket, bind, listen, accept, recv, write, close, sleepNs, print, eprint, exit_group,
  setSockaddrIn, fromUtf8, AF_INET, SOCK_STREAM, INADDR_ANY, MSG_DONTWAIT } from "../../guests/sdk";

const BUF: usize = 65536;
const buf = memory.data(<i32>BUF, 4096);
const sa = memory.data(16);

function must(what: string, r: i64): i64 {
  if (r < 0) { eprint("fwdpeer: " + what + ": " + (-r).toString() + "\n"); exit_group(1); }
  return r;
}

const mode = arg(1), n = argInt(2, 0);
const ls = <i32>must("socket", socket(AF_INET, SOCK_STREAM, 0));
setSockaddrIn(sa, INADDR_ANY, 7777);
must("bind", bind(ls, sa, 16));
must("listen", listen(ls, 1));
const c = <i32>must("accept", accept(ls));
if (mode == "blast") {
  for (let i: usize = 0; i < BUF; i++) store<u8>(buf + i, <u8>i);
  for (let left = n; left > 0; ) left -= must("write", write(c, buf, <usize>min<i64>(left, <i64>BUF)));
  must("close", close(c));
} else {
  store<u16>(buf, 0x6968);                                   // "hi"
  must("write", write(c, buf, 2));
  let got = false;
  for (let i: i64 = 0; i < n && !got; i++) {
    const r = recv(c, buf, BUF, MSG_DONTWAIT);
    if (r > 0) { print("got " + fromUtf8(buf, <usize>r) + " after " + i.toString() + " polls\n"); got = true; }
    else if (r == -11) sleepNs(1000000);
    else must("recv", r);
  }
  if (!got) print("nothing after " + n.toString() + " polls\n");
  close(c);
}
exit_group(0);
