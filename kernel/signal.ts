// Signals: generation (sendSignal), the default actions the kernel takes itself (terminate, stop,
// continue, ignore), and the delivery of handlers, which run in the guest.
//
// A signal sent to a process sets its bit in p.sigPending and wakes it if it sleeps and the signal
// is not blocked or ignored. What happens next is decided at "return to user mode" (sigCheck): on
// every way out of a system call and whenever the scheduler picks a process. Default actions and
// SIG_IGN are taken there; a signal with a handler stays pending and the kernel sets SIGFLAG_ADDR,
// a word the translated guest reads after each kernel entry (host/translate/signal.ts). When the
// word is set, the guest's own code runs the handlers through three kernel entries:
//
//   loop:
//     mask = kernel.sigmask()      the mask to put back once the handler returns
//     h = kernel.sigenter()        take the next signal: sig | kind << 8 | handler << 32 (0: none,
//                                  leave the loop); block sa_mask (and the signal), trace, count
//     r = kernel.sigresult(r)      the interrupted call's result, decided at the first delivery as
//                                  Linux does: EINTR, or SIG_RESTART_CALL (SA_RESTART: the guest
//                                  calls the kernel again), or r itself
//     call_indirect h's handler    on the guest's own stack, as a nested call (it may block, fork...)
//     kernel.sigreturn(mask)       rt_sigreturn: the mask is restored
//   r = kernel.sigresult(r)
//
// A call that would sleep while a handler is due does not sleep (sigInterrupt, from the syscall
// entries): it returns -ERESTARTSYS (-ERESTARTNOHAND for calls Linux never restarts after a handler:
// ppoll, pselect6, nanosleep, rt_sigsuspend), and sigenter turns that into a restart when the
// handler has SA_RESTART, EINTR otherwise. The per-signal actions live in the process record's tail.
//
// Interface: sendSignal(p, sig), sendSignalFrom(p, sig, code, from, fd = -1, status = 0) (fd: si_fd,
// status: si_status), signalGroup(pgid, sig) -> count
// or -ESRCH, signalPending(p), handlerDue(p), sigCheck(p), sigInterrupt(p, r, wasiCall) -> r,
// sigNoRestart(p), sigFlushIgnored(p, sig), sigSetMask(p, mask), sigTempMask(p, mask), sigRestoreMask(p), sigForkCopy(p, c),
// sigExecReset(p), actionAt(p, sig), SigAction, SIGST_TRACED, SIGST_RETURNED, sigmask/sigenter/sigreturn/sigresult (the guest's
// entries), alarmTimers(now), alarmNext(), SIGACT_OFF, SIGINFO_OFF (each signal's siginfo as sent).
import { Errno } from "./abi/errno";
import { Stat, SIGFLAG_ADDR, SIGFRAME_VA, PAGE_SIZE } from "./abi/layout";
import { POLLIN, POLLRDNORM, POLLMSG } from "./abi/poll";
import { Ev } from "./abi/trace";
import { W_STOPCODE, W_CONTINUED } from "./abi/wait";
import { WasiErrno } from "./abi/wasi";
import { Sig, NSIG, SIG_DFL, SIG_IGN, SA_RESTART, SA_NODEFER, SA_RESETHAND, SA_SIGINFO, SA_NOCLDSTOP,
  SI_USER, SI_KERNEL, SI_TKILL, CLD_STOPPED, CLD_CONTINUED, SIG_RESTART_CALL, SIGENTER_SIGINFO, SIGENTER_SIGINFO_NULL,
  SIGENTER_SLOT_SHIFT, SIGINFO_SIZE, POLL_MSG, SI_SIGNO, SI_CODE, SI_PID, SI_STATUS, SI_BAND, SI_FD, SIGFRAME_SLOTS } from "./abi/signals";
import { vmaFind, vmaInsert, VMA_ANON, PROT_READ, PROT_WRITE } from "./vma";
import { copyToUser } from "./copy";
import { PROC_SIZE, PATH_MAX } from "./param";
import { Proc, procSlots, procAt, procByPid, CWD_OFF, UNUSED, ZOMBIE, EMBRYO, RUNNING, SLEEPING } from "./proc";
import { wakeProc, wakeup, sleeping, interruptSleep } from "./sleep";
import { WAIT_CHAN_BASE } from "./exit";
import { FORK_CHAN } from "./fork";
import { EXEC_CHAN } from "./sysexec";
import { curProc, hasCur } from "./cpu";
import { statAdd } from "./stats";
import { nextSeq, traceEmit } from "./trace";
import { panic } from "./panic";


