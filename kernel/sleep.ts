// Sleeping and restarting system calls: the one protocol every call that waits follows. A guest
// has one wasm stack, so a call cannot stay in the kernel while its process sleeps: the call puts
// the process to sleep and the guest unwinds (asyncify) into its save area; when the process is
// picked again the host rewinds the guest, which re-enters kernel.syscall with the same arguments,
// and the call runs again (RESTART_SYSCALL) or returns a value decided meanwhile (RESTART_RETURN).
//
//  kernel.syscall: callEntry -> RESTART_NONE (a new call, progress 0)
//                                  |
//                                  v                         handler returns r
//  +------------------------> IN THE CALL (RUNNING) ------------------------------> r to the guest
//  |                               |
//  |  sleepOn(p, chan) returns     |  returnLater(p, v): sched_yield (stays RUNNABLE),
//  |  -ERESTARTSYS (keepProgress   |  nanosleep (sleepUntil(p, t) first); leaveCall keeps v:
//  |  first if a transfer is half  |  restart = RETURN
//  |  done); leaveCall: restart =  |
//  |  SYSCALL                      v
//  |                       the guest UNWINDS (hostUnwind) into its save area
//  |                               |
//  |                               v
//  |              SLEEPING on chan (or until wakeAt;     fork, execve sleep on FORK_CHAN,
//  |              sched_yield skips this state)          EXEC_CHAN; the host finishes the step:
//  |                               |                     resumeWith(p, v) (fork: the child's pid,
//  |  wakeup(chan); wakeAt passed  |                     and 0 in the child; execve failed:
//  |  (sched.ts); kill, OOM kill:  |                     -errno); execve done: forgetCall(p),
//  |  wakeProc(p)                  v                     the new image starts at _start
//  |                           RUNNABLE <--------------- (nothing resumes)
//  |                               |
//  |          schedule() picks it: p.killed? --yes--> exitBySignal: the call never resumes (a kill
//  |                               |                  ends any sleep; nanosleep's value is dropped)
//  |                               v no
//  |                           REWINDING: procResume -> beginRewind(p), the host starts the rewind,
//  |                               |      _start replays the saved frames
//  |                               v
//  |                 kernel.syscall again: callEntry ends the rewind, then by restart:
//  |                      |                                     |
//  +-- RESTART_SYSCALL: the handler runs again        RESTART_RETURN: keptValue(p) is returned,
//      (progress(p): bytes it already moved)          the handler does not run
//
// A preempted guest (kernel.preempt: its budget ran out) unwinds and is rewound the same way, but
// no call is in progress: preempt's endRewind stops the rewind and the guest goes on.
// A call that sleeps with progress kept (pipe and socket writes, splice and sendfile to a socket)
// goes on from where it was: progress(p) is what it had moved, so the bytes are not moved twice
// and the result counts them all. A new call starts at progress 0.
// Sleep channels (u32): TTY_CHAN (console readers), EXEC_CHAN and FORK_CHAN (the host is finishing
// an execve or fork), WAIT_CHAN_BASE | pid (wait4), pipeChan(i) 0xfd000000 | i, sockChan(i)
// 0xfe000000 | i; 0 with wakeAt: nanosleep; POLL_CHAN (ppoll, pselect6, WASI's poll_oneoff, with
// wakeAt for their timeout): every wakeup wakes its sleepers too, which look at their fds again
// (Linux's poll wait queues, kept simple: a wake-up on any channel); wakeup also tells epoll.ts, whose
// edge-triggered items count it as an event (epollWake).
// Interface: for handlers: sleepOn(p, chan) -> -ERESTARTSYS, sleepUntil(p, t), returnLater(p, v),
// progress(p), keepProgress(p, n); for wakers: wakeup(chan), wakeProc(p), resumeWith(p, v),
// forgetCall(p), sleepersOn(chan), POLL_CHAN; for signals: sleeping(r), interruptSleep(p, nohand); for the syscall entry: callEntry(p) -> RESTART_NONE | RESTART_SYSCALL
// | RESTART_RETURN, keptValue(p), leaveCall(p, r); for the host's rewind: beginRewind(p),
// endRewind(p).
import { ERESTARTSYS, ERESTARTNOHAND } from "./abi/errno";
import { Proc, procSlots, procAt, RUNNABLE, RUNNING, SLEEPING, ZOMBIE } from "./proc";
import { hostStopRewind } from "./host";
import { epollWake } from "./epoll";
import { curSys } from "./stats";

