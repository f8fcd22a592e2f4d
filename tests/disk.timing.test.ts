// Requests are served in order, each taking latency + bytes / bandwidth after the later of its
// submission and the previous completion; a batch's interrupt is due at its last completion, and
// its used ring entries appear only when that interrupt is taken.
import { expect, test } from "vitest";
import { VirtioBlk } from "../host/devices/disk";
import { MemStore } from "../host/devices/blockstore";
import { BlkType } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE, DATA } from "./helpers/vqdriver";

test("two 4 KiB reads submitted together: interrupt at 1000 + 2 * (100000 + 2048) ns", () => {
  const d = new BlkDriver();
  const blk = new VirtioBlk(d.ram, new MemStore(new Uint8Array(1 << 20)));   // default: 100 us, 2000 bytes/us
  blk.setup(0, QUEUE);
  d.request(BlkType.IN, 0, [{ addr: DATA, len: 4096, write: true }]);
  d.request(BlkType.IN, 8, [{ addr: DATA + 4096, len: 4096, write: true }]);
  blk.notify(0, 1000n);
  expect(blk.nextIrqAt()).toBe(205_096n);
  expect(d.used()).toEqual([]);                   // not complete before the interrupt
  expect(blk.takeIrq()).toBe(true);
  expect(d.used().length).toBe(2);
  expect(blk.nextIrqAt()).toBeNull();
  expect(blk.takeIrq()).toBe(false);
  expect(blk.completed.splice(0).map(({ submitNs, startNs, doneNs }) => [submitNs, startNs, doneNs])).toEqual([
    [1000n, 1000n, 103_048n], [1000n, 103_048n, 205_096n]]);
});

test("a request submitted while the disk is busy queues behind; one submitted when idle starts at once", () => {
  const d = new BlkDriver();
  const blk = new VirtioBlk(d.ram, new MemStore(new Uint8Array(1 << 20)), { latencyNs: 50, bytesPerUs: 1000 });
  blk.setup(0, QUEUE);
  d.request(BlkType.OUT, 0, [{ addr: DATA, len: 1024 }]);      // 50 + 1024 ns
  blk.notify(0, 0n);
  d.request(BlkType.FLUSH, 0, []);                              // 50 ns, after the write
  blk.notify(0, 10n);
  expect(blk.nextIrqAt()).toBe(1074n);                          // earliest batch first
  expect(blk.takeIrq(2000n)).toBe(true);                        // takes every batch due by then
  expect(blk.nextIrqAt()).toBeNull();
  d.request(BlkType.FLUSH, 0, []);
  blk.notify(0, 5000n);
  expect(blk.nextIrqAt()).toBe(5050n);
  expect(blk.takeIrq(5049n)).toBe(false);
  expect(blk.takeIrq(5050n)).toBe(true);
  expect(blk.completed.map((r) => [r.startNs, r.doneNs])).toEqual([[0n, 1074n], [1074n, 1124n], [5000n, 5050n]]);
});
