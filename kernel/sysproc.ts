// Process syscalls: exit, exit_group, getpid, getppid, sched_yield, nanosleep, clock_gettime,
// wait4, uname (kill and the other signal calls: syssignal.ts). Fetch arguments, check them, make one call.
// Interface: the table's entries (syscall.ts, each (a0..a5) -> result or -errno): sys_exit,
// sys_exit_group, sys_getpid, sys_getppid, sys_sched_yield, sys_nanosleep, sys_clock_gettime,
// sys_wait4, sys_uname, sys_execve, sys_clone, sys_clock_getres.
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { TIME_HORIZON_NS } from "./param";
import { curProc } from "./cpu";
import { Proc, procSlots, procAt, procByPid, ZOMBIE, UNUSED } from "./proc";
import { sleepOn, sleepUntil, returnLater, wakeProc, progress, keepProgress } from "./sleep";
import { handlerDue, sigNoRestart } from "./signal";
import { procExit, reap, WAIT_CHAN_BASE } from "./exit";
import { copyToUser, copyFromUser } from "./copy";
import { clockNow } from "./clock";
import { yieldCurrent } from "./sched";
import { u32arg } from "./sysarg";
import { sysExecve } from "./sysexec";
import { sysClone } from "./fork";

import { WNOHANG, WUNTRACED, WCONTINUED, W_STOPCODE } from "./abi/wait";
const scratch: usize = memory.data(512);   // kernel buffer for small structs (timespec, utsname)

// The table's entries (syscall.ts): the six raw arguments in, narrowed and checked here.
export function sys_exit(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  procExit(curProc(), (<i32>a0 & 0xff) << 8); return 0;
}
export function sys_exit_group(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  procExit(curProc(), (<i32>a0 & 0xff) << 8); return 0;
}
export function sys_getpid(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return curProc().pid;
}
export function sys_getppid(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return curProc().ppid;
}
export function sys_sched_yield(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  yieldCurrent(p); return returnLater(p, 0);
}
export function sys_nanosleep(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysNanosleep(curProc(), u32arg(a0), u32arg(a1));
}
export function sys_clock_gettime(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysClockGettime(curProc(), <i32>a0, u32arg(a1));
}
export function sys_clock_getres(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysClockGetres(curProc(), <i32>a0, u32arg(a1));
}
export function sys_wait4(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysWait4(curProc(), <i32>a0, u32arg(a1), <i32>a2);
}
export function sys_uname(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysUname(curProc(), u32arg(a0));
}
export function sys_execve(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysExecve(curProc(), u32arg(a0), u32arg(a1), u32arg(a2));
}
export function sys_clone(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysClone(curProc(), <u64>a0);
}

// struct timespec { i64 tv_sec; i64 tv_nsec; } (the 64-bit time ABI)
// The deadline lives in p.pollAt from the first run (progress 1); a handler due ends the sleep
// with the time left in *rem and EINTR (Linux never restarts nanosleep after a handler).
function sysNanosleep(p: Proc, req: u32, rem: u32): i64 {
  if (progress(p) == 0) {
    if (copyFromUser(p, scratch, req, 16) < 0) return -Errno.EFAULT;
    const sec = load<i64>(scratch), nsec = load<i64>(scratch + 8);
    if (sec < 0 || nsec < 0 || nsec >= 1000000000) return -Errno.EINVAL;
    p.pollAt = wakeTime(<u64>sec, <u64>nsec);
    keepProgress(p, 1);
  }
  const now = clockNow(), end = p.pollAt;
  if (now >= end) { p.pollAt = 0; return 0; }
  sigNoRestart(p);
  if (handlerDue(p)) { p.pollAt = 0; putTimeLeft(p, rem, end - now); return sleepOn(p, 0); }
  sleepUntil(p, end);
  return sleepOn(p, 0);
}

function putTimeLeft(p: Proc, rem: u32, left: u64): void {
  if (rem == 0) return;
  store<i64>(scratch, <i64>(left / 1000000000)); store<i64>(scratch + 8, <i64>(left % 1000000000));
  copyToUser(p, rem, scratch, 16);
}

// now + sec s + nsec ns, saturated at TIME_HORIZON_NS (as Linux's ktime_set saturates at KTIME_MAX).
function wakeTime(sec: u64, nsec: u64): u64 {
  const now = clockNow();
  if (now >= TIME_HORIZON_NS) return now + 1;
  const room = TIME_HORIZON_NS - now;
  if (sec >= room / 1000000000) return TIME_HORIZON_NS;
  const d = sec * 1000000000 + nsec;
  if (d >= room) return TIME_HORIZON_NS;
  const t = now + d;
  return t == 0 ? 1 : t;                 // 0 means "no deadline"
}

