// Memory locking: mlock, munlock, mlockall, munlockall (Linux's mm/mlock.c). A locked region
// (VM_LOCKED in its flags) has its pages faulted in now, and they stay: anonymous pages are never
// reclaimed here anyway (no swap), and reclaim skips a file page a locked region maps
// (rmapLocked). /proc/PID/status shows the locked size (VmLck), /proc/meminfo the pages (Mlocked).
// Processes run as root (CAP_IPC_LOCK): RLIMIT_MEMLOCK is not enforced (getrlimit says unlimited).
// Locks are not inherited by fork.
// Interface: the table's entries (syscall.ts): sys_mlock, sys_munlock, sys_mlockall,
// sys_munlockall; lockNew(p, start, end) (mmap under MCL_FUTURE or MAP_LOCKED).
import { Errno } from "./abi/errno";
import { PAGE_SIZE, PAGE_MASK, USER_TOP } from "./abi/layout";
import { MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT } from "./abi/mman";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { vmaAt, vmaCovers, vmaSetFlags, VM_LOCKED, PROT_READ, PROT_WRITE, PROT_EXEC, MAP_SHARED_FLAG } from "./vma";
import { populate } from "./sysmem";

export function sys_mlock(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMlock(curProc(), <u64>a0, <u64>a1, true);
}
export function sys_munlock(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMlock(curProc(), <u64>a0, <u64>a1, false);
}
export function sys_mlockall(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMlockall(curProc(), <u32>a0);
}
export function sys_munlockall(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  p.mlockFuture = 0;
  return vmaSetFlags(p, 0, USER_TOP, 0, VM_LOCKED) ? 0 : -Errno.ENOMEM;
}

// The range is rounded out to whole pages (addr need not be aligned); it must be mapped throughout.
function sysMlock(p: Proc, addr: u64, len: u64, lock: bool): i64 {
  const start = addr & <u64><u32>PAGE_MASK;
  const end = (addr + len + PAGE_SIZE - 1) & <u64><u32>PAGE_MASK;
  if (end < start || addr + len < addr) return -Errno.EINVAL;
  if (len == 0) return 0;
  if (end > <u64>USER_TOP) return -Errno.ENOMEM;
  if (!vmaCovers(p, <u32>start, <u32>end)) return -Errno.ENOMEM;
  if (!vmaSetFlags(p, <u32>start, <u32>end, lock ? VM_LOCKED : 0, lock ? 0 : VM_LOCKED)) return -Errno.ENOMEM;
  return lock ? fault(p, <u32>start, <u32>end) : 0;
}

function sysMlockall(p: Proc, flags: u32): i64 {
  if (flags == 0 || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || flags == MCL_ONFAULT) return -Errno.EINVAL;
  p.mlockFuture = (flags & MCL_FUTURE) ? 1 : 0;
  if (!(flags & MCL_CURRENT)) return 0;
  if (!vmaSetFlags(p, 0, USER_TOP, VM_LOCKED, 0)) return -Errno.ENOMEM;
  return (flags & MCL_ONFAULT) ? 0 : fault(p, 0, USER_TOP);
}

// A new mapping [start, end) is locked and faulted in (MCL_FUTURE, MAP_LOCKED); failures to fault
// are not reported (Linux's mm_populate after mmap).
export function lockNew(p: Proc, start: u32, end: u32): void {
  vmaSetFlags(p, start, end, VM_LOCKED, 0);
  fault(p, start, end);
}

// Fault in the accessible pages of the regions in [start, end) (Linux's __mm_populate): written
// for a private writable region (so copy-on-write is broken now), read otherwise. ENOMEM when
// memory ran out.
function fault(p: Proc, start: u32, end: u32): i64 {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.end <= start || v.start >= end || !(v.prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) continue;
    const write = (v.prot & PROT_WRITE) != 0 && !(v.flags & MAP_SHARED_FLAG);
    if (!populate(p, max(v.start, start), min(v.end, end), write)) return -Errno.ENOMEM;
  }
  return 0;
}
