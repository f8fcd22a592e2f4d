// Requests the disk cannot do fail without moving data: sectors past the end, lengths that are
// not whole sectors, buffers in the wrong direction -> IOERR; unknown types -> UNSUPP.
import { expect, test } from "vitest";
import { VirtioBlk } from "../host/devices/disk";
import { MemStore } from "../host/devices/blockstore";
import { BlkType, BlkStatus } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE, DATA } from "./helpers/vqdriver";

test("bad requests complete with IOERR or UNSUPP and leave disk and RAM untouched", () => {
  const d = new BlkDriver();
  const store = new MemStore(new Uint8Array(16 * 512).fill(0x5a));
  const blk = new VirtioBlk(d.ram, store);
  blk.setup(0, QUEUE);
  const before = store.bytes.slice();
  const heads = [
    d.request(BlkType.IN, 15, [{ addr: DATA, len: 1024, write: true }]),          // runs past sector 16
    d.request(BlkType.IN, 2 ** 40, [{ addr: DATA, len: 512, write: true }]),      // far past the end
    d.request(BlkType.OUT, 0, [{ addr: DATA, len: 500 }]),                        // not whole sectors
    d.request(BlkType.IN, 0, [{ addr: DATA, len: 512 }]),                         // IN into a readable buffer
    d.request(BlkType.OUT, 0, []),                                                // no data at all
    d.request(BlkType.DISCARD, 0, [{ addr: DATA, len: 16 }]),
    d.request(77, 0, []),
  ];
  blk.notify(0, 0n);
  blk.takeIrq();
  expect(heads.map((h) => d.status(h))).toEqual([BlkStatus.IOERR, BlkStatus.IOERR, BlkStatus.IOERR, BlkStatus.IOERR,
    BlkStatus.IOERR, BlkStatus.UNSUPP, BlkStatus.UNSUPP]);
  expect(blk.completed.map((r) => r.error)).toEqual(["sector 15 + 2 past the disk", "sector 1099511627776 + 1 past the disk",
    "data length 500 not a multiple of 512", "data buffer direction", "data length 0 not a multiple of 512", undefined, undefined]);
  expect(Buffer.compare(store.bytes, before)).toBe(0);
  expect(d.bytes().subarray(DATA, DATA + 1024).every((b) => b === 0)).toBe(true);
  expect(blk.stats).toMatchObject({ requests: 7, errors: 5, unsupported: 2, reads: 0, writes: 0 });
});
