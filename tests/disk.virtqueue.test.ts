// The virtqueue reader takes chains off the available ring in order, follows `next` links with
// their addresses, lengths and flags, and hands completions back through the used ring.
import { expect, test } from "vitest";
import { VirtQueue } from "../host/devices/virtqueue";
import { VQ_SIZE, VRING_DESC_F_NEXT, VRING_DESC_F_WRITE } from "../kernel/abi/virtio";
import { BlkDriver, QUEUE } from "./helpers/vqdriver";

test("chains come off the avail ring in order, then null; used entries go back in order", () => {
  const d = new BlkDriver();
  const q = new VirtQueue(d.ram, QUEUE);
  expect(q.popAvail()).toBeNull();
  const a = d.chain([{ addr: 0x8000, len: 16 }, { addr: 0x9000, len: 4096, write: true }, { addr: 0xa000, len: 1, write: true }]);
  const b = d.chain([{ addr: 0xb000, len: 16 }]);
  d.pushAvail(a);
  d.pushAvail(b);
  expect(q.popAvail()).toEqual({ head: a, descs: [
    { addr: 0x8000, len: 16, flags: VRING_DESC_F_NEXT },
    { addr: 0x9000, len: 4096, flags: VRING_DESC_F_NEXT | VRING_DESC_F_WRITE },
    { addr: 0xa000, len: 1, flags: VRING_DESC_F_WRITE }] });
  expect(q.popAvail()).toEqual({ head: b, descs: [{ addr: 0xb000, len: 16, flags: 0 }] });
  expect(q.popAvail()).toBeNull();
  q.pushUsed(b, 7);
  q.pushUsed(a, 4097);
  expect(d.used()).toEqual([{ id: b, len: 7 }, { id: a, len: 4097 }]);
});

test("the free-running indexes wrap past 2^16 and past the ring size", () => {
  const d = new BlkDriver();
  const q = new VirtQueue(d.ram, QUEUE);
  let wrong = 0;
  for (let n = 0; n < 70_000; n++) {
    const head = d.chain([{ addr: 0x8000 + (n % 100), len: n % 4096 }]);
    d.pushAvail(head);
    const c = q.popAvail()!;
    if (c.head !== head || c.descs[0].len !== n % 4096) wrong++;
    q.pushUsed(c.head, n);
  }
  expect(wrong).toBe(0);
  expect(q.popAvail()).toBeNull();
  expect(d.used().length).toBe((70_000 & 0xffff));   // used.idx wrapped
});

test("a queue frame that is not a 4 KiB frame inside RAM is refused", () => {
  const d = new BlkDriver();
  expect(() => new VirtQueue(d.ram, 0x1004)).toThrow(RangeError);
  expect(() => new VirtQueue(d.ram, d.ram.buffer.byteLength)).toThrow(RangeError);
  expect(VQ_SIZE).toBe(64);
});
