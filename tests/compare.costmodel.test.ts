// A cost model moves virtual time the expected way: a faster memcpy (copyBytesPerUs doubled) cuts
// read+write's CPU time; a slower disk (diskLatencyNs up) lengthens elapsed time but not CPU time (DMA
// runs while the CPU idles); `wasmos run --cost-model` and `wasmos compare --cost-model` read the file.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compare, type CompareRow } from "../host/compare";
import { COST_DEFAULTS } from "../host/costmodel";
import { cli } from "./helpers/cli";

const row = (rows: CompareRow[], m: string) => rows.find((r) => r.method === m)!;

describe("cost model", () => {
  it("doubling copyBytesPerUs lowers read+write CPU time; sendfile+sg-dma barely moves", async () => {
    const base = await compare({ size: 65536, how: false });
    const fast = await compare({ size: 65536, how: false, costModel: { copyBytesPerUs: 2 * COST_DEFAULTS.copyBytesPerUs } });
    const rw = row(base, "read+write").cpuTimeNs, rwFast = row(fast, "read+write").cpuTimeNs;
    expect(rwFast).toBeLessThan(rw);
    // 128 KiB of CPU copies at 10 GB/s is 13.1 us; at 20 GB/s half that.
    expect(rw - rwFast).toBeGreaterThan(6000);
    const sg = row(base, "sendfile+sg-dma").cpuTimeNs, sgFast = row(fast, "sendfile+sg-dma").cpuTimeNs;
    expect(sg - sgFast).toBeLessThan(100);
  });

  it("a slower disk lengthens elapsed time, not CPU time", async () => {
    const base = await compare({ size: 16384, how: false });
    const slow = await compare({ size: 16384, how: false, costModel: { diskLatencyNs: 4 * COST_DEFAULTS.diskLatencyNs } });
    for (const m of ["read+write", "sendfile+sg-dma", "o_direct"]) {
      expect(row(slow, m).virtualTimeNs).toBeGreaterThan(row(base, m).virtualTimeNs + 300_000);
      expect(row(slow, m).cpuTimeNs).toBe(row(base, m).cpuTimeNs);
    }
  });

  it("run --cost-model: dearer syscalls raise the run's system time and virtual time", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-cost-"));
    try {
      const model = join(dir, "m.json"), a = join(dir, "a.json"), b = join(dir, "b.json");
      writeFileSync(model, JSON.stringify({ syscallNs: 5000, modeSwitchNs: 1000 }));
      expect(cli("run", "--stats", a, "/usr/demo/send", "read+write", "/data/4k.bin").status).toBe(0);
      expect(cli("run", "--cost-model", model, "--stats", b, "/usr/demo/send", "read+write", "/data/4k.bin").status).toBe(0);
      const [sa, sb] = [a, b].map((f) => JSON.parse(readFileSync(f, "utf8")));
      expect(sb.syscalls).toBe(sa.syscalls);
      expect(sb.systemTimeNs - sa.systemTimeNs).toBeGreaterThanOrEqual(sa.syscalls * (5000 - 50 + 2 * (1000 - 100)));
      expect(sb.virtualTimeNs).toBeGreaterThan(sa.virtualTimeNs);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it("compare --cost-model: a faster NIC shortens elapsed time in the printed rows", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-cost-"));
    try {
      const model = join(dir, "nic.json");
      writeFileSync(model, JSON.stringify({ nicLatencyNs: 1000, nicBytesPerUs: 12500 }));
      const a = JSON.parse(cli("compare", "--size", "65536", "--json").stdout);
      const b = JSON.parse(cli("compare", "--size", "65536", "--json", "--cost-model", model).stdout);
      for (let i = 0; i < a.length; i++) expect(b[i].virtualTimeNs, a[i].method).toBeLessThan(a[i].virtualTimeNs);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
