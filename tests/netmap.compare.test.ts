// `wasmos compare`'s netmap row: the file sent as UDP datagrams (1472 payload bytes each) through
// /dev/netmap: one readv() per ring-full of 31 datagrams puts the file into the NIC's buffers (the
// one data copy, copy_to_user; its iovecs are the structure copies), one NIOCTXSYNC hands them to
// the NIC (one DMA each, no copy). NIOCREGIF is setup, as open and connect are for the other rows.
// Exact counts at 4096 bytes and 16 MiB, the same on a second run; every byte reached the UDP
// discard service; the other rows are unchanged by the new one.
import { describe, expect, it } from "vitest";
import { compare } from "../host/compare";

const row = async (size: number) => (await compare({ size, methods: ["netmap"] }))[0];
const counts = (r: Awaited<ReturnType<typeof row>>) => ({ switches: r.contextSwitches, copies: r.copies, cpu: r.cpuCopies,
  dma: r.dmaCopies, cpuBytes: r.cpuCopyBytes, dmaBytes: r.dmaCopyBytes, faults: r.pageFaults, elapsed: r.virtualTimeNs, cpuNs: r.cpuTimeNs });

describe("compare: netmap", () => {
  it("4096 bytes: 3 datagrams, one readv and one sync; 1 data copy (copy_to_user), 4 DMAs", async () => {
    const a = await row(4096), b = await row(4096);
    expect(counts(b)).toEqual(counts(a));
    expect(a.intact).toBe(true);
    expect(a.how).toBe("disk DMA > copy_to_user > NIC DMA");
    expect(a.structs).toEqual({ copies: 3, bytes: 24, routines: ["copy_from_user"] });   // 3 iovecs
    const frames = [1472, 1472, 1152].reduce((n, p) => n + 12 + 42 + p, 0);
    expect(counts(a)).toMatchObject({ switches: 4, copies: 10, cpu: 6, dma: 4, cpuBytes: 4096 + 24, dmaBytes: 4096 + frames, faults: 0 });
  });

  it("16 MiB: 11398 datagrams in 368 ring-fulls; CPU bytes = the file once plus the iovecs; deterministic", async () => {
    const size = 16 << 20, datagrams = Math.ceil(size / 1472), batches = Math.ceil(datagrams / 31);
    const a = await row(size), b = await row(size);
    expect(counts(b)).toEqual(counts(a));
    expect(a.intact).toBe(true);
    expect(a.contextSwitches).toBe(2 * 2 * batches);              // readv + NIOCTXSYNC per ring-full
    expect(a.cpuCopyBytes).toBe(size + 8 * datagrams);            // the file once (copy_to_user) + struct iovec
    const nicBytes = size + datagrams * 54;                       // each frame: virtio header 12 + 42 header bytes
    expect(a.dmaCopyBytes - nicBytes).toBeGreaterThanOrEqual(size);   // the disk's share: the file and its metadata blocks
    expect(counts(a)).toMatchObject({ switches: 1472, cpuBytes: 16868400, dmaBytes: 34190404 });
  }, 120_000);
});