// p.sigState bits.
const SIGST_RESTORE: u32 = 1;       // sigSaved is to be put back (after sigsuspend's/ppoll's mask)
const SIGST_INTR: u32 = 2;          // the call in progress was interrupted, restartable
const SIGST_NOHAND: u32 = 4;        // ... interrupted, restarted only if no handler runs
const SIGST_WASI: u32 = 8;          // ... and it was a WASI call (EINTR is WASI's)
const SIGST_EINTR: u32 = 16;        // a handler without SA_RESTART ran: the call returns EINTR
const SIGST_NORESTART: u32 = 32;    // the call in progress is one Linux never restarts after a handler
export const SIGST_TRACED: u32 = 64; // the fatal signal's delivery is traced (exitBySignal need not)
export const SIGST_RETURNED: u32 = 128; // the call's exit is traced: it stopped on its way out (entry.ts)

// The actions, one SigAction per signal, live in the process record's tail (helper area after
// nproc's 64 bytes): CWD_OFF + PATH_MAX + 64.
//   +------------+----------+--------------+
//   | handler    | flags    | mask (u64)   |   x NSIG
//   +------------+----------+--------------+
export const SIGACT_OFF: usize = CWD_OFF + <usize>PATH_MAX + 64;
const SIGACT_BYTES: usize = 16;
if (SIGACT_OFF + <usize>NSIG * SIGACT_BYTES > <usize>PROC_SIZE) panic("signal: the actions run past PROC_SIZE");

@unmanaged export class SigAction {
  handler: u32;      // SIG_DFL, SIG_IGN or the guest's function-table index
  flags: u32;        // SA_*
  mask: u64;         // signals blocked while the handler runs
}

export function actionAt(p: Proc, sig: i32): SigAction {
  return changetype<SigAction>(changetype<usize>(p) + SIGACT_OFF + <usize>(sig - 1) * SIGACT_BYTES);
}

// A function of the guest, not SIG_DFL or SIG_IGN.
@inline function isHandler(h: u32): bool { return h != SIG_DFL && h != SIG_IGN; }
@inline function bit(sig: i32): u64 { return (<u64>1) << <u64>(sig - 1); }
const UNBLOCKABLE: u64 = bit(Sig.SIGKILL) | bit(Sig.SIGSTOP);
const STOP_SIGS: u64 = bit(Sig.SIGSTOP) | bit(Sig.SIGTSTP) | bit(Sig.SIGTTIN) | bit(Sig.SIGTTOU);
const IGNORE_SIGS: u64 = bit(Sig.SIGCHLD) | bit(Sig.SIGCONT) | bit(Sig.SIGURG) | bit(Sig.SIGWINCH);

// --- Each signal's siginfo, as it was sent: the sender's pid (u32), si_code (i16) and one more
// figure (i16: si_fd + 1 for POLL_MSG, si_status for SIGCHLD), 8 bytes a signal after the actions.
// A signal sent again while pending keeps the newer sender's (standard signals are not queued).
export const SIGINFO_OFF: usize = SIGACT_OFF + <usize>NSIG * SIGACT_BYTES;
const SIGINFO_BYTES: usize = 8;
if (SIGINFO_OFF + <usize>NSIG * SIGINFO_BYTES > <usize>PROC_SIZE) panic("signal: the siginfo table runs past PROC_SIZE");

@inline function siAt(p: Proc, sig: i32): usize { return changetype<usize>(p) + SIGINFO_OFF + <usize>(sig - 1) * SIGINFO_BYTES; }
function setSiginfo(p: Proc, sig: i32, from: u32, code: i32, aux: i32): void {
  const at = siAt(p, sig);
  store<u32>(at, from); store<i16>(at + 4, <i16>code); store<i16>(at + 6, <i16>aux);
}
function siFrom(p: Proc, sig: i32): u32 { return load<u32>(siAt(p, sig)); }
function siCode(p: Proc, sig: i32): i32 { return <i32>load<i16>(siAt(p, sig) + 4); }
function siAux(p: Proc, sig: i32): i32 { return <i32>load<i16>(siAt(p, sig) + 6); }

// --- Generation

// Send `sig` to `p` from the running process (kill's SI_USER), or from the kernel with no process.
export function sendSignal(p: Proc, sig: u32): void {
  sendSignalFrom(p, <i32>sig, hasCur() ? SI_USER : SI_KERNEL, hasCur() ? curProc().pid : 0);
}