function sysClockGettime(p: Proc, clk: i32, tp: u32): i64 {
  if (clk < 0 || clk > 7) return -Errno.EINVAL;
  const now = clockNow();
  store<i64>(scratch, <i64>(now / 1000000000));
  store<i64>(scratch + 8, <i64>(now % 1000000000));
  return copyToUser(p, tp, scratch, 16) < 0 ? -Errno.EFAULT : 0;
}

// Every clock here is the virtual clock, counted in nanoseconds: a resolution of 1 ns (Linux's
// hrtimer clocks say the same; its *_COARSE clocks say a tick). A null `tp` only checks the clock.
function sysClockGetres(p: Proc, clk: i32, tp: u32): i64 {
  if (clk < 0 || clk > 7) return -Errno.EINVAL;
  if (tp == 0) return 0;
  store<i64>(scratch, 0);
  store<i64>(scratch + 8, 1);
  return copyToUser(p, tp, scratch, 16) < 0 ? -Errno.EFAULT : 0;
}

function hasChild(p: Proc, pid: i32): bool {
  for (let i = 0; i < procSlots(); i++) {
    const c = procAt(i);
    if (!c) continue;
    if (c.state != UNUSED && c.ppid == p.pid && (pid <= 0 || <i32>c.pid == pid)) return true;
  }
  return false;
}

function zombieChild(p: Proc, pid: i32): Proc | null {
  for (let i = 0; i < procSlots(); i++) {
    const c = procAt(i);
    if (!c) continue;
    if (c.state == ZOMBIE && c.ppid == p.pid && (pid <= 0 || <i32>c.pid == pid)) return c;
  }
  return null;
}

function sysWait4(p: Proc, pid: i32, wstatus: u32, options: i32): i64 {
  if (options & ~(WNOHANG | WUNTRACED | WCONTINUED)) return -Errno.EINVAL;
  if (!hasChild(p, pid)) return -Errno.ECHILD;
  const c = zombieChild(p, pid);
  if (!c) {
    const r = reportChild(p, pid, options, wstatus);
    if (r != 0 || (options & WNOHANG)) return r;
    return sleepOn(p, WAIT_CHAN_BASE | p.pid);
  }
  // as Linux's kernel_wait4: the child is reaped first, a bad status pointer fails only the copy
  const cpid = c.pid;
  store<i32>(scratch, c.status);
  reap(c);
  if (wstatus != 0 && copyToUser(p, wstatus, scratch, 4) < 0) return -Errno.EFAULT;
  return cpid;
}

// WUNTRACED / WCONTINUED: a child that stopped or continued and was not reported yet (its pid), else 0.
function reportChild(p: Proc, pid: i32, options: i32, wstatus: u32): i64 {
  for (let i = 0; i < procSlots(); i++) {
    const c = procAt(i);
    if (!c) continue;
    if (c.state == UNUSED || c.ppid != p.pid || (pid > 0 && <i32>c.pid != pid) || c.waitReport == 0) continue;
    const stop = (c.waitReport & 0xff) == <u32>W_STOPCODE;
    if (stop ? !(options & WUNTRACED) : !(options & WCONTINUED)) continue;
    store<i32>(scratch, <i32>c.waitReport);
    c.waitReport = 0;      // reported even when the status cannot be stored (Linux's wait_task_stopped)
    if (wstatus != 0 && copyToUser(p, wstatus, scratch, 4) < 0) return -Errno.EFAULT;
    return c.pid;
  }
  return 0;
}

function putField(off: usize, s: string): void {
  const len = s.length;
  for (let i = 0; i < len; i++) store<u8>(scratch + off + i, <u8>s.charCodeAt(i));
}

// struct utsname: six 65-byte fields.
function sysUname(p: Proc, buf: u32): i64 {
  // LAB(syscall) BEGIN
  memory.fill(scratch, 0, 390);
  putField(0, "wasmos"); putField(65, "wasmos"); putField(130, "0.1.0");
  putField(195, "#1 wasmos"); putField(260, "wasm32"); putField(325, "(none)");
  return copyToUser(p, buf, scratch, 390) < 0 ? -Errno.EFAULT : 0;
  // LAB(syscall) ELSE
  // return -Errno.ENOSYS;   // TODO(syscall): fill a struct utsname, copy it out (putField, copyToUser)
  // LAB(syscall) END
}
