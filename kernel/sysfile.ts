// File-descriptor syscalls: mostly argument checking, since we don't trust user code, then one call
// into file.ts (xv6's sysfile.c). Console only for now; files, pipes and sockets come later.
// Interface: sysFile(nr, a0..a3) -> result or NOT_MINE.
import { Errno } from "./abi/errno";
import { Sys } from "./abi/syscalls";
import { NOFILE } from "./param";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { fdGet, fdAlloc, fdSet, fdClear, fdCloexec, fileAt, fileDup, fileClose, fileRead, fileWrite } from "./file";
import { copyFromUser } from "./copy";
import { NOT_MINE, u32arg, fdArg, tooBig } from "./sysarg";
import { pipeFcntl } from "./splice";

import { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC, FD_CLOEXEC, O_CLOEXEC, O_ACCMODE, O_APPEND,
  O_ASYNC, O_DIRECT, O_NOATIME, O_NONBLOCK } from "./abi/fcntl";
import { IOV_MAX } from "./abi/uio";
const iov: usize = memory.data(8);   // one struct iovec { u32 base; u32 len } (wasm32)

export function sysFile(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64): i64 {
  const p = curProc();
  switch (nr) {
    case Sys.read: return sysRead(p, fdArg(a0), u32arg(a1), a2);
    case Sys.write: return sysWrite(p, fdArg(a0), u32arg(a1), a2);
    case Sys.readv: return sysRwv(p, fdArg(a0), u32arg(a1), <i32>a2, false);
    case Sys.writev: return sysRwv(p, fdArg(a0), u32arg(a1), <i32>a2, true);
    case Sys.close: return sysClose(p, fdArg(a0));
    case Sys.dup: return sysDup(p, fdArg(a0), 0, false);
    case Sys.dup3: return sysDup3(p, fdArg(a0), fdArg(a1), <i32>a2);
    case Sys.fcntl: return sysFcntl(p, fdArg(a0), <i32>a1, a2);
    case Sys.ioctl: return sysIoctl(p, fdArg(a0), <u32>a1);
  }
  return NOT_MINE;
}

function sysRead(p: Proc, fd: i32, buf: u32, n: i64): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  if (n < 0 || tooBig(n)) return -Errno.EINVAL;
  return fileRead(p, f, buf, <u32>n);
}

function sysWrite(p: Proc, fd: i32, buf: u32, n: i64): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  if (n < 0 || tooBig(n)) return -Errno.EINVAL;
  return fileWrite(p, f, buf, <u32>n);
}

// readv/writev: stop at the first short transfer, as Linux does.
function sysRwv(p: Proc, fd: i32, iovp: u32, cnt: i32, write: bool): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  if (cnt < 0 || cnt > IOV_MAX) return -Errno.EINVAL;
  let total: i64 = 0;
  for (let i = 0; i < cnt; i++) {
    if (copyFromUser(p, iov, iovp + <u32>i * 8, 8) < 0) return total > 0 ? total : -Errno.EFAULT;
    const base = load<u32>(iov), len = load<u32>(iov + 4);
    if (len == 0) continue;
    const r = write ? fileWrite(p, f, base, len) : fileRead(p, f, base, len);
    if (r < 0) return total > 0 ? total : r;
    total += r;
    if (<u32>r < len) break;
  }
  return total;
}

function sysClose(p: Proc, fd: i32): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  fdClear(p, fd);
  fileClose(f);
  return 0;
}

function sysDup(p: Proc, fd: i32, from: i32, cloexec: bool): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  const nfd = fdAlloc(p, f, cloexec, from);
  if (nfd >= 0) fileDup(f);
  return nfd;
}

function sysDup3(p: Proc, fd: i32, nfd: i32, flags: i32): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  if (flags & ~O_CLOEXEC) return -Errno.EINVAL;
  if (fd == nfd) return -Errno.EINVAL;
  if (<u32>nfd >= <u32>NOFILE) return -Errno.EBADF;
  const old = fdGet(p, nfd);
  fileDup(f);
  if (old >= 0) fileClose(old);
  fdSet(p, nfd, f, (flags & O_CLOEXEC) != 0);
  return nfd;
}

function sysFcntl(p: Proc, fd: i32, cmd: i32, arg: i64): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  const pr = pipeFcntl(fileAt(f), cmd, arg);
  if (pr != NOT_MINE) return pr;
  switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC:
      if (arg < 0 || arg >= NOFILE) return -Errno.EINVAL;
      return sysDup(p, fd, <i32>arg, cmd == F_DUPFD_CLOEXEC);
    case F_GETFD: return fdCloexec(p, fd) ? FD_CLOEXEC : 0;
    case F_SETFD: fdSet(p, fd, f, (arg & FD_CLOEXEC) != 0); return 0;
    case F_GETFL: return fileAt(f).flags;
    case F_SETFL: {
      const keep: u32 = O_ACCMODE;   // access mode cannot change; the flags Linux lets F_SETFL set:
      const settable: u32 = O_APPEND | O_ASYNC | O_DIRECT | O_NOATIME | O_NONBLOCK;
      fileAt(f).flags = (fileAt(f).flags & keep) | (<u32>arg & settable);
      return 0;
    }
  }
  return -Errno.EINVAL;
}

function sysIoctl(p: Proc, fd: i32, req: u32): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  return -Errno.ENOTTY;   // no terminal ioctls yet: programs treat the console as a plain stream
}
