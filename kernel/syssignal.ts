// Signal system calls: kill, tkill, tgkill, rt_sigaction, rt_sigprocmask, rt_sigpending,
// rt_sigsuspend, getitimer, setitimer (ITIMER_REAL). Fetch the arguments, check them, make one
// call into signal.ts. (alarm and pause are libc functions over setitimer and rt_sigsuspend, as on
// every asm-generic Linux.)
// Interface: the table's entries sys_kill, sys_tkill, sys_tgkill, sys_rt_sigaction,
// sys_rt_sigprocmask, sys_rt_sigpending, sys_rt_sigsuspend, sys_getitimer, sys_setitimer.
import { Errno } from "./abi/errno";
import { Sig, NSIG, SIGSET_SIZE, SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, SIGACTION_SIZE, SA_HANDLER, SA_FLAGS,
  SA_MASK, SI_USER, SI_TKILL, ITIMER_REAL, ITIMER_VIRTUAL, ITIMER_PROF, ITIMERVAL_SIZE, IT_INTERVAL, IT_VALUE } from "./abi/signals";
import { curProc } from "./cpu";
import { Proc, procSlots, procAt, procByPid, UNUSED, ZOMBIE, EMBRYO } from "./proc";
import { sleepOn, progress, keepProgress } from "./sleep";
import { copyToUser, copyFromUser } from "./copy";
import { clockNow } from "./clock";
import { u32arg } from "./sysarg";
import { sendSignalFrom, signalGroup, actionAt, sigSetMask, sigTempMask, sigNoRestart, sigFlushIgnored } from "./signal";

const SIGSUSPEND_CHAN: u32 = 0xfb000000;   // rt_sigsuspend sleeps here: only a signal wakes it
const NS_PER_US: u64 = 1000;
const US_PER_S: u64 = 1000000;
const buf: usize = memory.data(32);        // a sigaction, a sigset or an itimerval on its way

export function sys_kill(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysKill(curProc(), <i32>a0, <i32>a1);
}
export function sys_tkill(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysTgkill(curProc(), -1, <i32>a0, <i32>a1);
}
export function sys_tgkill(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysTgkill(curProc(), <i32>a0, <i32>a1, <i32>a2);
}
export function sys_rt_sigaction(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysSigaction(curProc(), <i32>a0, u32arg(a1), u32arg(a2), a3);
}
export function sys_rt_sigprocmask(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysSigprocmask(curProc(), <i32>a0, u32arg(a1), u32arg(a2), a3);
}
export function sys_rt_sigpending(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysSigpending(curProc(), u32arg(a0), a1);
}
export function sys_rt_sigsuspend(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysSigsuspend(curProc(), u32arg(a0), a1);
}
export function sys_getitimer(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysGetitimer(curProc(), <i32>a0, u32arg(a1));
}
export function sys_setitimer(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysSetitimer(curProc(), <i32>a0, u32arg(a1), u32arg(a2));
}

function badSig(sig: i32): bool { return sig < 0 || sig > NSIG; }

function live(q: Proc): bool { return q.state != UNUSED && q.state != ZOMBIE && q.state != EMBRYO; }

// kill(pid > 0): that process; 0: the caller's group; -1: every process but 1 and the caller;
// < -1: group -pid. Signal 0 only checks that the target exists.
function sysKill(p: Proc, pid: i32, sig: i32): i64 {
  if (badSig(sig)) return -Errno.EINVAL;
  if (pid > 0) {
    const t = procByPid(<u32>pid);
    if (!t || !live(t)) return -Errno.ESRCH;
    if (sig != 0) sendSignalFrom(t, sig, SI_USER, p.pid);
    return 0;
  }
  if (pid == -1) return killAll(p, sig);
  const pgid = pid == 0 ? p.pgid : <u32>-pid;
  if (sig == 0) return groupExists(pgid) ? 0 : -Errno.ESRCH;
  const n = signalGroup(pgid, <u32>sig);
  return n < 0 ? n : 0;
}

function killAll(p: Proc, sig: i32): i64 {
  let n = 0;
  for (let i = 0; i < procSlots(); i++) {
    const q = procAt(i);
    if (!q) continue;
    if (!live(q) || q.pid == 1 || q == p) continue;
    if (sig != 0) sendSignalFrom(q, sig, SI_USER, p.pid);
    n++;
  }
  return n > 0 ? 0 : -Errno.ESRCH;
}

function groupExists(pgid: u32): bool {
  for (let i = 0; i < procSlots(); i++) {
    const q = procAt(i);
    if (q && live(q) && q.pgid == pgid) return true;
  }
  return false;
}

// A process has one thread, its tid is its pid; tgid -1 (tkill): any.
function sysTgkill(p: Proc, tgid: i32, tid: i32, sig: i32): i64 {
  if (badSig(sig) || tid <= 0 || (tgid != -1 && tgid <= 0)) return -Errno.EINVAL;
  const t = procByPid(<u32>tid);
  if (!t || !live(t) || (tgid != -1 && <u32>tgid != t.pid)) return -Errno.ESRCH;
  if (sig != 0) sendSignalFrom(t, sig, SI_TKILL, p.pid);
  return 0;
}

