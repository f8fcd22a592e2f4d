// splice-cat: cat without a user buffer. Opens FILE and a pipe, then loops splice(file -> pipe),
// which puts the file's page-cache pages into the pipe's slots by reference, and splice(pipe ->
// out), which hands them to stdout (the console, a file or another pipe) or, with HOST:PORT, to a
// TCP socket connected there (e.g. 10.0.2.2:9, the discard service): with a NIC that can gather,
// no CPU copy of the data at all.
// Exit 0 when every byte went out; 1 with "splice-cat: WHAT: ERRNO" on an error; 2 for bad usage.
// Usage: splice-cat FILE [A.B.C.D:PORT]
import { argc, arg, open, close, pipe2, splice, socket, connect, eprint, exit_group, errnoName,
  setSockaddrIn, ipv4, O_RDONLY, AF_INET, SOCK_STREAM } from "../sdk";

const CHUNK: usize = 65536;          // one pipe's worth (16 slots of 4 KiB)
const pfds = memory.data(8);
const sa = memory.data(16);

function ok(what: string, r: i64): i64 {
  if (r < 0) { eprint("splice-cat: " + what + ": " + errnoName(<i32>-r) + "\n"); exit_group(1); }
  return r;
}

/** Connect a TCP socket to "A.B.C.D:PORT". */
function dial(s: string): i32 {
  const colon = s.lastIndexOf(":");
  const ip = s.substring(0, colon).split(".");
  if (colon < 0 || ip.length != 4) { eprint("splice-cat: bad address " + s + "\n"); exit_group(2); }
  setSockaddrIn(sa, ipv4(U32.parseInt(ip[0]), U32.parseInt(ip[1]), U32.parseInt(ip[2]), U32.parseInt(ip[3])),
    <u16>U32.parseInt(s.substring(colon + 1)));
  const sock = <i32>ok("socket", socket(AF_INET, SOCK_STREAM, 0));
  ok("connect " + s, connect(sock, sa, 16));
  return sock;
}

if (argc() < 2 || argc() > 3) { eprint("usage: splice-cat FILE [A.B.C.D:PORT]\n"); exit_group(2); }
const fd = <i32>ok(arg(1), open(arg(1), O_RDONLY));
const out = argc() > 2 ? dial(arg(2)) : 1;
ok("pipe2", pipe2(pfds, 0));
const rd = load<i32>(pfds), wr = load<i32>(pfds + 4);
for (;;) {
  const n = ok("splice " + arg(1) + " -> pipe", splice(fd, 0, wr, 0, CHUNK, 0));
  if (n == 0) break;
  for (let moved: i64 = 0; moved < n; ) moved += ok("splice pipe -> out", splice(rd, 0, out, 0, <usize>(n - moved), 0));
}
if (out != 1) close(out);
exit_group(0);
