// A disk on a host image file: what the driver writes and flushes is in the file, read back by a
// FileStore opened afresh.
import { afterAll, expect, test } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtioBlk } from "../host/devices/disk";
import { FileStore } from "../host/devices/blockstore";
import { BlkType, BlkStatus } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE, DATA } from "./helpers/vqdriver";

const dir = mkdtempSync(join(tmpdir(), "wasmos-disk-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("OUT + FLUSH through the device, then a new FileStore reads the same bytes", () => {
  const path = join(dir, "disk.img");
  writeFileSync(path, new Uint8Array(64 * 1024));
  const store = FileStore.open(path);
  const d = new BlkDriver();
  const blk = new VirtioBlk(d.ram, store);
  blk.setup(0, QUEUE);
  const data = d.bytes().subarray(DATA, DATA + 8192);
  for (let i = 0; i < data.length; i++) data[i] = (i * 17 + 1) & 0xff;
  const w = d.request(BlkType.OUT, 40, [{ addr: DATA, len: 8192 }]);
  const f = d.request(BlkType.FLUSH, 0, []);
  blk.notify(0, 0n);
  blk.takeIrq();
  expect([d.status(w), d.status(f)]).toEqual([BlkStatus.OK, BlkStatus.OK]);
  store.close();

  const again = FileStore.open(path, "r");
  const back = new Uint8Array(8192);
  again.read(40 * 512, back);
  expect(Buffer.compare(back, data)).toBe(0);
  const before = new Uint8Array(40 * 512);
  again.read(0, before);
  expect(before.every((b) => b === 0)).toBe(true);
  again.close();
});
