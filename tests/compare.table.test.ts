// `wasmos compare`: the founding documents' table, measured. For 4096 bytes the first four rows are
// exactly 4/4/2/2, 4/3/1/2, 2/3/1/2, 2/2/0/2 (switches/copies/CPU/DMA); splice is 4/2/0/2; for 16 MiB
// the CPU bytes per payload byte are 2, 1, 1, 0, 0 for the first five methods; runs are deterministic.
import { describe, it, expect } from "vitest";
import { compare } from "../host/compare";
import { cli } from "./helpers/cli";

const pick = (rows: Awaited<ReturnType<typeof compare>>, m: string) => rows.find((r) => r.method === m)!;

describe("compare", () => {
  it("--size 4096 --json gives the founding documents' table exactly", () => {
    const r = cli("compare", "--size", "4096", "--json");
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as Record<string, number | string>[];
    const t = (m: string) => { const x = rows.find((r) => r.method === m)!; return [x.contextSwitches, x.copies, x.cpuCopies, x.dmaCopies]; };
    expect(t("read+write")).toEqual([4, 4, 2, 2]);
    expect(t("mmap+write")).toEqual([4, 3, 1, 2]);
    expect(t("sendfile")).toEqual([2, 3, 1, 2]);
    expect(t("sendfile+sg-dma")).toEqual([2, 2, 0, 2]);
    expect(t("splice")).toEqual([4, 2, 0, 2]);
    expect(t("o_direct")).toEqual([4, 3, 1, 2]);
    const zc = rows.find((r) => r.method === "msg_zerocopy")!;
    expect(zc.dmaCopies).toBe(2);                             // disk into the buffer, NIC from the same pages
    expect(Object.keys(rows[0]).sort()).toEqual(["contextSwitches", "copies", "cpuCopies", "cpuCopyBytes", "cpuTimeNs",
      "dmaCopies", "dmaCopyBytes", "method", "pageFaults", "virtualTimeNs"]);
  });

  it("16 MiB: CPU bytes per payload byte are 2, 1, 1, 0, 0; sendfile+sg-dma uses less CPU time than read+write", async () => {
    const size = 16 << 20;
    const rows = await compare({ size });
    const per = (m: string) => pick(rows, m).cpuCopyBytes / size;
    expect([per("read+write"), per("mmap+write"), per("sendfile"), per("sendfile+sg-dma"), per("splice")]).toEqual([2, 1, 1, 0, 0]);
    expect(pick(rows, "sendfile+sg-dma").cpuTimeNs).toBeLessThan(pick(rows, "read+write").cpuTimeNs / 10);
    for (const r of rows) expect(r.intact).toBe(true);
  });

  it("is deterministic: the same command twice prints the same output", () => {
    const a = cli("compare", "--size", "65536");
    const b = cli("compare", "--size", "65536");
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/read\+write/);
  });
});