export function sendSignalFrom(p: Proc, sig: i32, code: i32, from: u32, fd: i32 = -1, status: i32 = 0): void {
  if (p.state == UNUSED || p.state == ZOMBIE || sig < 1 || sig > NSIG) return;
  statAdd(Stat.signalsSent, 1);
  if (sig == Sig.SIGKILL) { p.killed = sig; p.stopped = 0; wakeProc(p); return; }
  if (sig == Sig.SIGCONT) continueProc(p);
  if (STOP_SIGS & bit(sig)) p.sigPending &= ~bit(Sig.SIGCONT);
  if (!(p.sigBlocked & bit(sig)) && ignored(p, sig)) return;
  p.sigPending |= bit(sig);
  if (code == SI_TKILL) p.sigTkill |= bit(sig); else p.sigTkill &= ~bit(sig);
  setSiginfo(p, sig, from, code, fd >= 0 ? fd + 1 : status);
  if (p.sigBlocked & bit(sig)) return;
  if (p.state == SLEEPING && interruptible(p)) wakeProc(p);      // (the running one: at finishCall)
}

// Every process of group `pgid`; how many, or -ESRCH.
export function signalGroup(pgid: u32, sig: u32): i32 {
  let n = 0;
  for (let i = 0; i < procSlots(); i++) {
    const q = procAt(i);
    if (!q) continue;
    if (q.state == UNUSED || q.state == ZOMBIE || q.state == EMBRYO || q.pgid != pgid) continue;
    sendSignal(q, sig); n++;
  }
  return n > 0 ? n : -Errno.ESRCH;
}

// Sleeps the host finishes (fork, execve) are not interrupted: their result is being decided.
// The console's readers (TTY_CHAN) sleep interruptibly, as Linux's n_tty_read does.
function interruptible(p: Proc): bool { return p.chan != FORK_CHAN && p.chan != EXEC_CHAN; }

function ignored(p: Proc, sig: i32): bool {
  const h = actionAt(p, sig).handler;
  if (h == SIG_IGN) return true;
  return h == SIG_DFL && (IGNORE_SIGS & bit(sig)) != 0;
}

// A new action that ignores `sig` discards it if pending (POSIX; Linux's do_sigaction), blocked or not.
export function sigFlushIgnored(p: Proc, sig: i32): void {
  if (ignored(p, sig)) p.sigPending &= ~bit(sig);
}

// An unblocked signal is pending that ends a sleep: a handler is due or the process dies or stops.
export function signalPending(p: Proc): bool {
  if (p.killed) return true;
  let ready = p.sigPending & ~p.sigBlocked;
  while (ready) {
    const sig = <i32>ctz(ready) + 1;
    ready &= ready - 1;
    if (!ignored(p, sig)) return true;
  }
  return false;
}

// A pending, unblocked signal has a handler to run in the guest.
export function handlerDue(p: Proc): bool {
  let ready = p.sigPending & ~p.sigBlocked;
  while (ready) {
    const sig = <i32>ctz(ready) + 1;
    ready &= ready - 1;
    if (isHandler(actionAt(p, sig).handler)) return true;
  }
  return false;
}

// --- Return to user mode

// Take the default actions and SIG_IGN of the pending, unblocked signals; what is left has a
// handler. For the running process, SIGFLAG_ADDR tells the guest whether to call sigenter.
export function sigCheck(p: Proc): void {
  let ready = p.sigPending & ~p.sigBlocked;
  while (ready) {
    const sig = <i32>ctz(ready) + 1;
    ready &= ready - 1;
    const a = actionAt(p, sig);
    if (isHandler(a.handler)) continue;
    p.sigPending &= ~bit(sig);
    if (a.handler == SIG_IGN || (IGNORE_SIGS & bit(sig))) continue;
    if (STOP_SIGS & bit(sig)) { stopProc(p, sig); continue; }
    if (!p.killed) { traceSignal(p, sig); p.sigState |= SIGST_TRACED; p.killed = sig; statAdd(Stat.signalsDelivered, 1); p.nsignals++; }
  }
  if (hasCur() && p == curProc()) store<u32>(SIGFLAG_ADDR, (p.sigPending & ~p.sigBlocked) != 0 ? 1 : 0);
}

// The trace line strace prints for a delivery: --- SIGINT {si_signo=SIGINT, si_code=SI_USER, ...} ---
// (Ev.signal: a1 = si_code + 1 when known, a2 = si_pid, a3 = si_fd + 1 when set: a lease break's).
function traceSignal(p: Proc, sig: i32): void {
  const code = siCode(p, sig);
  traceEmit(nextSeq(), Ev.signal, sig, p.pid, <u64>(code + 1), siFrom(p, sig), code == POLL_MSG ? <u64>siAux(p, sig) : 0, 0, 0);
}

