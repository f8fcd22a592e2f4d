// GET_ID writes the device's 20-byte serial, "wasmos-disk" padded with NULs.
import { expect, test } from "vitest";
import { VirtioBlk } from "../host/devices/disk";
import { MemStore } from "../host/devices/blockstore";
import { BlkType, BlkStatus } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE, DATA } from "./helpers/vqdriver";

test("GET_ID fills 20 bytes of the buffer and reports 21 bytes written", () => {
  const d = new BlkDriver();
  const blk = new VirtioBlk(d.ram, new MemStore(new Uint8Array(4096)));
  blk.setup(0, QUEUE);
  d.bytes().fill(0xee, DATA, DATA + 32);
  const h = d.request(BlkType.GET_ID, 0, [{ addr: DATA, len: 32, write: true }]);
  blk.notify(0, 0n);
  blk.takeIrq();
  expect(d.status(h)).toBe(BlkStatus.OK);
  const id = d.bytes().slice(DATA, DATA + 32);
  expect(Buffer.from(id.subarray(0, 11)).toString()).toBe("wasmos-disk");
  expect([...id.subarray(11, 20)]).toEqual(new Array(9).fill(0));
  expect([...id.subarray(20)]).toEqual(new Array(12).fill(0xee));
  expect(d.used()).toEqual([{ id: h, len: 21 }]);
});
