// Entry points the host's run loop uses around a guest slice: preemption (the guest's budget ran
// out), resuming a guest that unwound, a guest whose _start returned, a guest that trapped.
// Interface: preempt() (guest import), procResume(pid), procExitCurrent(code), procKill(pid, sig),
// procKilled(pid), procReap(pid) -> status, procState(pid), procStatus(pid), kstackPage(pid, i),
// kstackGrow(pid, bytes), kstackSize, chargeUserTime(ns), debugArmPanic() (tests only: the next preempt panics, so tests
// can check a panic stops the machine).
import { Errno } from "./abi/errno";
import { KSTACK_SIZE } from "./param";
import { curProc, hasCur } from "./cpu";
import { procByPid, ZOMBIE, UNUSED } from "./proc";
import { kstackPage as savePage, kstackGrow as saveGrow } from "./kstack";
import { procExit, exitBySignal, reap } from "./exit";
import { yieldCurrent } from "./sched";
import { chargeUser } from "./clock";
import { hostUnwind } from "./host";
import { beginRewind, endRewind } from "./sleep";
import { panic } from "./panic";
import { loDrain } from "./net/loopback";

let panicArmed = false;     // debugArmPanic: no guest can reach a real panic, tests need one

// The guest's loop budget ran out: give others a turn (the guest unwinds and is resumed later).
export function preempt(): void {
  if (panicArmed) { panicArmed = false; panic("preempt: armed by debugArmPanic"); }
  const p = curProc();
  if (endRewind(p)) return;                     // rewound to here: the guest goes on
  yieldCurrent(p);
  hostUnwind();
}

// The host is about to rewind `pid`: its next kernel entry (syscall or preempt) stops the rewind.
export function procResume(pid: u32): i32 {
  const p = procByPid(pid);
  if (!p) return -Errno.ESRCH;
  beginRewind(p);
  return 0;
}

// _start returned: exit status `code`.
export function procExitCurrent(code: i32): void {
  if (hasCur() && curProc().state != ZOMBIE) procExit(curProc(), (code & 0xff) << 8);
}

// The guest trapped (or the kernel marked it killed): it dies by `sig` (0: the pending signal).
export function procKill(pid: u32, sig: i32): i32 {
  const p = procByPid(pid);
  if (!p) return -Errno.ESRCH;
  if (p.state == ZOMBIE) return 0;
  exitBySignal(p, sig != 0 ? sig : p.killed);
  loDrain();                                   // what closing its sockets sent to 127.0.0.1
  return 0;
}

export function procState(pid: u32): i32 {
  const p = procByPid(pid);
  return p ? <i32>p.state : <i32>UNUSED;
}

export function procKilled(pid: u32): i32 {
  const p = procByPid(pid);
  return p ? <i32>p.killed : 0;
}

export function procStatus(pid: u32): i32 {
  const p = procByPid(pid);
  return p ? p.status : -1;
}

// Free a zombie the host spawned (its parent is the host).
export function procReap(pid: u32): i32 {
  const p = procByPid(pid);
  if (!p || p.state != ZOMBIE) return -Errno.ECHILD;
  return reap(p);
}

// Page i of pid's save area: its address, 0 when not allocated (the host copies page by page).
export function kstackPage(pid: u32, i: i32): usize {
  const p = procByPid(pid);
  return p ? savePage(p, i) : 0;
}
// Make pid's save area hold `bytes` (the host, before keeping an unwind): 0, or -ENOMEM.
export function kstackGrow(pid: u32, bytes: u32): i32 {
  const p = procByPid(pid);
  if (!p) return -Errno.ESRCH;
  return saveGrow(p, bytes) ? 0 : -Errno.ENOMEM;
}
export const kstackSize: i32 = KSTACK_SIZE;

export function chargeUserTime(ns: u64): void { chargeUser(ns); }

export function debugArmPanic(): void { panicArmed = true; }
