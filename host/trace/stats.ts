// Reading the kernel's always-on counters (u64 each) out of its memory.
// Interface: readStats(mem, statsBase, sysStatsBase) -> the Stats the kernel knows.
import { NSYSCALL } from "../../kernel/abi/syscalls";
import { Stat, SysStat, SYSSTAT_SIZE } from "../../kernel/abi/layout";
import { sysName } from "./sysname";
import type { Stats, SyscallStats } from "./stats-types";

export type KernelStats = Omit<Stats, "exitCode" | "signal" | "wallTimeNs">;

/** Counters at statsBase (Stat) and per syscall at sysStatsBase (SysStat x NSYSCALL). */
export function readStats(mem: DataView, statsBase: number, sysStatsBase: number): KernelStats {
  const s = (k: Stat) => Number(mem.getBigUint64(statsBase + 8 * k, true));
  return {
    syscalls: s(Stat.syscalls),
    syscallErrors: s(Stat.syscallErrors),
    modeSwitches: s(Stat.modeSwitches),
    processSwitches: s(Stat.processSwitches),
    irqs: s(Stat.irqs),
    pageFaults: { minor: s(Stat.faultMinor), major: s(Stat.faultMajor), cow: s(Stat.faultCow),
      segv: s(Stat.faultSegv), sigbus: s(Stat.faultSigbus) },
    tlb: { misses: s(Stat.tlbMisses), flushes: s(Stat.tlbFlushes) },
    cpuCopies: s(Stat.cpuCopies),
    cpuCopyBytes: s(Stat.cpuCopyBytes),
    dmaCopies: s(Stat.dmaCopies),
    dmaCopyBytes: s(Stat.dmaCopyBytes),
    pageCache: { hits: s(Stat.pcHits), misses: s(Stat.pcMisses), dirtied: s(Stat.pcDirtied),
      writtenBack: s(Stat.pcWrittenBack), evicted: s(Stat.pcEvicted) },
    frames: { total: s(Stat.framesTotal), free: s(Stat.framesFree) },
    signals: { sent: s(Stat.signalsSent), delivered: s(Stat.signalsDelivered) },
    hungTasks: s(Stat.hungTaskReports),
    leases: { breaks: s(Stat.leaseBreaks), timeouts: s(Stat.leaseBreakTimeouts) },
    netmap: { txSlots: s(Stat.netmapTxSlots), rxSlots: s(Stat.netmapRxSlots), syncs: s(Stat.netmapSyncs) },
    pktpoolSends: s(Stat.pktpoolSends),
    virtualTimeNs: s(Stat.virtualTimeNs),
    userTimeNs: s(Stat.userTimeNs),
    systemTimeNs: s(Stat.systemTimeNs),
    bySyscall: readBySyscall(mem, sysStatsBase),
  };
}

// Only syscalls that were called or moved data appear.
function readBySyscall(mem: DataView, base: number): Record<string, SyscallStats> {
  const out: Record<string, SyscallStats> = {};
  for (let nr = 0; nr < NSYSCALL; nr++) {
    const r = (k: SysStat) => Number(mem.getBigUint64(base + nr * SYSSTAT_SIZE + 8 * k, true));
    if (r(SysStat.calls) === 0 && r(SysStat.cpuCopies) === 0 && r(SysStat.dmaCopies) === 0) continue;
    const row: SyscallStats = {
      calls: r(SysStat.calls), errors: r(SysStat.errors), modeSwitches: r(SysStat.modeSwitches),
      cpuCopies: r(SysStat.cpuCopies), cpuCopyBytes: r(SysStat.cpuCopyBytes),
      dmaCopies: r(SysStat.dmaCopies), dmaCopyBytes: r(SysStat.dmaCopyBytes), timeNs: r(SysStat.timeNs),
    };
    out[sysName(nr)] = row;
  }
  return out;
}
