// Kernel entry and exit by a system call, shared by the two personalities (Linux's kernel.syscall in
// syscall.ts, WASI's kernel.wasi in wasi.ts): each call counts two mode switches (enter and return),
// is charged its entry cost, counted in the per-syscall statistics under its number (a WASI call at
// WASI_BASE + its number), traced at entry with its argument registers and at exit with its result,
// and a process killed meanwhile dies on the way out instead of returning (one stopped by a signal
// gives up the CPU there; signals with handlers are left to the guest: kernel/signal.ts).
// Interface: enterCall(p, nr, a0..a6) (a new call: counts, charges, traces the entry),
// finishCall(p, nr, r, failed) -> r (or 0 when the process died: the guest unwinds).
import { Stat, SysStat } from "./abi/layout";
import { Ev, TraceClass } from "./abi/trace";
import { Proc } from "./proc";
import { statAdd, sysStatAdd, setCurSys } from "./stats";
import { nextSeq, traceEmit, traceMask, traceFlushNow, setCause } from "./trace";
import { chargeSys, getCost, Cost } from "./clock";
import { hostUnwind } from "./host";
import { exitBySignal } from "./exit";
import { sigCheck, SIGST_RETURNED } from "./signal";
import { returnLater } from "./sleep";
import { yieldCurrent } from "./sched";
import { loDrain } from "./net/loopback";

export function enterCall(p: Proc, nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64): void {
  statAdd(Stat.syscalls, 1);
  statAdd(Stat.modeSwitches, 2);
  sysStatAdd(nr, SysStat.calls, 1);
  sysStatAdd(nr, SysStat.modeSwitches, 2);
  setCurSys(nr);
  chargeSys(2 * getCost(Cost.modeSwitchNs) + getCost(Cost.syscallNs));
  setCurSys(-1);
  p.sysSeq = nextSeq();
  traceEmit(p.sysSeq, Ev.sysEnter, nr, a0, a1, a2, a3, a4, a5, a6);
  if (traceMask & TraceClass.syscall) traceFlushNow();
}

// `failed`: the personality's own test (Linux: r in [-4095, -1]; WASI: a nonzero errno).
export function finishCall(p: Proc, nr: i32, r: i64, failed: bool): i64 {
  if (!(p.sigState & SIGST_RETURNED)) {
    if (failed) { statAdd(Stat.syscallErrors, 1); sysStatAdd(nr, SysStat.errors, 1); }
    setCause(p.sysSeq);
    traceEmit(nextSeq(), Ev.sysExit, nr, r, 0, 0, 0, 0, 0);
    setCause(0);
    if (traceMask & TraceClass.syscall) traceFlushNow();
  }
  p.sigState &= ~SIGST_RETURNED;
  sigCheck(p);                                  // return to user mode: default actions, SIGFLAG
  if (p.killed) { exitBySignal(p, p.killed); loDrain(); hostUnwind(); return 0; }   // (its sockets' FIN or RST)
  if (p.stopped) { p.sigState |= SIGST_RETURNED; returnLater(p, r); yieldCurrent(p); hostUnwind(); return 0; }
  return r;
}
