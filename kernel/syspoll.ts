// ppoll and pselect6: copy the caller's fds in, ask poll.ts which are ready, sleep through
// pollWait until one is or the timeout passes, copy the answer out. The timeout is written back
// with the time left, as Linux does. A signal mask argument is the mask for the wait
// (poll.ts pollSigmask): the old one comes back when the call returns, or after the handlers
// the temporary mask let through have run.
// Interface: the table's entries sys_ppoll, sys_pselect6.
import { Errno } from "./abi/errno";
import { POLLFD_SIZE, POLLFD_FD, POLLFD_EVENTS, POLLFD_REVENTS, POLLIN, POLLOUT, POLLERR, POLLHUP, POLLPRI,
  POLLRDNORM, POLLRDBAND, POLLWRNORM, POLLWRBAND, POLLNVAL, FD_SETSIZE } from "./abi/poll";
import { TIMESPEC_SIZE, TV_SEC, TV_NSEC } from "./abi/time";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { copyToUser, copyFromUser } from "./copy";
import { u32arg } from "./sysarg";
import { fdPoll, pollWait, pollLeft, pollEnd, pollTimeout, pollSigmask, pollSigmaskDone } from "./poll";
import { progress } from "./sleep";
import { handlerDue } from "./signal";

const NS: i64 = 1000000000;
const pfds: usize = memory.data(<i32>POLLFD_SIZE * FD_SETSIZE);   // ppoll's pollfd array
const sets: usize = memory.data(3 * FD_SETSIZE / 8);              // pselect6's three fd_sets
const ts: usize = memory.data(<i32>TIMESPEC_SIZE);

export function sys_ppoll(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const e = pollSigmask(p, u32arg(a3), a4);
  return e != 0 ? e : pollSigmaskDone(p, sysPpoll(p, u32arg(a0), a1, u32arg(a2)));
}
export function sys_pselect6(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const e = pselectMask(p, u32arg(a5));
  return e != 0 ? e : pollSigmaskDone(p, sysPselect6(p, a0, u32arg(a1), u32arg(a2), u32arg(a3), u32arg(a4)));
}

// pselect6's sixth argument: { const sigset_t *ss; size_t ss_len } (two longs: 8 bytes here).
function pselectMask(p: Proc, va: u32): i64 {
  if (va == 0 || progress(p) != 0) return 0;
  if (copyFromUser(p, ts, va, 8) < 0) return -Errno.EFAULT;
  return pollSigmask(p, load<u32>(ts), <i64>load<u32>(ts + 4));
}

// Write the time left back into the caller's timespec (Linux's poll_select_finish).
function putTimeLeft(p: Proc, va: u32, t: i64): void {
  if (va == 0) return;
  const left = pollLeft(p, t);
  store<i64>(ts + TV_SEC, <i64>(left / <u64>NS)); store<i64>(ts + TV_NSEC, <i64>(left % <u64>NS));
  copyToUser(p, va, ts, <u32>TIMESPEC_SIZE);
}

function sysPpoll(p: Proc, fds: u32, nfds: i64, tsp: u32): i64 {
  if (nfds < 0 || nfds > FD_SETSIZE) return -Errno.EINVAL;
  const t = pollTimeout(p, tsp);
  if (t < -1) return t;
  const n = <u32>nfds;
  if (n > 0 && copyFromUser(p, pfds, fds, n * <u32>POLLFD_SIZE) < 0) return -Errno.EFAULT;
  let ready = 0;
  for (let i: u32 = 0; i < n; i++) {
    const e = pfds + <usize>i * POLLFD_SIZE;
    const fd = load<i32>(e + POLLFD_FD);
    const rev = fd < 0 ? 0 : fdPoll(p, fd, <i32>load<u16>(e + POLLFD_EVENTS));
    store<u16>(e + POLLFD_REVENTS, <u16>rev);
    if (rev != 0) ready++;
  }
  if (ready == 0) {
    const w = pollWait(p, t);
    if (w != 0 && handlerDue(p)) putTimeLeft(p, tsp, t);   // a handler ends it (EINTR): the time left
    if (w != 0) return w;                       // sleeps: the call runs again when woken
  }
  putTimeLeft(p, tsp, t);
  pollEnd(p);
  if (n > 0 && copyToUser(p, fds, pfds, n * <u32>POLLFD_SIZE) < 0) return -Errno.EFAULT;
  return ready;
}

const IN_SET: i32 = POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR;
const OUT_SET: i32 = POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR;
const EX_SET: i32 = POLLPRI;

// fd_sets are bit arrays (bit fd of byte fd / 8), copied in whole 64-bit words as Linux copies longs.
function sysPselect6(p: Proc, nfds: i64, rva: u32, wva: u32, eva: u32, tsp: u32): i64 {
  if (nfds < 0 || nfds > FD_SETSIZE) return -Errno.EINVAL;
  const t = pollTimeout(p, tsp);
  if (t < -1) return t;
  const n = <i32>nfds;
  const bytes = <u32>((n + 63) / 64) * 8;
  const r = sets, w = sets + FD_SETSIZE / 8, x = sets + 2 * FD_SETSIZE / 8;
  if (getSet(p, rva, r, bytes) < 0 || getSet(p, wva, w, bytes) < 0 || getSet(p, eva, x, bytes) < 0) return -Errno.EFAULT;
  let ready = 0;
  for (let fd = 0; fd < n; fd++) {
    const bit = <u8>(1 << <u8>(fd & 7)), at = <usize>(fd >> 3);
    const want = load<u8>(r + at) & bit | load<u8>(w + at) & bit | load<u8>(x + at) & bit;
    if (want == 0) continue;
    const m = fdPoll(p, fd, IN_SET | OUT_SET | EX_SET);
    if (m & POLLNVAL) return -Errno.EBADF;
    ready += answer(r + at, bit, (m & IN_SET) != 0) + answer(w + at, bit, (m & OUT_SET) != 0) + answer(x + at, bit, (m & EX_SET) != 0);
  }
  if (ready == 0) {
    const wt = pollWait(p, t);
    if (wt != 0 && handlerDue(p)) putTimeLeft(p, tsp, t);
    if (wt != 0) return wt;
  }
  putTimeLeft(p, tsp, t);
  pollEnd(p);
  if (putSet(p, rva, r, bytes) < 0 || putSet(p, wva, w, bytes) < 0 || putSet(p, eva, x, bytes) < 0) return -Errno.EFAULT;
  return ready;
}

// Keep the bit when asked and ready, clear it otherwise; 1 when kept.
function answer(a: usize, bit: u8, yes: bool): i32 {
  const v = load<u8>(a);
  if (!(v & bit)) return 0;
  if (yes) return 1;
  store<u8>(a, v & ~bit);
  return 0;
}

function getSet(p: Proc, va: u32, k: usize, bytes: u32): i32 {
  memory.fill(k, 0, FD_SETSIZE / 8);
  if (va == 0 || bytes == 0) return 0;
  return copyFromUser(p, k, va, bytes) < 0 ? -1 : 0;
}
function putSet(p: Proc, va: u32, k: usize, bytes: u32): i32 {
  if (va == 0 || bytes == 0) return 0;
  return copyToUser(p, va, k, bytes) < 0 ? -1 : 0;
}