function sysSigaction(p: Proc, sig: i32, act: u32, oact: u32, size: i64): i64 {
  if (size != SIGSET_SIZE || sig < 1 || sig > NSIG) return -Errno.EINVAL;
  if (act != 0 && (sig == Sig.SIGKILL || sig == Sig.SIGSTOP)) return -Errno.EINVAL;
  const a = actionAt(p, sig);
  if (oact != 0) {
    store<u32>(buf + SA_HANDLER, a.handler); store<u32>(buf + SA_FLAGS, a.flags); store<u64>(buf + SA_MASK, a.mask);
    if (copyToUser(p, oact, buf, SIGACTION_SIZE) < 0) return -Errno.EFAULT;
  }
  if (act == 0) return 0;
  if (copyFromUser(p, buf, act, SIGACTION_SIZE) < 0) return -Errno.EFAULT;
  a.handler = load<u32>(buf + SA_HANDLER); a.flags = load<u32>(buf + SA_FLAGS); a.mask = load<u64>(buf + SA_MASK);
  sigFlushIgnored(p, sig);          // a pending signal now ignored is dropped, blocked or not
  sigSetMask(p, p.sigBlocked);
  return 0;
}

function sysSigprocmask(p: Proc, how: i32, set: u32, oset: u32, size: i64): i64 {
  if (size != SIGSET_SIZE) return -Errno.EINVAL;
  const old = p.sigBlocked;
  if (set != 0) {
    if (how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK) return -Errno.EINVAL;
    if (copyFromUser(p, buf, set, SIGSET_SIZE) < 0) return -Errno.EFAULT;
    const m = load<u64>(buf);
    sigSetMask(p, how == SIG_BLOCK ? old | m : how == SIG_UNBLOCK ? old & ~m : m);
  }
  store<u64>(buf, old);
  if (oset != 0 && copyToUser(p, oset, buf, SIGSET_SIZE) < 0) return -Errno.EFAULT;
  return 0;
}

function sysSigpending(p: Proc, set: u32, size: i64): i64 {
  if (size != SIGSET_SIZE) return -Errno.EINVAL;
  store<u64>(buf, p.sigPending & p.sigBlocked);
  return copyToUser(p, set, buf, SIGSET_SIZE) < 0 ? -Errno.EFAULT : 0;
}

// Wait with `mask` for a signal whose handler then runs; always EINTR (-ERESTARTNOHAND).
function sysSigsuspend(p: Proc, set: u32, size: i64): i64 {
  if (size != SIGSET_SIZE) return -Errno.EINVAL;
  if (progress(p) == 0) {
    if (copyFromUser(p, buf, set, SIGSET_SIZE) < 0) return -Errno.EFAULT;
    sigTempMask(p, load<u64>(buf));
    keepProgress(p, 1);
  }
  sigNoRestart(p);
  return sleepOn(p, SIGSUSPEND_CHAN);        // a handler due: sigInterrupt ends it (signal.ts)
}

function putTimeval(off: usize, ns: u64): void {
  const us = (ns + NS_PER_US - 1) / NS_PER_US;
  store<i64>(buf + off, <i64>(us / US_PER_S)); store<i64>(buf + off + 8, <i64>(us % US_PER_S));
}

// The itimerval of `p`'s ITIMER_REAL into buf.
function realTimer(p: Proc): void {
  const now = clockNow();
  putTimeval(IT_INTERVAL, p.alarmEvery);
  putTimeval(IT_VALUE, p.alarmAt > now ? p.alarmAt - now : (p.alarmAt != 0 ? 1 : 0));
}

function sysGetitimer(p: Proc, which: i32, va: u32): i64 {
  if (which < ITIMER_REAL || which > ITIMER_PROF) return -Errno.EINVAL;
  if (which == ITIMER_REAL) realTimer(p); else memory.fill(buf, 0, ITIMERVAL_SIZE);
  return copyToUser(p, va, buf, ITIMERVAL_SIZE) < 0 ? -Errno.EFAULT : 0;
}

// A timeval at buf + off in ns; -1 when malformed.
function getTimeval(off: usize): i64 {
  const sec = load<i64>(buf + off), us = load<i64>(buf + off + 8);
  if (sec < 0 || us < 0 || <u64>us >= US_PER_S || <u64>sec > U64.MAX_VALUE / 2000000000000) return -1;
  return sec * <i64>(US_PER_S * NS_PER_US) + us * <i64>NS_PER_US;
}

// Only ITIMER_REAL runs here (SIGALRM on the virtual clock); the CPU-time timers are refused.
function sysSetitimer(p: Proc, which: i32, va: u32, ova: u32): i64 {
  if (which == ITIMER_VIRTUAL || which == ITIMER_PROF) return -Errno.ENOSYS;
  if (which != ITIMER_REAL) return -Errno.EINVAL;
  if (va != 0 && copyFromUser(p, buf, va, ITIMERVAL_SIZE) < 0) return -Errno.EFAULT;
  const every = va != 0 ? getTimeval(IT_INTERVAL) : 0, value = va != 0 ? getTimeval(IT_VALUE) : 0;
  if (every < 0 || value < 0) return -Errno.EINVAL;
  if (ova != 0) {
    realTimer(p);
    if (copyToUser(p, ova, buf, ITIMERVAL_SIZE) < 0) return -Errno.EFAULT;
  }
  if (va == 0) return 0;
  p.alarmEvery = <u64>every;
  p.alarmAt = value == 0 ? 0 : clockNow() + <u64>value;
  return 0;
}
