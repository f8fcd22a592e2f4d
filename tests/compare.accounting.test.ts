// compare counts the whole transfer under the transfer calls: for every method, at 4096 bytes and at
// 1 MiB, a row's DMA bytes are the bytes the disk read for the transfer plus the bytes the NIC took
// from memory for the file's segments (headers included), both as the devices saw them, not as the
// kernel charged them. Segments that go out after the call returned (during close, or in an
// interrupt when an ACK opens the window) stay charged to the call that queued their data
// (docs/architecture.md). The copy path shows data copies apart from small structure copies.
import { describe, it, expect, beforeAll } from "vitest";
import { compare, compareImage, DATA, METHODS, type CompareRow, type MethodId } from "../host/compare";
import { Machine } from "../host/machine";
import { BlkType } from "../kernel/abi/virtio";
import { TXQ } from "../kernel/abi/net";
import type { BlkRequest } from "../host/devices/disk";
import type { NetRequest } from "../host/devices/nic";

interface Seen { disk: number; wire: number }

/** Bytes the disk read into RAM, and bytes the NIC gathered for packets that carry data. */
function tally(seen: Seen, dev: "disk" | "nic", req: BlkRequest | NetRequest): void {
  if (dev === "disk") { const r = req as BlkRequest; if (r.type === BlkType.IN) seen.disk += r.bytes; return; }
  const r = req as NetRequest;
  if (r.queue === TXQ && r.descs.length > 1) seen.wire += r.bytes;   // a header and payload pieces
}

/** Disk reads of a run that does all but the transfer, as compare runs it (send read from the guest's
 *  file system, then spawned): send opens the file and connects, then exits on an unknown method.
 *  The transfer's own reads are a method's reads less these. */
async function baselineReads(size: number): Promise<number> {
  const seen: Seen = { disk: 0, wire: 0 };
  const m = await Machine.create({ disk: compareImage(size), stdin: null, stdout: () => {}, stderr: () => {},
    onDeviceDone: (dev, req) => tally(seen, dev, req) });
  const pid = await m.spawn(m.readGuestFile("/usr/demo/send"), ["send", "none", DATA, "10.0.2.2:9"]);
  await m.run();
  m.close();
  expect(m.exitOf(pid)?.code).toBe(2);
  expect(seen.wire).toBe(0);
  return seen.disk;
}

async function measured(size: number) {
  const seen = new Map<MethodId, Seen>(METHODS.map((m) => [m.id, { disk: 0, wire: 0 }]));
  const rows = await compare({ size, onDeviceDone: (id, dev, req) => tally(seen.get(id)!, dev, req) });
  return { rows, seen, base: await baselineReads(size) };
}

describe.each([4096, 1 << 20])("compare --size %i", (size) => {
  let r: Awaited<ReturnType<typeof measured>>;
  beforeAll(async () => { r = await measured(size); }, 300_000);

  it.each(METHODS.map((m) => m.id))("%s: DMA bytes = disk bytes read for the transfer + bytes sent", (id) => {
    const row = r.rows.find((x) => x.method === id)!;
    const s = r.seen.get(id)!;
    expect(row.intact).toBe(true);
    expect(s.disk - r.base).toBeGreaterThanOrEqual(size);     // the file came from the disk (cold cache)
    expect(s.wire).toBeGreaterThan(size);                     // the file and the headers went out
    expect(row.dmaCopyBytes).toBe(s.disk - r.base + s.wire);
  });

  it("msg_zerocopy's path is read's copy and the NIC's DMA; its msghdr and completion copies are apart", () => {
    const zc = r.rows.find((x) => x.method === "msg_zerocopy")!;
    expect(zc.how).toBe("disk DMA > copy_to_user > NIC DMA");
    expect(zc.structs.copies).toBeGreaterThan(0);
    expect(zc.structs.routines).toContain("copy_from_user");
    expect(zc.cpuCopyBytes - zc.structs.bytes).toBe(size);    // one data copy of each byte: read's
    const rw = r.rows.find((x) => x.method === "read+write")!;
    expect(rw.how).toBe("disk DMA > copy_to_user > copy_from_user > NIC DMA");
    expect(rw.structs.copies).toBe(0);
  });
});

describe("the copy path line", () => {
  it("prints structure copies after the data path", async () => {
    const { formatCompare } = await import("../host/compare");
    const row = { method: "msg_zerocopy", how: "disk DMA > copy_to_user > NIC DMA", intact: true,
      structs: { copies: 4, bytes: 92, routines: ["copy_from_user", "copy_to_user"] } } as unknown as CompareRow;
    expect(formatCompare([row], "t")).toContain(
      "  msg_zerocopy: disk DMA > copy_to_user > NIC DMA; and 4 structure copies, 92 bytes (copy_from_user, copy_to_user)");
  });
});
