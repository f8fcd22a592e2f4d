// `wasmos compare`'s pktpool row: the file as UDP datagrams from AF_PACKET's PACKET_TX_RING: one
// readv() per ring-full of 32 frames puts the file into the ring's kernel-owned frames (the one
// data copy), one blocking send() hands them to the NIC (a DMA each, no copy). It differs from the
// netmap row in its batch (32 frames, not 31 slots) and in send() waiting for the NIC, so no ppoll.
// Exact counts at 4096 bytes and 16 MiB, the same on a second run; every byte arrived.
import { describe, expect, it } from "vitest";
import { compare } from "../host/compare";

const row = async (size: number) => (await compare({ size, methods: ["pktpool"] }))[0];
const counts = (r: Awaited<ReturnType<typeof row>>) => ({ switches: r.contextSwitches, copies: r.copies, cpu: r.cpuCopies,
  dma: r.dmaCopies, cpuBytes: r.cpuCopyBytes, dmaBytes: r.dmaCopyBytes, faults: r.pageFaults, elapsed: r.virtualTimeNs, cpuNs: r.cpuTimeNs });

describe("compare: pktpool", () => {
  it("4096 bytes: one readv and one send; 1 data copy (copy_to_user), 4 DMAs", async () => {
    const a = await row(4096), b = await row(4096);
    expect(counts(b)).toEqual(counts(a));
    expect(a.intact).toBe(true);
    expect(a.how).toBe("disk DMA > copy_to_user > NIC DMA");
    const frames = [1472, 1472, 1152].reduce((n, p) => n + 12 + 42 + p, 0);
    expect(counts(a)).toMatchObject({ switches: 4, copies: 10, cpu: 6, dma: 4, cpuBytes: 4096 + 24, dmaBytes: 4096 + frames, faults: 0 });
  });

  it("16 MiB: 11398 datagrams in 357 ring-fulls; deterministic", async () => {
    const size = 16 << 20, datagrams = Math.ceil(size / 1472), sends = Math.ceil(datagrams / 32);
    const a = await row(size), b = await row(size);
    expect(counts(b)).toEqual(counts(a));
    expect(a.intact).toBe(true);
    expect(a.contextSwitches).toBe(2 * 2 * sends);
    expect(a.cpuCopyBytes).toBe(size + 8 * datagrams);
    expect(counts(a)).toMatchObject({ switches: 1428, cpuBytes: 16868400, dmaBytes: 34190404 });
  }, 120_000);
});
