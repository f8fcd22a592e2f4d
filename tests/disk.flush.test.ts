// FLUSH makes the store durable (BlockStore.flush) before the request completes.
import { expect, test } from "vitest";
import { VirtioBlk } from "../host/devices/disk";
import { MemStore } from "../host/devices/blockstore";
import { BlkType, BlkStatus } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE } from "./helpers/vqdriver";

test("FLUSH calls the store's flush once and completes OK with only the status written", () => {
  const d = new BlkDriver();
  const store = new MemStore(new Uint8Array(4096));
  let flushes = 0;
  store.flush = () => { flushes++; };
  const blk = new VirtioBlk(d.ram, store);
  blk.setup(0, QUEUE);
  const h = d.request(BlkType.FLUSH, 0, []);
  blk.notify(0, 0n);
  expect(flushes).toBe(1);
  blk.takeIrq();
  expect(d.status(h)).toBe(BlkStatus.OK);
  expect(d.used()).toEqual([{ id: h, len: 1 }]);
  expect(blk.stats.flushes).toBe(1);
});
