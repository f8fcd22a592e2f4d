// ioctl: one request on an open file, sent by the file's type (Linux's vfs_ioctl -> f_op->
// unlocked_ioctl). The console's are the terminal's (tty.ts); FIONREAD is also a pipe's, a
// socket's and a regular file's; any other request, and a terminal request on anything but the
// console, is ENOTTY (so isatty(fd) is true on the console only, when a terminal is behind it).
// /dev/netmap's are netmap's (NIOCREGIF, NIOCTXSYNC, NIOCRXSYNC: net/netmap.ts).
// Interface: fileIoctl(p, fi, req, arg) -> result or -errno.
import { Errno } from "./abi/errno";
import { FIONREAD } from "./abi/termios";
import { Proc } from "./proc";
import { fileAt, FT_CONSOLE, FT_PIPE, FT_SOCKET, FT_INODE, FT_NETMAP } from "./file";
import { netmapIoctl } from "./net/netmap";
import { ttyIoctl, putInt } from "./tty";
import { pipeAt } from "./pipe";
import { sockAt, LISTEN } from "./net/sock";
import { iSize } from "./fs";
import { isDir } from "./dir";

export function fileIoctl(p: Proc, fi: i32, req: u32, arg: u32): i64 {
  const f = fileAt(fi);
  if (f.type == FT_CONSOLE) return ttyIoctl(p, req, arg);
  if (f.type == FT_NETMAP) return netmapIoctl(p, fi, req, arg);
  if (req != FIONREAD) return -Errno.ENOTTY;
  if (f.type == FT_PIPE) return putInt(p, arg, pipeAt(<i32>f.pipe).bytes);
  if (f.type == FT_SOCKET) {
    const s = sockAt(<i32>f.sock);
    return s.state == LISTEN ? -Errno.EINVAL : putInt(p, arg, s.rcvBytes);   // tcp_ioctl SIOCINQ
  }
  if (f.type == FT_INODE && !isDir(f.ino)) {        // file_ioctl: the bytes past the offset
    const size = iSize(f.ino);
    return putInt(p, arg, size > f.offset ? <u32>min(size - f.offset, <u64>I32.MAX_VALUE) : 0);
  }
  return -Errno.ENOTTY;
}
