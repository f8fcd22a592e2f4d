// A mapping of /dev/netmap's region kept after close must not see the next registrant's buffers
// (tests/netmap.stale.test.ts). A registers, maps the region, reads a TX buffer (the page is now
// mapped), closes the fd and forks; B, the child, registers anew, maps the region it gets and
// writes a secret into that TX buffer. A then reads its old mapping.
import { print, exit_group, close, fork, wait4, NMREQ_SIZE, nmOpen, nmMmap } from "../../guests/sdk";

const BUF = 12288 + 5 * 2048, SECRET: u32 = 0x5ec2e7;
const req = memory.data(<i32>NMREQ_SIZE);
const fd = <i32>nmOpen(req);
if (fd < 0) { print("A: open " + fd.toString() + "\n"); exit_group(1); }
const m = <usize>nmMmap(fd, req);
const before = load<u32>(m + BUF);
close(fd);
const pid = <i32>fork();
if (pid == 0) {
  const req2 = memory.data(<i32>NMREQ_SIZE);
  const fd2 = <i32>nmOpen(req2);
  if (fd2 < 0) { print("B: open " + fd2.toString() + "\n"); exit_group(1); }
  const m2 = <usize>nmMmap(fd2, req2);
  if (m2 == m) { print("B: the same address\n"); exit_group(1); }
  store<u32>(m2 + BUF, SECRET);
  print("B wrote " + load<u32>(m2 + BUF).toString(16) + "\n");
  exit_group(0);
}
wait4(pid, 0, 0, 0);
print("A reads " + load<u32>(m + BUF).toString(16) + " (before " + before.toString(16) + ")\n");
