// Resource limits: getrlimit, setrlimit, prlimit64 with Linux's struct rlimit64 {u64 rlim_cur;
// u64 rlim_max} (16 bytes, for all three: the 64-bit ABI). RLIMIT_CPU is kept per process and
// enforced on its CPU time (user + system, on the virtual clock): at the soft limit the process
// gets SIGXCPU, at the hard limit SIGKILL (the hard one wins when both are reached); signals have
// no handlers here, so SIGXCPU ends the process too. RLIMIT_NOFILE reads NOFILE, RLIMIT_SIGPENDING
// Linux's boot-time default for the RAM (sigpendingMax); every other resource reads RLIM_INFINITY,
// and only RLIMIT_CPU can be set (EINVAL). Limits survive execve, fork copies them.
// Interface: sys_getrlimit, sys_setrlimit, sys_prlimit64 (the table's entries, syscall.ts, each
// (a0..a5) -> result or -errno); sigpendingMax() (/proc's SigQ); cpuLimitCheck(p) (the scheduler, each time it picks p). A new
// process has no limit (procAlloc).
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { RLIMIT_CPU, RLIMIT_NOFILE, RLIMIT_SIGPENDING, RLIM_NLIMITS, RLIMIT64_SIZE, RLIM_CUR, RLIM_MAX } from "./abi/resource";
import { curProc } from "./cpu";
import { Proc, procByPid } from "./proc";
import { copyFromUser, copyToUser } from "./copy";
import { NOFILE } from "./param";
import { nframes } from "./kalloc";
import { u32arg } from "./sysarg";

const RLIM_INFINITY: u64 = U64.MAX_VALUE;
const NS_PER_S: u64 = 1000000000;

const kb: usize = memory.data(<i32>RLIMIT64_SIZE);   // one struct rlimit64

// The table's entries (syscall.ts): the six raw arguments in, narrowed and checked here.
export function sys_getrlimit(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return prlimit(curProc(), <i32>a0, 0, u32arg(a1));
}
export function sys_setrlimit(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return prlimit(curProc(), <i32>a0, u32arg(a1), 0);
}
export function sys_prlimit64(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const t = a0 == 0 ? p : procByPid(<u32>a0);
  if (t == null || <u64>a0 > 0x7fffffff) return -Errno.ESRCH;
  return prlimit(t, <i32>a1, u32arg(a2), u32arg(a3));
}

// Linux's do_prlimit: the old value out first, then the new one in (0: none).
function prlimit(t: Proc, res: i32, newVa: u32, oldVa: u32): i64 {
  if (res < 0 || res >= RLIM_NLIMITS) return -Errno.EINVAL;
  const p = curProc();
  if (newVa != 0) {
    if (copyFromUser(p, kb, newVa, RLIMIT64_SIZE) < 0) return -Errno.EFAULT;
    if (load<u64>(kb + RLIM_CUR) > load<u64>(kb + RLIM_MAX)) return -Errno.EINVAL;
    if (res != RLIMIT_CPU) return -Errno.EINVAL;
  }
  const cur = load<u64>(kb + RLIM_CUR), max = load<u64>(kb + RLIM_MAX);
  if (oldVa != 0) {
    getLimit(t, res);
    if (copyToUser(p, oldVa, kb, RLIMIT64_SIZE) < 0) return -Errno.EFAULT;
  }
  if (newVa != 0) { t.rlimCpuCur = cur; t.rlimCpuMax = max; }
  return 0;
}

function getLimit(t: Proc, res: i32): void {
  let cur = RLIM_INFINITY, max = RLIM_INFINITY;
  if (res == RLIMIT_CPU) { cur = t.rlimCpuCur; max = t.rlimCpuMax; }
  if (res == RLIMIT_NOFILE) { cur = <u64>NOFILE; max = <u64>NOFILE; }
  if (res == RLIMIT_SIGPENDING) { cur = <u64>sigpendingMax(); max = cur; }
  store<u64>(kb + RLIM_CUR, cur);
  store<u64>(kb + RLIM_MAX, max);
}

// Signals that may be queued for a user: Linux sets it at boot to half its thread limit, which is
// a 16 KiB kernel stack per 8 of RAM's pages, at least 20 threads (kernel/fork.c set_max_threads).
export function sigpendingMax(): u32 {
  const threads = nframes() / 32;
  return (threads < 20 ? 20 : threads) / 2;
}

// True when `cpuNs` has reached `limit` seconds (RLIM_INFINITY, or more seconds than fit, never).
function reached(cpuNs: u64, limit: u64): bool {
  return limit != RLIM_INFINITY && limit <= U64.MAX_VALUE / NS_PER_S && cpuNs >= limit * NS_PER_S;
}

// RLIMIT_CPU (Linux's check_process_timers): the hard limit kills, the soft one sends SIGXCPU.
export function cpuLimitCheck(p: Proc): void {
  if (p.killed != 0) return;
  const cpu = p.userNs + p.sysNs;
  if (reached(cpu, p.rlimCpuMax)) p.killed = Sig.SIGKILL;
  else if (reached(cpu, p.rlimCpuCur)) p.killed = Sig.SIGXCPU;
}
