// OUT moves a chain's data from RAM to the disk and IN moves it back, each request one DMA
// transfer over scattered buffers, with its sector, byte count and RAM frames recorded.
import { expect, test } from "vitest";
import { VirtioBlk } from "../host/devices/disk";
import { MemStore } from "../host/devices/blockstore";
import { BlkType, BlkStatus } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE, DATA } from "./helpers/vqdriver";

test("OUT then IN over two scattered buffers round-trips the bytes through the disk", () => {
  const d = new BlkDriver();
  const store = new MemStore(new Uint8Array(1 << 20));
  const blk = new VirtioBlk(d.ram, store);
  blk.setup(0, QUEUE);
  const ram = d.bytes();
  for (let i = 0; i < 1536; i++) ram[DATA + 0xc00 + i] = (i * 7 + 3) & 0xff;   // 1536 bytes across a frame boundary
  for (let i = 0; i < 512; i++) ram[DATA + 0x5000 + i] = (i * 13) & 0xff;

  const w = d.request(BlkType.OUT, 10, [{ addr: DATA + 0xc00, len: 1536 }, { addr: DATA + 0x5000, len: 512 }]);
  blk.notify(0, 0n);
  blk.takeIrq();
  expect(d.status(w)).toBe(BlkStatus.OK);
  expect(store.bytes.subarray(10 * 512, 10 * 512 + 1536)).toEqual(ram.slice(DATA + 0xc00, DATA + 0xc00 + 1536));
  expect(store.bytes.subarray(10 * 512 + 1536, 14 * 512)).toEqual(ram.slice(DATA + 0x5000, DATA + 0x5200));

  const r = d.request(BlkType.IN, 10, [{ addr: DATA + 0x20000, len: 2048, write: true }]);
  blk.notify(0, 0n);
  blk.takeIrq();
  expect(d.status(r)).toBe(BlkStatus.OK);
  expect(ram.slice(DATA + 0x20000, DATA + 0x20000 + 2048)).toEqual(store.bytes.slice(10 * 512, 14 * 512));

  expect(d.used()).toEqual([{ id: w, len: 1 }, { id: r, len: 2049 }]);
  expect(blk.completed.map(({ type, sector, bytes, frames, status }) => ({ type, sector, bytes, frames, status }))).toEqual([
    { type: BlkType.OUT, sector: 10, bytes: 2048, frames: [DATA, DATA + 0x1000, DATA + 0x5000], status: BlkStatus.OK },
    { type: BlkType.IN, sector: 10, bytes: 2048, frames: [DATA + 0x20000], status: BlkStatus.OK }]);
  expect(blk.stats).toMatchObject({ requests: 2, reads: 1, writes: 1, bytesRead: 2048, bytesWritten: 2048, errors: 0 });
  expect(blk.capacitySectors()).toBe(2048);
});
