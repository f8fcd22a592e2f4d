// File-descriptor syscalls: mostly argument checking, since we don't trust user code, then one call
// into file.ts (xv6's sysfile.c): read, write, readv, writev, close, dup, dup3, fcntl, ioctl, on
// any open file (console, file, pipe, socket). fcntl's lease commands go to lease.ts.
// Interface: the table's entries (syscall.ts, each (a0..a5) -> result or -errno): sys_read,
// sys_write, sys_readv, sys_writev, sys_close, sys_dup, sys_dup3, sys_fcntl, sys_ioctl.
import { Errno } from "./abi/errno";
import { NOFILE } from "./param";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { fdGet, fdAlloc, fdSet, fdClear, fdCloexec, fileAt, fileDup, fileClose, fileRead, fileWrite } from "./file";
import { copyFromUser } from "./copy";
import { u32arg, fdArg, tooBig } from "./sysarg";
import { pipeFcntl, isPipeCmd } from "./splice";
import { fileIoctl } from "./ioctl";

import { leaseSet, leaseGet } from "./lease";
import { NSIG } from "./abi/signals";
import { F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC, F_SETSIG, F_GETSIG, F_SETLEASE, F_GETLEASE, FD_CLOEXEC, O_CLOEXEC, O_ACCMODE, O_APPEND,
  O_ASYNC, O_DIRECT, O_NOATIME, O_NONBLOCK } from "./abi/fcntl";
import { IOV_MAX } from "./abi/uio";
const iov: usize = memory.data(8);   // one struct iovec { u32 base; u32 len } (wasm32)

// The table's entries (syscall.ts): the six raw arguments in, narrowed and checked here.
export function sys_read(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysRead(curProc(), fdArg(a0), u32arg(a1), a2);
}
export function sys_write(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysWrite(curProc(), fdArg(a0), u32arg(a1), a2);
}
export function sys_readv(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysRwv(curProc(), fdArg(a0), u32arg(a1), <i32>a2, false);
}
export function sys_writev(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysRwv(curProc(), fdArg(a0), u32arg(a1), <i32>a2, true);
}
export function sys_close(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysClose(curProc(), fdArg(a0));
}
export function sys_dup(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysDup(curProc(), fdArg(a0), 0, false);
}
export function sys_dup3(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysDup3(curProc(), fdArg(a0), fdArg(a1), <i32>a2);
}
export function sys_fcntl(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysFcntl(curProc(), fdArg(a0), <i32>a1, a2);
}
export function sys_ioctl(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysIoctl(curProc(), fdArg(a0), <u32>a1, u32arg(a2));
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
  if (isPipeCmd(cmd)) return pipeFcntl(fileAt(f), cmd, arg);
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
    case F_SETSIG:
      if (<u64>arg > <u64>NSIG) return -Errno.EINVAL;     // valid_signal (0: SIGIO again)
      fileAt(f).sigio = <u32>arg; return 0;
    case F_GETSIG: return fileAt(f).sigio;
    case F_SETLEASE: return leaseSet(p, f, fd, arg);
    case F_GETLEASE: return leaseGet(f);
  }
  return -Errno.EINVAL;
}

function sysIoctl(p: Proc, fd: i32, req: u32, arg: u32): i64 {
  const f = fdGet(p, fd);
  if (f < 0) return -Errno.EBADF;
  return fileIoctl(p, f, req, arg);
}
