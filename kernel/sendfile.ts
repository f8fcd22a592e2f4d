// sendfile(out_fd, in_fd, offset*, count): data moves inside the kernel, never through user space.
// As in Linux since 2.6.23 it is a splice through an internal pipe (do_splice_direct, splice.ts):
// the file's page-cache pages go into the pipe by reference, then to the output. in_fd must be a
// regular file (a pipe, socket or console is EINVAL); out_fd any writable file. To a socket the
// pages are handed over by reference when the NIC can gather (0 CPU copies) or copied into socket
// pages (1 CPU copy); to a file or the console they are copied by the CPU (one copy per page).
// `offset` (i64 in user memory) is used and updated instead of the file offset when not NULL.
// Interface: sys_sendfile(a0..a5) -> result or -errno (the table's entry, syscall.ts).
import { Errno } from "./abi/errno";
import { O_NONBLOCK } from "./abi/fcntl";
import { MAX_RW_COUNT } from "./abi/uio";
import { Routine, Place } from "./abi/trace";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { fdGet, fileAt, fileWrite, FT_INODE, FT_SOCKET, FT_CONSOLE, O_ACCMODE, O_WRONLY, O_RDONLY, O_APPEND } from "./file";
import { isDir } from "./dir";
import { iSize } from "./fs";
import { copyToUser, copyFromUser } from "./copy";
import { spliceDirect } from "./splice";
import { u32arg, fdArg } from "./sysarg";

const kb: usize = memory.data(8);

// The table's entry (syscall.ts): sendfile(out_fd, in_fd, offset*, count), raw arguments.
export function sys_sendfile(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const out = fdGet(p, fdArg(a0)), inp = fdGet(p, fdArg(a1));
  if (out < 0 || inp < 0) return -Errno.EBADF;
  const fi = fileAt(inp), fo = fileAt(out);
  if ((fi.flags & O_ACCMODE) == O_WRONLY || (fo.flags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
  if (fi.type != FT_INODE || isDir(fi.ino)) return -Errno.EINVAL;
  if ((fo.flags & O_APPEND) != 0) return -Errno.EINVAL;    // Linux's do_splice_direct refuses O_APPEND
  if (a3 < 0) return -Errno.EINVAL;
  const offp = u32arg(a2);
  let off: u64 = fi.offset;
  if (offp != 0) {
    if (copyFromUser(p, kb, offp, 8) < 0) return -Errno.EFAULT;
    if (load<i64>(kb) < 0) return -Errno.EINVAL;
    off = load<u64>(kb);
  }
  const size = iSize(fi.ino);
  const n = off >= size ? 0 : <u32>min(<u64>a3 > MAX_RW_COUNT ? MAX_RW_COUNT : <u64>a3, size - off);
  if (n == 0) return 0;
  if (fo.type == FT_INODE && isDir(fo.ino)) return -Errno.EISDIR;
  const r = spliceDirect(p, fi, off, fo, n, (fo.flags & O_NONBLOCK) != 0);
  if (r > 0) {
    if (offp != 0) { store<u64>(kb, off + <u64>r); if (copyToUser(p, offp, kb, 8) < 0) return -Errno.EFAULT; }
    else fi.offset = off + <u64>r;
  }
  return r;
}