// Default action "stop": the scheduler passes the process by; the parent hears of it.
function stopProc(p: Proc, sig: i32): void {
  traceSignal(p, sig);
  statAdd(Stat.signalsDelivered, 1); p.nsignals++;
  p.stopped = 1;
  p.waitReport = <u32>(W_STOPCODE | (sig << 8));
  notifyParent(p, CLD_STOPPED);
}

function continueProc(p: Proc): void {
  p.sigPending &= ~STOP_SIGS;
  if (!p.stopped) return;
  p.stopped = 0;
  p.waitReport = <u32>W_CONTINUED;
  notifyParent(p, CLD_CONTINUED);
}

function notifyParent(p: Proc, code: i32): void {
  const parent = procByPid(p.ppid);
  if (!parent) return;
  wakeup(WAIT_CHAN_BASE | parent.pid);
  if (actionAt(parent, Sig.SIGCHLD).flags & SA_NOCLDSTOP) return;
  const status = code == CLD_STOPPED ? <i32>((p.waitReport >> 8) & 0xff) : <i32>Sig.SIGCONT;
  sendSignalFrom(parent, Sig.SIGCHLD, code, p.pid, -1, status);
}

// A handler call (r == -ERESTARTSYS: it would sleep) ends instead when a handler is due: the sleep
// is cancelled and the call returns what it moved, or -ERESTARTSYS / -ERESTARTNOHAND for sigresult.
export function sigInterrupt(p: Proc, r: i64, wasiCall: bool): i64 {
  if (!sleeping(r) || !handlerDue(p) || !interruptible(p)) return r;
  const norestart = (p.sigState & SIGST_NORESTART) != 0;
  p.sigState &= ~SIGST_NORESTART;
  const v = interruptSleep(p, norestart);
  if (v >= 0) return v;                                  // a transfer half done returns its count
  p.sigState |= (norestart ? SIGST_NOHAND : SIGST_INTR) | (wasiCall ? SIGST_WASI : 0);
  store<u32>(SIGFLAG_ADDR, 1);
  return v;
}

// The call in progress is one Linux never restarts after a handler (ppoll, nanosleep, sigsuspend).
export function sigNoRestart(p: Proc): void { p.sigState |= SIGST_NORESTART; }

// --- Masks

// (Taken at the next return to user mode: finishCall, or the guest's next sigenter.)
export function sigSetMask(p: Proc, mask: u64): void {
  p.sigBlocked = mask & ~UNBLOCKABLE;
}

// A temporary mask for the call in progress (rt_sigsuspend, ppoll, pselect6): the old one comes
// back when the call returns, or after the handlers it lets through have run.
export function sigTempMask(p: Proc, mask: u64): void {
  if (!(p.sigState & SIGST_RESTORE)) p.sigSaved = p.sigBlocked;
  p.sigState |= SIGST_RESTORE;
  p.sigBlocked = mask & ~UNBLOCKABLE;
}

export function sigRestoreMask(p: Proc): void {
  if (!(p.sigState & SIGST_RESTORE)) return;
  p.sigState &= ~SIGST_RESTORE;
  sigSetMask(p, p.sigSaved);
}

// fork: the child has the parent's actions and mask, nothing pending, no timer.
export function sigForkCopy(p: Proc, c: Proc): void {
  memory.copy(changetype<usize>(c) + SIGACT_OFF, changetype<usize>(p) + SIGACT_OFF, <usize>NSIG * SIGACT_BYTES);
  c.sigBlocked = p.sigBlocked;
  c.sigDepth = p.sigDepth;      // a fork inside a handler: the child returns from it too
  c.pgid = p.pgid;
}

// execve: handlers go back to SIG_DFL (the new image has none of the old functions); SIG_IGN stays.
export function sigExecReset(p: Proc): void {
  for (let sig = 1; sig <= NSIG; sig++) {
    const a = actionAt(p, sig);
    if (isHandler(a.handler)) { a.handler = SIG_DFL; a.flags = 0; a.mask = 0; }
  }
  p.sigState = 0;
  p.sigDepth = 0;
}

// --- The guest's entries

// The mask to restore once a handler returns: the one before a temporary mask, else the mask.
export function sigmask(): u64 {
  const p = curProc();
  return (p.sigState & SIGST_RESTORE) ? p.sigSaved : p.sigBlocked;
}

