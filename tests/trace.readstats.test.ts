import { describe, expect, it } from "vitest";
import { Stat, SysStat, SYSSTAT_SIZE } from "../kernel/abi/layout";
import { Sys, NSYSCALL } from "../kernel/abi/syscalls";
import { readStats } from "../host/trace";

describe("readStats", () => {
  it("reads the kernel's u64 counters and keeps only syscalls that were used", () => {
    const statsBase = 0x100, sysBase = 0x1000;
    const dv = new DataView(new ArrayBuffer(sysBase + NSYSCALL * SYSSTAT_SIZE));
    const put = (k: Stat, v: number) => dv.setBigUint64(statsBase + 8 * k, BigInt(v), true);
    const sys = (nr: number, k: SysStat, v: number) => dv.setBigUint64(sysBase + nr * SYSSTAT_SIZE + 8 * k, BigInt(v), true);
    put(Stat.syscalls, 5); put(Stat.faultCow, 2); put(Stat.tlbFlushes, 3); put(Stat.pcWrittenBack, 4);
    put(Stat.framesFree, 99); put(Stat.virtualTimeNs, 123456); put(Stat.systemTimeNs, 1000);
    sys(Sys.write, SysStat.calls, 3); sys(Sys.write, SysStat.cpuCopyBytes, 30); sys(Sys.write, SysStat.timeNs, 900);
    sys(0x1f3, SysStat.calls, 1); sys(0x1f3, SysStat.errors, 1);
    sys(Sys.read, SysStat.dmaCopies, 1);   // DMA charged to read without a call (yet)
    const s = readStats(dv, statsBase, sysBase);
    expect(s).toMatchObject({ syscalls: 5, pageFaults: { cow: 2, minor: 0 }, tlb: { flushes: 3, misses: 0 },
      pageCache: { writtenBack: 4 }, frames: { free: 99, total: 0 }, virtualTimeNs: 123456, systemTimeNs: 1000 });
    expect(Object.keys(s.bySyscall).sort()).toEqual(["read", "syscall_0x1f3", "write"]);
    expect(s.bySyscall.write).toEqual({ calls: 3, errors: 0, modeSwitches: 0, cpuCopies: 0, cpuCopyBytes: 30,
      dmaCopies: 0, dmaCopyBytes: 0, timeNs: 900 });
    expect(s.bySyscall.syscall_0x1f3.errors).toBe(1);
  });
});
