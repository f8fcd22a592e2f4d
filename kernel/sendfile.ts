// sendfile(out_fd, in_fd, offset*, count): data moves inside the kernel, never through user space.
// in_fd must be a regular file (a pipe, socket or console is EINVAL). To a socket the page-cache
// pages are handed over by reference when the NIC can gather (0 CPU copies) or copied into socket
// pages (1 CPU copy); to a file or the console they are copied by the CPU (one copy per page).
// `offset` (i64 in user memory) is used and updated instead of the file offset when not NULL.
// Interface: sysSendfile(nr, a0..a3) -> result or NOT_MINE.
import { Errno } from "./abi/errno";
import { Sys } from "./abi/syscalls";
import { Routine, Place } from "./abi/trace";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { fdGet, fileAt, fileWrite, FT_INODE, FT_SOCKET, FT_CONSOLE, O_ACCMODE, O_WRONLY, O_RDONLY } from "./file";
import { isDir } from "./dir";
import { iSize } from "./fs";
import { copyToUser, copyFromUser } from "./copy";
import { sockSendPages } from "./net/syssock";
import { NOT_MINE, u32arg, fdArg } from "./sysarg";

const kb: usize = memory.data(8);

export function sysSendfile(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64): i64 {
  if (nr != Sys.sendfile) return NOT_MINE;
  const p = curProc();
  const out = fdGet(p, fdArg(a0)), inp = fdGet(p, fdArg(a1));
  if (out < 0 || inp < 0) return -Errno.EBADF;
  const fi = fileAt(inp), fo = fileAt(out);
  if ((fi.flags & O_ACCMODE) == O_WRONLY || (fo.flags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
  if (fi.type != FT_INODE || isDir(fi.ino)) return -Errno.EINVAL;
  if (a3 < 0) return -Errno.EINVAL;
  const offp = u32arg(a2);
  let off: u64 = fi.offset;
  if (offp != 0) {
    if (copyFromUser(p, kb, offp, 8) < 0) return -Errno.EFAULT;
    if (load<i64>(kb) < 0) return -Errno.EINVAL;
    off = load<u64>(kb);
  }
  const size = iSize(fi.ino);
  const n = off >= size ? 0 : <u32>min(<u64>a3 > 0x7ffff000 ? 0x7ffff000 : <u64>a3, size - off);
  if (n == 0) return 0;
  let r: i64;
  if (fo.type == FT_SOCKET) r = sockSendPages(p, <i32>fo.sock, fi.ino, off, n, (fo.flags & 0x800) != 0);
  else r = -Errno.EINVAL;     // file and console targets: not yet (Linux >= 2.6.33 accepts any file)
  if (r > 0) {
    if (offp != 0) { store<u64>(kb, off + <u64>r); if (copyToUser(p, offp, kb, 8) < 0) return -Errno.EFAULT; }
    else fi.offset = off + <u64>r;
  }
  return r;
}
