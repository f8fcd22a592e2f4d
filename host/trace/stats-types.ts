// The run's counters, as the CLI reports them and formatSummary prints them.
// Filled by readStats from the kernel's counters (kernel/abi/layout.ts: Stat, SysStat) plus what only
// the host knows (exit code, signal, wall time).

/** Counters of one syscall (strace -c's row plus copies). */
export interface SyscallStats {
  calls: number;
  errors: number;
  modeSwitches: number;
  cpuCopies: number;
  cpuCopyBytes: number;
  dmaCopies: number;
  dmaCopyBytes: number;
  timeNs: number;        // virtual ns spent in it
}

export interface Stats {
  exitCode: number | null;
  signal: number | null;
  syscalls: number;
  syscallErrors: number;
  modeSwitches: number;
  processSwitches: number;
  irqs: number;
  pageFaults: { minor: number; major: number; cow: number; segv: number; sigbus: number };
  tlb: { misses: number; flushes: number };
  cpuCopies: number;
  cpuCopyBytes: number;
  dmaCopies: number;
  dmaCopyBytes: number;
  pageCache: { hits: number; misses: number; dirtied: number; writtenBack: number; evicted: number };
  frames: { total: number; free: number };
  signals?: { sent: number; delivered: number };   // generated; acted on (a handler or a default action)
  leases?: { breaks: number; timeouts: number };   // file leases broken, and of those removed by force at lease-break-time (kernel/lease.ts)
  netmap?: { txSlots: number; rxSlots: number; syncs: number };   // netmap slots moved, ring syncs (kernel/net/netmap.ts)
  pktpoolSends?: number;   // packet TX ring frames handed to the NIC (kernel/net/pktpool.ts)
  hungTasks?: number;      // processes reported hung: asleep with nothing to wake them, then killed (host/hung.ts)
  virtualTimeNs: number;
  bySyscall: Record<string, SyscallStats>;   // keyed by Sys name
  userTimeNs: number;
  systemTimeNs: number;
  wallTimeNs: number;
}
