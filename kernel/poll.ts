// Readiness of open files, and the wait of a call that watches several (Linux's f_op->poll and
// do_poll): one answer for every file type, used by ppoll and pselect6 (syspoll.ts), epoll (epoll.ts) and by WASI's
// poll_oneoff. A watcher that finds nothing ready sleeps on POLL_CHAN with its deadline
// (sleep.ts); every wakeup (pipe, socket, console, exit) wakes it and it looks again.
//
//   file                 POLLIN                              POLLOUT                 also
//   regular, directory   always                              always
//   console              input queued or stdin closed        always
//   pipe, read end       bytes queued                        -                       POLLHUP: no writer
//   pipe, write end      -                                   a free slot             POLLERR: no reader
//   socket, listening    a connection to accept              -
//   socket, connected    bytes queued or the peer's FIN      room in the send buffer POLLRDHUP at FIN,
//                                                                                    POLLERR: error
//   socket, closed       (never connected, or reset)         POLLOUT                 POLLHUP
//   epoll                a wait would report an event        -
//   /dev/netmap          -                                   a free TX slot          POLLERR: not registered
//   AF_PACKET socket     -                                   its next TX frame free
//
// Interface: filePoll(fi) -> the POLL* mask of open file fi; fdPoll(p, fd, events) -> revents
// (POLLNVAL for a closed fd; POLLERR and POLLHUP always reported); pollWait(p, timeoutNs) (after a
// scan found nothing: -ERESTARTSYS to sleep, 0 when the timeout has passed; timeoutNs < 0: none);
// pollLeft(p, timeoutNs) -> ns left of the timeout; pollEnd(p) (the call returns: forget the deadline);
// pollTimeout(p, va) -> a struct timespec timeout in ns (-1: none, < -1: -errno); pollSigmask(p, set,
// size) (a call's signal mask for the wait, 0 or -errno) and pollSigmaskDone(p, r) -> r (the old
// mask back, unless a handler runs first): Linux's set_user_sigmask and restore_saved_sigmask_unless.
import { POLLIN, POLLOUT, POLLERR, POLLHUP, POLLNVAL, POLLRDNORM, POLLWRNORM, POLLRDHUP } from "./abi/poll";
import { Proc } from "./proc";
import { fdGet, fileAt, FT_INODE, FT_CONSOLE, FT_PIPE, FT_SOCKET, FT_EPOLL, FT_PSEUDO, FT_NETMAP, FT_PACKET, O_ACCMODE, O_WRONLY } from "./file";
import { netmapPoll } from "./net/netmap";
import { pktPoll } from "./net/pktpool";
import { epollReady } from "./epoll";
import { pipeAt, pipeFull } from "./pipe";
import { ttyReadable } from "./console";
import { sockAt, sndSpace, CLOSED, LISTEN, SYN_SENT, SYN_RCVD } from "./net/sock";
import { sendOpen } from "./net/syssock";
import { sleepOn, progress, keepProgress, sleeping, POLL_CHAN } from "./sleep";
import { clockNow } from "./clock";
import { sigNoRestart, sigTempMask, sigRestoreMask } from "./signal";
import { copyFromUser } from "./copy";
import { Errno } from "./abi/errno";
import { SIGSET_SIZE } from "./abi/signals";
import { TIMESPEC_SIZE, TV_SEC, TV_NSEC } from "./abi/time";
import { TIME_HORIZON_NS } from "./param";

const IN: i32 = POLLIN | POLLRDNORM;
const OUT: i32 = POLLOUT | POLLWRNORM;

export function filePoll(fi: i32): i32 {
  const f = fileAt(fi);
  if (f.type == FT_INODE || f.type == FT_PSEUDO) return IN | OUT;
  if (f.type == FT_CONSOLE) return (ttyReadable() ? IN : 0) | OUT;
  if (f.type == FT_PIPE) {
    const pp = pipeAt(<i32>f.pipe);
    if ((f.flags & O_ACCMODE) == O_WRONLY) return (pipeFull(pp) ? 0 : OUT) | (pp.readers == 0 ? POLLERR : 0);
    return (pp.head != pp.tail ? IN : 0) | (pp.writers == 0 ? POLLHUP : 0);
  }
  if (f.type == FT_SOCKET) return sockPoll(<i32>f.sock);
  if (f.type == FT_EPOLL) return epollReady(f) ? IN : 0;
  if (f.type == FT_NETMAP) return netmapPoll(fi);
  if (f.type == FT_PACKET) return pktPoll(fi);
  return 0;
}

