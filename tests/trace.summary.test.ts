import { describe, expect, it } from "vitest";
import { formatSummary, type Stats, type SyscallStats } from "../host/trace";

const row = (calls: number, timeNs: number, more: Partial<SyscallStats> = {}): SyscallStats =>
  ({ calls, errors: 0, modeSwitches: 2 * calls, cpuCopies: 0, cpuCopyBytes: 0, dmaCopies: 0, dmaCopyBytes: 0, timeNs, ...more });

const stats: Stats = {
  exitCode: 0, signal: null, syscalls: 9, syscallErrors: 1, modeSwitches: 20, processSwitches: 3, irqs: 1,
  pageFaults: { minor: 5, major: 1, cow: 2, segv: 0, sigbus: 0 }, tlb: { misses: 40, flushes: 4 },
  cpuCopies: 8, cpuCopyBytes: 9000, dmaCopies: 1, dmaCopyBytes: 4096,
  pageCache: { hits: 1, misses: 1, dirtied: 0, writtenBack: 0, evicted: 0 }, frames: { total: 1024, free: 1000 },
  virtualTimeNs: 2_000_000, userTimeNs: 1_500_000, systemTimeNs: 500_000, wallTimeNs: 0,
  bySyscall: {
    write: row(4, 60_000, { cpuCopies: 4, cpuCopyBytes: 52 }),
    read: row(2, 30_000, { cpuCopies: 2, cpuCopyBytes: 4100, dmaCopies: 1, dmaCopyBytes: 4096 }),
    close: row(2, 10_000, { errors: 1 }),
    getpid: row(1, 0),
  },
};

describe("formatSummary", () => {
  it("prints strace -c's table sorted by time, a copy table and the totals", () => {
    expect(formatSummary(stats).split("\n")).toEqual([
      "% time     seconds  usecs/call     calls    errors syscall",
      "------ ----------- ----------- --------- --------- ----------------",
      " 60.00    0.000060          15         4           write",
      " 30.00    0.000030          15         2           read",
      " 10.00    0.000010           5         2         1 close",
      "  0.00    0.000000           0         1           getpid",
      "------ ----------- ----------- --------- --------- ----------------",
      "100.00    0.000100          11         9         1 total",
      "",
      "cpu copies   cpu bytes dma copies   dma bytes syscall",
      "---------- ----------- ---------- ----------- ----------------",
      "         2        4100          1        4096 read",
      "         4          52          0           0 write",
      "         2        4848          0           0 (no syscall)",
      "---------- ----------- ---------- ----------- ----------------",
      "         8        9000          1        4096 total",
      "",
      "mode switches     20",
      "process switches  3",
      "irqs              1",
      "page faults       8 (minor 5, major 1, cow 2, segv 0, sigbus 0)",
      "tlb               misses 40, flushes 4",
      "page cache        hits 1, misses 1, dirtied 0, written back 0, evicted 0",
      "frames            free 1000 of 1024",
      "time              virtual 0.002000 s (user 0.001500 s, system 0.000500 s)",
      "exit              code 0",
      "",
    ]);
  });

  it("adds wall time when known and names the killing signal", () => {
    const text = formatSummary({ ...stats, exitCode: null, signal: 11, wallTimeNs: 1_250_000_000 });
    expect(text).toContain("time              virtual 0.002000 s (user 0.001500 s, system 0.000500 s), wall 1.250000 s\n");
    expect(text).toContain("exit              killed by SIGSEGV\n");
  });
});
