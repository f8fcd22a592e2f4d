// A broken driver cannot hurt the device: loops, links out of range, buffers outside RAM,
// indirect descriptors and a runaway avail index are reported, completed with IOERR where there
// is a status byte to write, and never throw out of notify().
import { expect, test } from "vitest";
import { VirtioBlk } from "../host/devices/disk";
import { MemStore } from "../host/devices/blockstore";
import { BlkType, BlkStatus, VQ_AVAIL, VRING_DESC_F_NEXT, VRING_DESC_F_WRITE, VRING_DESC_F_INDIRECT } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE, HEADERS, STATUS, DATA } from "./helpers/vqdriver";

function setup() {
  const d = new BlkDriver();
  const store = new MemStore(new Uint8Array(64 * 512));
  const blk = new VirtioBlk(d.ram, store);
  expect(blk.setup(0, QUEUE)).toBe(true);
  const run = () => { blk.notify(0, 0n); blk.takeIrq(); return blk.completed.splice(0); };
  return { d, blk, store, run };
}

function header(d: BlkDriver, at: number, type: number, sector: number): void {
  const v = new DataView(d.ram.buffer);
  v.setUint32(at, type, true);
  v.setBigUint64(at + 8, BigInt(sector), true);
}

test("a descriptor loop is cut at VQ_SIZE links and completed with IOERR", () => {
  const { d, run } = setup();
  header(d, HEADERS, BlkType.IN, 0);
  d.setDesc(0, HEADERS, 16, VRING_DESC_F_NEXT, 1);
  d.setDesc(1, STATUS, 1, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT, 1);   // links to itself
  d.pushAvail(0);
  const [r] = run();
  expect(r.error).toMatch(/longer than 64/);
  expect(r.status).toBe(BlkStatus.IOERR);
  expect(d.status(0)).toBe(BlkStatus.IOERR);
  expect(d.used()).toEqual([{ id: 0, len: 1 }]);
});

test("a data buffer outside RAM: IOERR in the status byte after it, nothing moved", () => {
  const { d, store, run } = setup();
  store.bytes.fill(0xab);
  const head = d.request(BlkType.IN, 0, [{ addr: d.ram.buffer.byteLength - 100, len: 512, write: true }]);
  const [r] = run();
  expect(r.error).toMatch(/outside RAM/);
  expect(d.status(head)).toBe(BlkStatus.IOERR);
  expect(d.bytes().subarray(d.ram.buffer.byteLength - 100).every((b) => b === 0)).toBe(true);
  expect(r.bytes).toBe(0);
});

test("a next link out of range, and an indirect descriptor, are completed with IOERR", () => {
  const { d, run } = setup();
  header(d, HEADERS, BlkType.IN, 0);
  d.setDesc(0, HEADERS, 16, VRING_DESC_F_NEXT, 200);
  d.pushAvail(0);
  d.setDesc(5, DATA, 16, VRING_DESC_F_INDIRECT | VRING_DESC_F_NEXT, 6);
  d.setDesc(6, STATUS + 6, 1, VRING_DESC_F_WRITE, 0);
  d.pushAvail(5);
  const rs = run();
  expect(rs.map((r) => [r.head, r.status, r.error])).toEqual([
    [0, BlkStatus.IOERR, "descriptor next 200 out of range"],
    [5, BlkStatus.IOERR, "descriptor 5: indirect descriptors not offered"]]);
  expect(d.status(6)).toBe(BlkStatus.IOERR);
  expect(d.used()).toEqual([{ id: 0, len: 0 }, { id: 5, len: 1 }]);
});

test("a bad header (wrong length, or device-writable) is IOERR", () => {
  const { d, run } = setup();
  header(d, HEADERS, BlkType.IN, 0);
  d.chain([{ addr: HEADERS, len: 12 }, { addr: DATA, len: 512, write: true }, { addr: STATUS, len: 1, write: true }]);
  d.pushAvail(0);
  d.chain([{ addr: HEADERS, len: 16, write: true }, { addr: DATA, len: 512, write: true }, { addr: STATUS + 3, len: 1, write: true }]);
  d.pushAvail(3);
  expect(run().map((r) => [r.status, r.error])).toEqual([
    [BlkStatus.IOERR, "bad request header"], [BlkStatus.IOERR, "bad request header"]]);
  expect([d.status(0), d.status(3)]).toEqual([BlkStatus.IOERR, BlkStatus.IOERR]);
});

test("a bad avail ring (descriptor number or runaway idx) is a fault; the next good request still works", () => {
  const { d, blk, run } = setup();
  const v = new DataView(d.ram.buffer);
  v.setUint16(QUEUE + VQ_AVAIL + 4, 99, true);           // ring[0] names descriptor 99
  v.setUint16(QUEUE + VQ_AVAIL + 2, 1, true);
  expect(run()).toEqual([]);
  v.setUint16(QUEUE + VQ_AVAIL + 2, 500, true);          // 499 ahead
  expect(run()).toEqual([]);
  expect(blk.faults).toEqual(["avail ring names descriptor 99", "avail idx 500 is 499 ahead of 64 slots"]);
  // resynchronised: the driver's next request is ring slot 500
  v.setUint16(QUEUE + VQ_AVAIL + 4 + 2 * (500 % 64), 0, true);
  header(d, HEADERS, BlkType.FLUSH, 0);
  d.setDesc(0, HEADERS, 16, VRING_DESC_F_NEXT, 1);
  d.setDesc(1, STATUS, 1, VRING_DESC_F_WRITE);
  v.setUint16(QUEUE + VQ_AVAIL + 2, 501, true);
  expect(run().map((r) => r.status)).toEqual([BlkStatus.OK]);
});

test("notify before setup, and setup on a bad frame, are faults, not exceptions", () => {
  const d = new BlkDriver();
  const blk = new VirtioBlk(d.ram, new MemStore(new Uint8Array(4096)));
  expect(() => blk.notify(0, 0n)).not.toThrow();
  expect(blk.setup(0, 0x1234)).toBe(false);
  expect(blk.setup(1, QUEUE)).toBe(false);
  expect(blk.faults).toEqual(["notify: queue 0 is not set up",
    "setup: virtqueue: frame 0x1234 is not a 4 KiB frame inside RAM", "setup: no queue 1"]);
  expect(blk.nextIrqAt()).toBeNull();
});
