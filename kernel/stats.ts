// Counters: always on, one u64 each at a fixed physical address the host reads (layout.ts Stat).
// Per-syscall counters attribute work to the syscall that caused it.
// Interface: statAdd(Stat.x, n), statGet, statSet, sysStatAdd(nr, SysStat.x, n), statsReset(),
// curSys (the syscall being served), setCurSys(nr).
import { STATS_BASE, SYSSTATS_BASE, SYSSTAT_SIZE, Stat, SysStat } from "./abi/layout";
import { NSYSCALL } from "./abi/syscalls";

// The syscall whose work is being done now (-1: none, e.g. a fault or an interrupt).
export let curSys: i32 = -1;
export function setCurSys(nr: i32): void { curSys = nr; }

@inline export function statAdd(s: Stat, n: u64): void {
  const a = STATS_BASE + (<usize>s << 3);
  store<u64>(a, load<u64>(a) + n);
}

@inline export function statGet(s: Stat): u64 {
  return load<u64>(STATS_BASE + (<usize>s << 3));
}

@inline export function statSet(s: Stat, v: u64): void {
  store<u64>(STATS_BASE + (<usize>s << 3), v);
}

// Add to one counter of syscall `nr` (ignored when no syscall is the cause).
@inline export function sysStatAdd(nr: i32, s: SysStat, n: u64): void {
  if (<u32>nr >= <u32>NSYSCALL) return;
  const a = SYSSTATS_BASE + <usize>nr * SYSSTAT_SIZE + (<usize>s << 3);
  store<u64>(a, load<u64>(a) + n);
}

export function statsReset(): void {
  memory.fill(STATS_BASE, 0, <usize>Stat.COUNT << 3);
  memory.fill(SYSSTATS_BASE, 0, <usize>NSYSCALL * SYSSTAT_SIZE);
}
