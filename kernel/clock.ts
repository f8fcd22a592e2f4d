// Virtual clock and cost model. Time advances only by modelled costs, so runs are deterministic.
// Interface: clockNow(), chargeSys(ns), chargeUser(ns) (both also to the current process's
// userNs/sysNs), costCopy(bytes), advanceTo(t); the cost fields (Cost, costInit() sets the
// defaults), settable by the host from a cost-model file: setCost(which, value), getCost(which).
import { Stat, SysStat } from "./abi/layout";
import { Cost } from "./abi/cost";
import { statAdd, statGet, statSet, sysStatAdd, curSys } from "./stats";
import { curProc, hasCur } from "./cpu";

export { Cost };

const costs: usize = memory.data(8 * Cost.COUNT);  // u64 per Cost, in the kernel image
@inline function cost(c: Cost): u64 { return load<u64>(costs + (<usize>c << 3)); }

export function costInit(): void {
  setCost(Cost.modeSwitchNs, 100);   // ~0.1 us: a syscall round trip costs ~0.2 us on modern x86
  setCost(Cost.syscallNs, 50);
  setCost(Cost.copyBytesPerUs, 10000); // 10 GB/s memcpy
  setCost(Cost.faultNs, 500);
  setCost(Cost.tlbMissNs, 20);
  setCost(Cost.userIterNs, 1);
  setCost(Cost.switchNs, 1000);
}

export function setCost(which: i32, value: u64): void {
  if (<u32>which < <u32>Cost.COUNT) store<u64>(costs + (<usize>which << 3), value);
}
export function getCost(which: i32): u64 { return cost(<Cost>which); }

export function clockNow(): u64 { return statGet(Stat.virtualTimeNs); }

// Kernel (system) time: attributed to the current syscall too.
export function chargeSys(ns: u64): void {
  statAdd(Stat.virtualTimeNs, ns);
  statAdd(Stat.systemTimeNs, ns);
  sysStatAdd(curSys, SysStat.timeNs, ns);
  if (hasCur()) curProc().sysNs += ns;       // the process's own CPU time (RLIMIT_CPU)
}

export function chargeUser(ns: u64): void {
  statAdd(Stat.virtualTimeNs, ns);
  statAdd(Stat.userTimeNs, ns);
  if (hasCur()) curProc().userNs += ns;
}

// Idle: jump forward to `t` (all processes asleep).
export function advanceTo(t: u64): void {
  if (t > statGet(Stat.virtualTimeNs)) statSet(Stat.virtualTimeNs, t);
}

export function costCopy(bytes: u64): u64 {
  return (bytes * 1000) / cost(Cost.copyBytesPerUs);
}
