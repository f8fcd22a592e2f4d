// System call entry: the one trap-like import every guest has, kernel.syscall(nr, a0..a5).
// Counts two mode switches per call (enter, return), traces entry and exit, dispatches by Linux
// number, and handles sleeping as kernel/sleep.ts draws it: a handler that must wait returns
// sleepOn's -ERESTARTSYS; the guest then unwinds (asyncify) and calls again when woken.
// Interface: syscall (exported to guests), argument helpers live in each sys*.ts file.
import { Errno } from "./abi/errno";
import { Stat, SysStat } from "./abi/layout";
import { Ev, TraceClass } from "./abi/trace";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { callEntry, keptValue, leaveCall, RESTART_NONE, RESTART_RETURN } from "./sleep";
import { statAdd, sysStatAdd, setCurSys } from "./stats";
import { nextSeq, traceEmit, traceMask, traceFlushNow, setCause } from "./trace";
import { chargeSys, getCost, Cost } from "./clock";
import { hostUnwind } from "./host";
import { sysProc } from "./sysproc";
import { sysMem } from "./sysmem";
import { sysFile } from "./sysfile";
import { sysFs } from "./sysfs";
import { sysSock } from "./net/syssock";
import { sysSendfile } from "./sendfile";
import { sysSplice } from "./splice";
import { sysRlimit } from "./rlimit";
import { exitBySignal } from "./exit";
import { NOT_MINE } from "./sysarg";

export function syscall(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const how = callEntry(p);                      // sleep.ts: a new call, a restart, or a kept value
  if (how == RESTART_RETURN) return finish(p, nr, keptValue(p));
  if (how == RESTART_NONE) enter(p, nr, a0, a1, a2, a3, a4, a5);
  setCurSys(nr); setCause(p.sysSeq);
  const r = dispatch(nr, a0, a1, a2, a3, a4, a5);
  setCurSys(-1); setCause(0);
  if (leaveCall(p, r)) { hostUnwind(); return 0; }   // it sleeps, returns later, or exited
  return finish(p, nr, r);
}

function enter(p: Proc, nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): void {
  statAdd(Stat.syscalls, 1);
  statAdd(Stat.modeSwitches, 2);
  sysStatAdd(nr, SysStat.calls, 1);
  sysStatAdd(nr, SysStat.modeSwitches, 2);
  setCurSys(nr);
  chargeSys(2 * getCost(Cost.modeSwitchNs) + getCost(Cost.syscallNs));
  setCurSys(-1);
  p.sysSeq = nextSeq();
  traceEmit(p.sysSeq, Ev.sysEnter, nr, a0, a1, a2, a3, a4, a5);
  if (traceMask & TraceClass.syscall) traceFlushNow();
}

function finish(p: Proc, nr: i32, r: i64): i64 {
  if (r < 0 && r >= -4095) { statAdd(Stat.syscallErrors, 1); sysStatAdd(nr, SysStat.errors, 1); }
  setCause(p.sysSeq);
  traceEmit(nextSeq(), Ev.sysExit, nr, r, 0, 0, 0, 0, 0);
  setCause(0);
  if (traceMask & TraceClass.syscall) traceFlushNow();
  if (p.killed) { exitBySignal(p, p.killed); hostUnwind(); return 0; }
  return r;
}

// Each sys*.ts handles its own numbers and returns NOT_MINE for the others.
function dispatch(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  let r = sysProc(nr, a0, a1, a2, a3);
  if (r == NOT_MINE) r = sysMem(nr, a0, a1, a2, a3, a4, a5);
  if (r == NOT_MINE) r = sysFile(nr, a0, a1, a2, a3);
  if (r == NOT_MINE) r = sysFs(nr, a0, a1, a2, a3);
  if (r == NOT_MINE) r = sysSock(nr, a0, a1, a2, a3, a4, a5);
  if (r == NOT_MINE) r = sysSendfile(nr, a0, a1, a2, a3);
  if (r == NOT_MINE) r = sysSplice(nr, a0, a1, a2, a3, a4, a5);
  if (r == NOT_MINE) r = sysRlimit(nr, a0, a1, a2, a3);
  return r == NOT_MINE ? -Errno.ENOSYS : r;
}