// How the call in progress goes on when its process runs again (Proc.restart).
export const RESTART_NONE: u32 = 0;      // no call to resume: the next syscall is a new one
export const RESTART_SYSCALL: u32 = 1;   // it slept: run the handler again
export const RESTART_RETURN: u32 = 2;    // its result is decided (Proc.retval): return it

// --- Handlers

// Sleep on `chan` until a wakeup(chan) (or a kill); the handler returns what this returns.
export function sleepOn(p: Proc, chan: u32): i64 {
  p.chan = chan;
  p.sleepSys = curSys;
  p.state = SLEEPING;
  return -ERESTARTSYS;
}

// Sleep until virtual time `t` (nanosleep); the call's value comes from returnLater.
export function sleepUntil(p: Proc, t: u64): void {
  p.wakeAt = t;
  p.state = SLEEPING;
  p.chan = 0;
  p.sleepSys = curSys;
}

// The call is done and returns `v`, but only once the process runs again (it yielded or sleeps):
// the guest unwinds now. The handler returns what this returns.
export function returnLater(p: Proc, v: i64): i64 {
  p.restart = RESTART_RETURN;
  p.retval = v;
  return v;
}

// Bytes a transfer moved before it slept (0 in a new call); keep it before sleepOn.
export function progress(p: Proc): u32 { return p.partial; }
export function keepProgress(p: Proc, n: u32): void { p.partial = n; }

// --- Wakers

export const POLL_CHAN: u32 = 0xfc000000;

export function wakeup(chan: u32): void {
  epollWake(chan);                             // edge-triggered epoll items see the event
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state == SLEEPING && (p.chan == chan || p.chan == POLL_CHAN)) { p.state = RUNNABLE; p.chan = 0; }
  }
}

// Wake `p` whatever it sleeps on (its deadline passed, or it was killed: it dies when scheduled).
export function wakeProc(p: Proc): void {
  if (p.state == SLEEPING) { p.state = RUNNABLE; p.chan = 0; p.wakeAt = 0; }
}

// A sleeping call's result was decided while it slept (the host finished fork, or execve failed):
// it returns `v` when the process runs.
export function resumeWith(p: Proc, v: i64): void {
  returnLater(p, v);
  p.state = RUNNABLE;
  p.chan = 0;
}

// The call ends without returning (execve replaced the image): nothing is left to resume.
export function forgetCall(p: Proc): void {
  p.restart = RESTART_NONE;
  p.chan = 0;
}

export function sleepersOn(chan: u32): i32 {
  let n = 0;
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state == SLEEPING && p.chan == chan) n++;
  }
  return n;
}

// --- Signals (signal.ts)

// A handler's result says it sleeps.
export function sleeping(r: i64): bool { return r == -ERESTARTSYS; }

// A signal handler is due: the sleep the call just asked for is cancelled; the call returns what
// it moved (a transfer half done), else -ERESTARTSYS (restartable with SA_RESTART) or, `nohand`,
// -ERESTARTNOHAND (EINTR whenever a handler runs).
export function interruptSleep(p: Proc, nohand: bool): i64 {
  p.state = RUNNING; p.chan = 0; p.wakeAt = 0;
  if (!nohand && p.partial > 0) return p.partial;
  return nohand ? -ERESTARTNOHAND : -ERESTARTSYS;
}

// --- syscall()

// Kernel entry by a system call: stop the rewind if this is a call being resumed; how it goes on.
export function callEntry(p: Proc): u32 {
  endRewind(p);
  const how = p.restart;
  p.restart = RESTART_NONE;
  if (how == RESTART_NONE) p.partial = 0;
  return how;
}

export function keptValue(p: Proc): i64 { return p.retval; }

// The handler returned `r`: true when the guest must unwind instead of returning it (the call
// sleeps, its value waits for the process to run again, or the process exited).
export function leaveCall(p: Proc, r: i64): bool {
  if (r == -ERESTARTSYS && p.state == SLEEPING) { p.restart = RESTART_SYSCALL; return true; }   // (else a signal ended the sleep: signal.ts)
  if (p.state == ZOMBIE) return true;
  return p.restart == RESTART_RETURN;
  return false;
}

// --- The host's rewind

// The host is about to rewind `p`'s guest: its next kernel entry ends the rewind.
export function beginRewind(p: Proc): void { p.resuming = 1; }

// At a kernel entry (syscall or preempt): if the guest was rewinding, it has arrived; stop the
// rewind (true).
export function endRewind(p: Proc): bool {
  if (!p.resuming) return false;
  p.resuming = 0;
  hostStopRewind();
  return true;
}