function sockPoll(i: i32): i32 {
  const s = sockAt(i);
  if (s.state == LISTEN) return s.acceptHead != s.acceptTail ? IN : 0;
  let m: i32 = s.err != 0 ? POLLERR : 0;
  if (s.state == SYN_SENT || s.state == SYN_RCVD) return m;
  if (s.rcvBytes > 0) m |= IN;
  if (s.peerFin) m |= IN | POLLRDHUP;
  if (s.state == CLOSED) return m | OUT | POLLHUP;       // as tcp_poll: an unconnected socket
  if (sendOpen(s) && sndSpace(s) > 0) m |= OUT;
  return m;
}

export function fdPoll(p: Proc, fd: i32, events: i32): i32 {
  const fi = fdGet(p, fd);
  if (fi < 0) return POLLNVAL;
  if (fileAt(fi).type == FT_CONSOLE && (events & IN)) p.pollTty = 1;   // if it sleeps: waits for input
  return filePoll(fi) & (events | POLLERR | POLLHUP);
}

// The deadline lives in p.pollAt from the call's first run; progress(p) = 1 marks it as set (a
// restarted call keeps progress, a new one starts at 0: sleep.ts).
export function pollWait(p: Proc, timeoutNs: i64): i64 {
  const now = clockNow();
  if (progress(p) == 0) {
    if (timeoutNs == 0) return 0;
    p.pollAt = timeoutNs < 0 ? 0 : now + <u64>min(timeoutNs, <i64>TIME_HORIZON_NS);
    keepProgress(p, 1);
  }
  if (p.pollAt != 0 && now >= p.pollAt) return 0;
  sigNoRestart(p);                  // a handler ends the wait with EINTR, never a restart (Linux)
  p.wakeAt = p.pollAt;
  return sleepOn(p, POLL_CHAN);
}

export function pollLeft(p: Proc, timeoutNs: i64): u64 {
  if (progress(p) == 0) return timeoutNs < 0 ? 0 : <u64>timeoutNs;   // it never slept: all of it
  if (p.pollAt == 0) return 0;
  const now = clockNow();
  return p.pollAt > now ? p.pollAt - now : 0;
}

export function pollEnd(p: Proc): void { p.pollAt = 0; p.wakeAt = 0; p.pollTty = 0; }

// --- The arguments the waiting calls share

const NS_PER_SEC: i64 = 1000000000;
const arg: usize = memory.data(<i32>TIMESPEC_SIZE);   // a timespec or sigset copied in

// The timeout at `va` in ns: -1 for none (a null pointer), -EFAULT, or -EINVAL when malformed
// (Linux's poll_select_set_timeout).
export function pollTimeout(p: Proc, va: u32): i64 {
  if (va == 0) return -1;
  if (copyFromUser(p, arg, va, <u32>TIMESPEC_SIZE) < 0) return -Errno.EFAULT;
  const sec = load<i64>(arg + TV_SEC), nsec = load<i64>(arg + TV_NSEC);
  if (sec < 0 || nsec < 0 || nsec >= NS_PER_SEC) return -Errno.EINVAL;
  return sec >= I64.MAX_VALUE / NS_PER_SEC ? I64.MAX_VALUE : sec * NS_PER_SEC + nsec;
}

// The mask for the wait (ppoll, pselect6, epoll_pwait), set in the call's first run (progress 0):
// signal.ts's sigTempMask keeps the old one. -errno when it cannot be read.
export function pollSigmask(p: Proc, set: u32, size: i64): i64 {
  if (set == 0 || progress(p) != 0) return 0;
  if (size != SIGSET_SIZE) return -Errno.EINVAL;
  if (copyFromUser(p, arg, set, SIGSET_SIZE) < 0) return -Errno.EFAULT;
  sigTempMask(p, load<u64>(arg));
  return 0;
}

// The call returns (it does not sleep): the old mask comes back. When a handler ends the wait
// (EINTR) the temporary mask stays for it and sigresult puts the old one back after it has run.
export function pollSigmaskDone(p: Proc, r: i64): i64 {
  if (!sleeping(r)) sigRestoreMask(p);
  return r;
}
