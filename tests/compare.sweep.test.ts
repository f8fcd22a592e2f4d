// `wasmos compare --sweep LOW..HIGH`: a row per size in both tables (CPU time, elapsed time), a
// column per method; and the founding claim reads off it: sendfile+SG-DMA spends less CPU time than
// read+write at every size, and the gap grows with the size.
import { describe, it, expect } from "vitest";
import { sweepSizes, sweep, sizeText } from "../host/sweep";
import { METHODS } from "../host/compare";
import { cli } from "./helpers/cli";

describe("compare --sweep", () => {
  it("sizes: powers of 4 (or 2) from the low bound, the high bound last", () => {
    expect(sweepSizes("4K..64M").map(sizeText)).toEqual(["4K", "16K", "64K", "256K", "1M", "4M", "16M", "64M"]);
    expect(sweepSizes("4K..32K", 2).map(sizeText)).toEqual(["4K", "8K", "16K", "32K"]);
    expect(sweepSizes("4K..40K").map(sizeText)).toEqual(["4K", "16K", "40K"]);
    expect(sweepSizes("1M..1M")).toEqual([1 << 20]);
    expect(() => sweepSizes("64M..4K")).toThrow(/LOW must be positive and at most HIGH/);
    expect(() => sweepSizes("4K-64M")).toThrow(/use LOW\.\.HIGH/);
    expect(() => sweepSizes("4K..1G")).toThrow(/do not fit/);
  });

  it("prints two tables with a row per size and a column per method", () => {
    const r = cli("compare", "--sweep", "4K..64K", "--sweep-factor", "2");
    expect(r.status).toBe(0);
    const tables = r.stdout.split(/\n\n/).filter((t) => /^(CPU|Elapsed) time/.test(t));
    expect(tables).toHaveLength(2);
    for (const t of tables) {
      const lines = t.trim().split("\n");
      expect(lines[1].trim().split(/\s{2,}/)).toEqual(["size", ...METHODS.map((m) => m.id), "gap r+w - sg"]);
      const rows = lines.slice(3).map((l) => l.trim().split(/\s+/));
      expect(rows.map((x) => x[0])).toEqual(["4K", "8K", "16K", "32K", "64K"]);
      for (const x of rows) expect(x).toHaveLength(METHODS.length + 2);
    }
  });

  it("sendfile+sg-dma uses less CPU than read+write, and the gap grows with file size", async () => {
    const rows = await sweep(sweepSizes("4K..1M"));
    const gap = rows.map(({ rows: r }) => r.find((x) => x.method === "read+write")!.cpuTimeNs - r.find((x) => x.method === "sendfile+sg-dma")!.cpuTimeNs);
    for (const g of gap) expect(g).toBeGreaterThan(0);
    for (let i = 1; i < gap.length; i++) expect(gap[i]).toBeGreaterThan(gap[i - 1]);
    for (const { rows: r } of rows) for (const x of r) expect(x.intact).toBe(true);
  });

  it("bad ranges exit 2 with a message", () => {
    const r = cli("compare", "--sweep", "64K..4K");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^wasmos: --sweep 64K\.\.4K: LOW must be positive and at most HIGH/);
    expect(cli("compare", "--sweep", "4K..64K", "--sweep-factor", "3").stderr).toMatch(/use 2 or 4/);
  });
});
