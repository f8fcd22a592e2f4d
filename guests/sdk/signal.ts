// Signals: handlers (an AssemblyScript function of one i32, run by the kernel's delivery between
// two statements of the program: kernel/signal.ts), masks, sending, timers and waiting.
// Each returns the raw result or -errno.
//
// Interface:
//   sigaction(sig, handler, flags = 0, mask = 0)   install handler (flags SA_*; mask: sigbit()s)
//   sigignore(sig) sigdefault(sig)                 SIG_IGN / SIG_DFL
//   sigactionRaw(sig, act, oact)                   rt_sigaction with struct sigaction pointers
//   sigprocmask(how, set) -> the old mask (u64)    SIG_BLOCK / SIG_UNBLOCK / SIG_SETMASK
//   sigpending() -> pending and blocked (u64)      sigsuspend(mask) pause()   always -EINTR
//   raise(sig) tkill(tid, sig) tgkill(tgid, tid, sig) killpg(pgid, sig)
//   alarm(seconds) -> seconds left of the previous one   setitimer(which, valueUs, intervalUs, old)
//   sigbit(sig) -> the signal's bit in a mask
//   SIGNAL_NAMES signalName(sig) signalNumber(name)   "TERM" for 15 and back (procps' names; a
//                                  name may have "SIG" and any case; 0 / -1 when unknown)
import { Sys } from "../../kernel/abi/syscalls";
import { SIG_DFL, SIG_IGN, SIG_BLOCK, SIGSET_SIZE, SIGACTION_SIZE, SA_HANDLER, SA_FLAGS, SA_MASK,
  ITIMER_REAL, ITIMERVAL_SIZE, IT_INTERVAL, IT_VALUE } from "../../kernel/abi/signals";
import { syscall2, syscall3, syscall4 } from "./syscall";
import { getpid, kill } from "./process";

export { SIG_DFL, SIG_IGN, SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK, SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_SIGINFO,
  SA_NOCLDSTOP, ITIMER_REAL, NSIG } from "../../kernel/abi/signals";

const act = memory.data(SIGACTION_SIZE);
const set = memory.data(2 * SIGSET_SIZE);
const itv = memory.data(2 * ITIMERVAL_SIZE);
const US_PER_S: i64 = 1000000;

/** The names of signals 1..31 without "SIG", as procps kill -l lists them (29 is POLL, alias IO). */
export const SIGNAL_NAMES: string[] = ["HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
  "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
  "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS"];

/** "TERM" for 15; "" for a number without a name. */
export function signalName(sig: i32): string {
  return sig >= 1 && sig <= SIGNAL_NAMES.length ? SIGNAL_NAMES[sig - 1] : "";
}

/** 15 for "TERM", "term", "SIGTERM"; -1 for an unknown name. */
export function signalNumber(name: string): i32 {
  let up = name.toUpperCase();
  if (up.startsWith("SIG")) up = up.substring(3);
  if (up == "IO") up = "POLL";
  const i = SIGNAL_NAMES.indexOf(up);
  return i < 0 ? -1 : i + 1;
}

export function sigbit(sig: i32): u64 { return (<u64>1) << <u64>(sig - 1); }

export function sigactionRaw(sig: i32, a: usize, old: usize): i64 {
  return syscall4(Sys.rt_sigaction, sig, a, old, SIGSET_SIZE);
}

function setAction(sig: i32, handler: u32, flags: u32, mask: u64): i64 {
  store<u32>(act + SA_HANDLER, handler); store<u32>(act + SA_FLAGS, flags); store<u64>(act + SA_MASK, mask);
  return sigactionRaw(sig, act, 0);
}

/** Run `handler(sig)` when `sig` is delivered. */
export function sigaction(sig: i32, handler: (sig: i32) => void, flags: u32 = 0, mask: u64 = 0): i64 {
  return setAction(sig, handler.index, flags, mask);
}

export function sigignore(sig: i32): i64 { return setAction(sig, SIG_IGN, 0, 0); }
export function sigdefault(sig: i32): i64 { return setAction(sig, SIG_DFL, 0, 0); }

/** Change the mask; the old one, or -errno (a mask never has bit 63 set: SIGRTMAX is 64). */
export function sigprocmask(how: i32, mask: u64): i64 {
  store<u64>(set, mask);
  const r = syscall4(Sys.rt_sigprocmask, how, set, set + SIGSET_SIZE, SIGSET_SIZE);
  return r < 0 ? r : <i64>load<u64>(set + SIGSET_SIZE);
}

/** Signals pending while blocked. */
export function sigpending(): i64 {
  const r = syscall2(Sys.rt_sigpending, set, SIGSET_SIZE);
  return r < 0 ? r : <i64>load<u64>(set);
}

/** Wait with `mask` until a handler has run: -EINTR. */
export function sigsuspend(mask: u64): i64 {
  store<u64>(set, mask);
  return syscall2(Sys.rt_sigsuspend, set, SIGSET_SIZE);
}

/** Wait until a handler has run (the mask unchanged). */
export function pause(): i64 {
  const old = sigprocmask(SIG_BLOCK, 0);
  return old < 0 ? old : sigsuspend(<u64>old);
}

export function tkill(tid: i32, sig: i32): i64 { return syscall2(Sys.tkill, tid, sig); }
export function tgkill(tgid: i32, tid: i32, sig: i32): i64 { return syscall3(Sys.tgkill, tgid, tid, sig); }
export function raise(sig: i32): i64 { const me = <i32>getpid(); return tgkill(me, me, sig); }
export function killpg(pgid: i32, sig: i32): i64 { return kill(-pgid, sig); }

function putTimeval(at: usize, us: i64): void { store<i64>(at, us / US_PER_S); store<i64>(at + 8, us % US_PER_S); }
function getUs(at: usize): i64 { return load<i64>(at) * US_PER_S + load<i64>(at + 8); }

/** setitimer(which) with the value and interval in microseconds; `old` receives the old itimerval. */
export function setitimer(which: i32, valueUs: i64, intervalUs: i64, old: usize = 0): i64 {
  putTimeval(itv + IT_INTERVAL, intervalUs); putTimeval(itv + IT_VALUE, valueUs);
  return syscall3(Sys.setitimer, which, itv, old);
}

/** SIGALRM in `seconds` (0: cancel); the seconds left of the previous alarm, rounded as glibc does. */
export function alarm(seconds: u32): i64 {
  const r = setitimer(ITIMER_REAL, <i64>seconds * US_PER_S, 0, itv + ITIMERVAL_SIZE);
  if (r < 0) return r;
  const left = getUs(itv + ITIMERVAL_SIZE + IT_VALUE);
  if (left == 0) return 0;
  const s = (left + US_PER_S / 2) / US_PER_S;
  return s > 0 ? s : 1;
}
