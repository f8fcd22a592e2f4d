// epoll_create1, epoll_ctl, epoll_pwait and epoll_pwait2: the arguments checked in Linux's order
// and with its errnos (fs/eventpoll.c), then one call into epoll.ts. A wait that finds nothing
// sleeps through poll.ts's pollWait (any wakeup makes it scan again) until an event or its timeout
// on the virtual clock (milliseconds for epoll_pwait, a timespec for epoll_pwait2); each return is
// traced (Ev.epollReady: the fds and events handed out). A signal mask is the mask for the wait, as
// ppoll's (poll.ts pollSigmask): a signal it lets through ends the wait with EINTR, its handler runs
// with the mask still in place, then the old mask comes back.
// Interface: the table's entries sys_epoll_create1, sys_epoll_ctl, sys_epoll_pwait, sys_epoll_pwait2.
import { Errno } from "./abi/errno";
import { Ev } from "./abi/trace";
import { USER_TOP } from "./abi/layout";
import { EPOLL_CLOEXEC, EPOLL_CTL_ADD, EPOLL_CTL_DEL, EPOLL_CTL_MOD, EPOLLEXCLUSIVE, EPOLLEXCLUSIVE_OK_BITS,
  EPOLL_EVENT_SIZE, EPOLL_EVENT_EVENTS, EPOLL_EVENT_DATA, EP_MAX_EVENTS } from "./abi/epoll";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { File, fdGet, fdAlloc, fileAt, fileClose, FT_EPOLL, FT_INODE, FT_NONE } from "./file";
import { copyFromUser } from "./copy";
import { u32arg, fdArg } from "./sysarg";
import { pollWait, pollEnd, pollTimeout, pollSigmask, pollSigmaskDone } from "./poll";
import { epollCreate, epollFind, epollAdd, epollMod, epollDel, epollLoops, epollScan, reported } from "./epoll";
import { nextSeq, traceEmit } from "./trace";

const NS_PER_MS: i64 = 1000000;
const ev: usize = memory.data(<i32>EPOLL_EVENT_SIZE);    // epoll_ctl's event, copied in

export function sys_epoll_create1(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysEpollCreate1(curProc(), <i32>a0);
}
export function sys_epoll_ctl(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysEpollCtl(curProc(), fdArg(a0), <i32>a1, fdArg(a2), u32arg(a3));
}
export function sys_epoll_pwait(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), ms = <i32>a3;
  return epollPwait(p, fdArg(a0), u32arg(a1), <i32>a2, ms < 0 ? -1 : <i64>ms * NS_PER_MS, u32arg(a4), a5);
}
// epoll_pwait2: the timeout is a struct timespec (NULL: none), checked before the mask as Linux does.
export function sys_epoll_pwait2(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const t = pollTimeout(p, u32arg(a3));
  if (t < -1) return t;
  return epollPwait(p, fdArg(a0), u32arg(a1), <i32>a2, t, u32arg(a4), a5);
}

// Linux's do_epoll_pwait: the mask for the wait, the wait, the old mask back unless a handler runs.
function epollPwait(p: Proc, epfd: i32, events: u32, max: i32, timeoutNs: i64, sigmask: u32, sigsetsize: i64): i64 {
  const e = pollSigmask(p, sigmask, sigsetsize);
  return e != 0 ? e : pollSigmaskDone(p, sysEpollWait(p, epfd, events, max, timeoutNs));
}

function sysEpollCreate1(p: Proc, flags: i32): i64 {
  if (flags & ~EPOLL_CLOEXEC) return -Errno.EINVAL;
  const fi = epollCreate(0);
  if (fi < 0) return fi;
  const fd = fdAlloc(p, fi, (flags & EPOLL_CLOEXEC) != 0);
  if (fd < 0) fileClose(fi);
  return fd;
}

// Regular files and directories cannot be polled (file_can_poll): EPERM, as Linux.
function canPoll(fi: i32): bool { const t = fileAt(fi).type; return t != FT_INODE && t != FT_NONE; }

function sysEpollCtl(p: Proc, epfd: i32, op: i32, fd: i32, event: u32): i64 {
  const hasEvent = op != EPOLL_CTL_DEL;
  if (hasEvent && copyFromUser(p, ev, event, EPOLL_EVENT_SIZE) < 0) return -Errno.EFAULT;
  const epfi = fdGet(p, epfd), fi = fdGet(p, fd);
  if (epfi < 0 || fi < 0) return -Errno.EBADF;
  if (!canPoll(fi)) return -Errno.EPERM;
  if (epfi == fi || fileAt(epfi).type != FT_EPOLL) return -Errno.EINVAL;
  const events = hasEvent ? load<u32>(ev + EPOLL_EVENT_EVENTS) : 0, data = load<u64>(ev + EPOLL_EVENT_DATA);
  if (hasEvent && (events & EPOLLEXCLUSIVE) && (op == EPOLL_CTL_MOD ||
      (op == EPOLL_CTL_ADD && (fileAt(fi).type == FT_EPOLL || (events & ~EPOLLEXCLUSIVE_OK_BITS) != 0)))) return -Errno.EINVAL;
  if (op == EPOLL_CTL_ADD && fileAt(fi).type == FT_EPOLL && epollLoops(epfi, fi)) return -Errno.ELOOP;
  return ctl(fileAt(epfi), op, fi, fd, events, data);
}

function ctl(ep: File, op: i32, fi: i32, fd: i32, events: u32, data: u64): i64 {
  const e = epollFind(ep, fi, fd);
  if (op == EPOLL_CTL_ADD) return e == null ? epollAdd(ep, fi, fd, events, data) : -Errno.EEXIST;
  if (op == EPOLL_CTL_DEL) { if (e == null) return -Errno.ENOENT; epollDel(ep, e); return 0; }
  if (op == EPOLL_CTL_MOD) {
    if (e == null) return -Errno.ENOENT;
    if (e.events & EPOLLEXCLUSIVE) return -Errno.EINVAL;
    epollMod(e, events, data);
    return 0;
  }
  return -Errno.EINVAL;
}

function sysEpollWait(p: Proc, epfd: i32, events: u32, max: i32, timeoutNs: i64): i64 {
  if (max <= 0 || max > EP_MAX_EVENTS) return -Errno.EINVAL;
  if (<u64>events + <u64>max * EPOLL_EVENT_SIZE > <u64>USER_TOP) return -Errno.EFAULT;   // access_ok
  const epfi = fdGet(p, epfd);
  if (epfi < 0) return -Errno.EBADF;
  if (fileAt(epfi).type != FT_EPOLL) return -Errno.EINVAL;
  const n = epollScan(p, fileAt(epfi), events, max);
  if (n == 0) {
    const w = pollWait(p, timeoutNs);
    if (w != 0) return w;                       // sleeps: the call runs again when woken
  }
  pollEnd(p);
  if (n >= 0) traceEmit(nextSeq(), Ev.epollReady, <u32>epfd, <u64>n, reported(0), reported(1), reported(2), reported(3), reported(4), reported(5));
  return n;
}
