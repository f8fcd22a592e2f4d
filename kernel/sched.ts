// Scheduler: round robin over runnable processes, called by the host's run loop between guest
// slices. Switching to another process flushes the TLB (one address space at a time). When nothing
// is runnable but someone sleeps with a deadline (or an ITIMER_REAL is armed), the virtual clock
// jumps to it (idle). A process stopped by a signal is passed by.
// Interface: schedule() -> pid to run (0: none runnable), nextDeadline() (sleepers' and orphaned
// connections' timers), tlbForget(pid), yieldCurrent().
import { Stat } from "./abi/layout";
import { Ev } from "./abi/trace";
import { Proc, procSlots, procAt, RUNNABLE, RUNNING, SLEEPING } from "./proc";
import { wakeProc } from "./sleep";
import { setCurrent } from "./cpu";
import { tlbFlush } from "./tlb";
import { statAdd } from "./stats";
import { nextSeq, traceEmit } from "./trace";
import { clockNow, advanceTo, chargeSys, getCost, Cost } from "./clock";
import { exitBySignal } from "./exit";
import { fsMounted } from "./fs";
import { pcSync, pcDirtyPages } from "./pagecache";
import { FLUSH_INTERVAL_NS } from "./param";
import { tcpTimers, tcpNextTimer } from "./net/tcp";
import { cpuLimitCheck } from "./rlimit";
import { loadTick } from "./loadavg";
import { sigCheck, alarmTimers, alarmNext } from "./signal";

let lastSlot: i32 = -1;     // round-robin position
let nextFlush: u64 = FLUSH_INTERVAL_NS;   // when the periodic flusher runs next (virtual time)
let tlbPid: u32 = 0;        // whose translations the TLB holds (0: nobody)
let ranLast: u32 = 0;       // the process that had the CPU last (0: none yet)

export function tlbForget(pid: u32): void { if (tlbPid == pid) { tlbFlush(); tlbPid = 0; } }

// Wake sleepers whose deadline has passed; end orphaned connections whose time is up.
function wakeTimers(): void {
  const now = clockNow();
  tcpTimers(now);
  alarmTimers(now);
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state == SLEEPING && p.wakeAt != 0 && p.wakeAt <= now) wakeProc(p);
  }
}

export function nextDeadline(): u64 {
  let t: u64 = min(tcpNextTimer(), alarmNext());
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state == SLEEPING && p.wakeAt != 0 && p.wakeAt < t) t = p.wakeAt;
  }
  return t;
}

function pickRunnable(): Proc | null {
  const n = procSlots();
  for (let k = 1; k <= n; k++) {
    const i = (lastSlot + k) % n;
    const p = procAt(i);
    if (p && p.state == RUNNABLE && !p.stopped) { lastSlot = i; return p; }
  }
  return null;
}

// The flusher (Linux's writeback threads): every FLUSH_INTERVAL_NS of virtual time, dirty pages go to disk.
function flusher(): void {
  const now = clockNow();
  if (now < nextFlush) return;
  nextFlush = now + FLUSH_INTERVAL_NS;
  if (fsMounted() && pcDirtyPages() > 0) { setCurrent(null); pcSync(0); }
}

// Pick the next process. With nobody runnable the clock idles forward to the next sleeper's
// deadline, but not past `limit` (the host's next device interrupt): then 0 is returned.
export function schedule(limit: u64): u32 {
  flusher();
  loadTick(clockNow());
  let p: Proc | null = null;
  for (;;) {
    wakeTimers();
    p = pickRunnable();
    if (p) break;
    const t = nextDeadline();
    if (t == U64.MAX_VALUE || t > limit) { setCurrent(null); return 0; }
    advanceTo(t);     // idle until the next timer
    loadTick(clockNow());   // the periods jumped over, before the timer wakes anyone: nobody runnable
  }
  const q = p!;
  switchTo(q);
  cpuLimitCheck(q);     // RLIMIT_CPU: SIGXCPU or SIGKILL, taken just below
  sigCheck(q);          // signals' default actions; a handler due: SIGFLAG for the guest
  if (q.killed) { exitBySignal(q, q.killed); setCurrent(null); return schedule(limit); }
  if (q.stopped) { q.state = RUNNABLE; setCurrent(null); return schedule(limit); }
  return q.pid;
}

function switchTo(p: Proc): void {
  // A context switch is the CPU going to another process than the one that ran last (also when
  // that one has exited since: Linux's ctxt counts it too); the TLB is flushed when it holds
  // another process's translations.
  if (ranLast != 0 && ranLast != p.pid) {
    statAdd(Stat.processSwitches, 1);
    chargeSys(getCost(Cost.switchNs));
    traceEmit(nextSeq(), Ev.procSwitch, 0, ranLast, p.pid, 0, 0, 0, 0);
  }
  ranLast = p.pid;
  if (tlbPid != p.pid) {
    tlbFlush();
    tlbPid = p.pid;
  }
  setCurrent(p);
  p.state = RUNNING;
}

// The running process gives up the CPU but stays runnable (preemption, sched_yield).
export function yieldCurrent(p: Proc): void { if (p.state == RUNNING) p.state = RUNNABLE; }