// Take the next signal with a handler: 0 when there is none.
export function sigenter(): i64 {
  const p = curProc();
  sigCheck(p);
  const ready = p.sigPending & ~p.sigBlocked;
  if (!ready) return 0;
  const sig = <i32>ctz(ready) + 1;
  const a = actionAt(p, sig);
  p.sigPending &= ~bit(sig);
  if ((p.sigState & SIGST_NOHAND) || ((p.sigState & SIGST_INTR) && !(a.flags & SA_RESTART))) p.sigState |= SIGST_EINTR;
  p.sigState &= ~SIGST_RESTORE;
  p.sigBlocked |= (a.mask | ((a.flags & SA_NODEFER) ? 0 : bit(sig))) & ~UNBLOCKABLE;
  const h = <i64>a.handler, slot = p.sigDepth % SIGFRAME_SLOTS;
  const kind = !(a.flags & SA_SIGINFO) ? 0 : putSiginfo(p, sig, slot) ? SIGENTER_SIGINFO : SIGENTER_SIGINFO_NULL;
  if (a.flags & SA_RESETHAND) { a.handler = SIG_DFL; a.flags &= ~SA_SIGINFO; }
  traceSignal(p, sig);
  statAdd(Stat.signalsDelivered, 1); p.nsignals++;
  p.sigDepth++;
  sigCheck(p);
  return <i64>sig | (<i64>kind << 8) | (<i64>slot << SIGENTER_SLOT_SHIFT) | (h << 32);
}

// An SA_SIGINFO handler's siginfo_t, written into its slot of the process's signal-frame page (mapped
// at the first need): copy_siginfo_to_user, a CPU copy. False when the page cannot be had (a mapping
// of the program's own lies there, or no memory): the handler then gets NULL.
const info: usize = memory.data(<i32>SIGINFO_SIZE);
const POLL_IN_BAND: i32 = <i32>(POLLIN | POLLRDNORM | POLLMSG);   // si_band of POLL_MSG (Linux's band_table)
function putSiginfo(p: Proc, sig: i32, slot: u32): bool {
  if (!vmaFind(p, SIGFRAME_VA) && !vmaInsert(p, SIGFRAME_VA, SIGFRAME_VA + PAGE_SIZE, PROT_READ | PROT_WRITE, 0, VMA_ANON)) return false;
  const v = vmaFind(p, SIGFRAME_VA);
  if (!v || v.kind != VMA_ANON || v.start != SIGFRAME_VA) return false;
  memory.fill(info, 0, SIGINFO_SIZE);
  const code = siCode(p, sig);
  store<i32>(info + SI_SIGNO, sig);
  store<i32>(info + SI_CODE, code);
  if (code == POLL_MSG) { store<i32>(info + SI_BAND, POLL_IN_BAND); store<i32>(info + SI_FD, siAux(p, sig) - 1); }
  else {
    store<u32>(info + SI_PID, siFrom(p, sig));
    if (sig == Sig.SIGCHLD) store<i32>(info + SI_STATUS, siAux(p, sig));
  }
  return copyToUser(p, SIGFRAME_VA + slot * SIGINFO_SIZE, info, SIGINFO_SIZE) == SIGINFO_SIZE;
}

// rt_sigreturn: the handler returned; its mask goes back.
export function sigreturn(mask: u64): void {
  const p = curProc();
  if (p.sigDepth > 0) p.sigDepth--;
  sigSetMask(p, mask);
}

// The result of the call the signals interrupted (r when none did).
export function sigresult(r: i64): i64 {
  const p = curProc();
  const st = p.sigState;
  p.sigState = st & SIGST_RESTORE;
  sigRestoreMask(p);
  if (!(st & (SIGST_INTR | SIGST_NOHAND))) return r;
  if (!(st & SIGST_EINTR)) return SIG_RESTART_CALL;
  return (st & SIGST_WASI) ? <i64>WasiErrno.INTR : -<i64>Errno.EINTR;
}

// --- ITIMER_REAL

// SIGALRM to every process whose timer is due (the scheduler calls this with the clock).
export function alarmTimers(now: u64): void {
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.alarmAt == 0 || p.alarmAt > now || p.state == UNUSED || p.state == ZOMBIE) continue;
    p.alarmAt = p.alarmEvery ? now + p.alarmEvery : 0;
    sendSignalFrom(p, Sig.SIGALRM, SI_KERNEL, 0);
  }
}

// The earliest armed timer (U64.MAX_VALUE: none).
export function alarmNext(): u64 {
  let t = U64.MAX_VALUE;
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.alarmAt != 0 && p.alarmAt < t && p.state != UNUSED && p.state != ZOMBIE) t = p.alarmAt;
  }
  return t;
}
