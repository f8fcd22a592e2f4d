// The device side of one virtio split virtqueue laid out in one 4 KiB frame of guest-physical RAM
// (kernel/abi/virtio.ts). Everything read from the ring comes from the driver and is checked:
// a bad chain comes back with `error` set instead of throwing.
// Interface: new VirtQueue(ram, base); popAvail(into?) -> Chain | null (into: a chain record to fill
// again instead of a new one, for a caller done with the last); pushUsed(head, len); inRam(addr, len);
// noNotify(on): used.flags' VRING_USED_F_NO_NOTIFY (the driver need not kick while on); usedIdx (ours,
// mod 2^16); usedEvent() (the driver's used_event: EVENT_IDX).
import {
  VQ_SIZE, VQ_DESC, VQ_AVAIL, VQ_USED, VQ_DESC_SIZE, VRING_DESC_F_NEXT, VRING_DESC_F_WRITE, VRING_DESC_F_INDIRECT,
  VRING_USED_F_NO_NOTIFY, VQ_USED_EVENT,
} from "../../kernel/abi/virtio";
import { PAGE_SIZE } from "../../kernel/abi/layout";

export interface Desc { addr: number; len: number; flags: number }

/** One available chain. head is -1 when the avail ring itself was bad; error says what was wrong
 *  (then descs may hold buffers outside RAM: only inRam ones may be touched). */
export interface Chain { head: number; descs: Desc[]; error?: string }

const QUEUE_BYTES = PAGE_SIZE;   // a queue lives in one frame

export class VirtQueue {
  private lastAvail = 0;          // next avail ring slot to consume (free-running, mod 2^16)
  private used = 0;               // our copy of used.idx

  constructor(private ram: WebAssembly.Memory, readonly base: number) {
    if (!Number.isInteger(base) || base < 0 || base % QUEUE_BYTES !== 0 || base + QUEUE_BYTES > ram.buffer.byteLength) {
      throw new RangeError(`virtqueue: frame 0x${base.toString(16)} is not a 4 KiB frame inside RAM`);
    }
  }

  private dv: DataView | null = null;

  /** RAM as a DataView (one, made again only if the memory grew: growing detaches the old buffer,
   *  and its length reads 0; cheaper to check than asking the memory for its buffer). */
  private view(): DataView {
    if (this.dv === null || this.dv.buffer.byteLength === 0) this.dv = new DataView(this.ram.buffer);
    return this.dv;
  }

  /** Is [addr, addr+len) inside RAM? */
  inRam(addr: number, len: number): boolean {
    return Number.isSafeInteger(addr) && addr >= 0 && len >= 0 && addr + len <= this.view().byteLength;
  }

  /** The next chain the driver made available, or null when there is none. With `into`, that record
   *  (and its descriptor records) is filled in and returned: nothing is allocated. */
  popAvail(into?: Chain): Chain | null {
    const v = this.view();
    const availIdx = v.getUint16(this.base + VQ_AVAIL + 2, true);
    const pending = (availIdx - this.lastAvail) & 0xffff;
    if (pending === 0) return null;
    if (pending > VQ_SIZE) {
      this.lastAvail = availIdx;
      return { head: -1, descs: [], error: `avail idx ${availIdx} is ${pending} ahead of ${VQ_SIZE} slots` };
    }
    const head = v.getUint16(this.base + VQ_AVAIL + 4 + 2 * (this.lastAvail % VQ_SIZE), true);
    this.lastAvail = (this.lastAvail + 1) & 0xffff;
    if (head >= VQ_SIZE) return { head: -1, descs: [], error: `avail ring names descriptor ${head}` };
    return this.walk(v, head, into ?? { head, descs: [] });
  }

  /** Follow the chain from head to its end (at most VQ_SIZE links); a bad descriptor is kept
   *  (so the status descriptor after it can still be found) and named in `error`. */
  private walk(v: DataView, head: number, c: Chain): Chain {
    const descs = c.descs;
    let n = 0, error: string | undefined;
    for (let i = head; ;) {
      if (n === VQ_SIZE) return ended(c, head, n, error ?? `chain longer than ${VQ_SIZE} (a loop?)`);
      const at = this.base + VQ_DESC + i * VQ_DESC_SIZE;
      const lo = v.getUint32(at, true), hi = v.getUint32(at + 4, true);
      const d = n < descs.length ? descs[n] : (descs[n] = { addr: 0, len: 0, flags: 0 });
      d.addr = hi * 2 ** 32 + lo; d.len = v.getUint32(at + 8, true); d.flags = v.getUint16(at + 12, true);
      const bad = this.badDesc(d, n > 0 ? descs[n - 1] : null);
      if (bad) error ??= `descriptor ${i}: ${bad}`;
      n++;
      if (!(d.flags & VRING_DESC_F_NEXT)) return ended(c, head, n, error);
      i = v.getUint16(at + 14, true);
      if (i >= VQ_SIZE) return ended(c, head, n, error ?? `descriptor next ${i} out of range`);
    }
  }

  private badDesc(d: Desc, prev: Desc | null): string | null {
    if (d.flags & VRING_DESC_F_INDIRECT) return "indirect descriptors not offered";
    if (!this.inRam(d.addr, d.len)) return `buffer 0x${d.addr.toString(16)}+${d.len} outside RAM`;
    if (prev && (prev.flags & VRING_DESC_F_WRITE) && !(d.flags & VRING_DESC_F_WRITE)) return "readable after writable";
    return null;
  }

  /** The used ring's idx as we last wrote it (mod 2^16). */
  get usedIdx(): number { return this.used; }

  /** used_event, which the driver of an EVENT_IDX queue keeps in the avail ring. */
  usedEvent(): number { return this.view().getUint16(this.base + VQ_USED_EVENT, true); }

  /** Tell the driver it need not notify us of new buffers (on), or that it must (off). */
  noNotify(on: boolean): void {
    const v = this.view(), at = this.base + VQ_USED, f = v.getUint16(at, true);
    const want = on ? f | VRING_USED_F_NO_NOTIFY : f & ~VRING_USED_F_NO_NOTIFY;
    if (want !== f) v.setUint16(at, want, true);
  }

  /** Hand a chain back to the driver: `len` bytes were written into its writable buffers. */
  pushUsed(head: number, len: number): void {
    const v = this.view();
    const slot = this.base + VQ_USED + 4 + 8 * (this.used % VQ_SIZE);
    v.setUint32(slot, head, true);
    v.setUint32(slot + 4, len, true);
    this.used = (this.used + 1) & 0xffff;
    v.setUint16(this.base + VQ_USED + 2, this.used, true);
  }
}

/** The chain record c, walked: head, its first n descriptors, and what was wrong (if anything). */
function ended(c: Chain, head: number, n: number, error: string | undefined): Chain {
  if (c.descs.length !== n) c.descs.length = n;   // (a chain as long as the last one: nothing to set)
  c.head = head; c.error = error;
  return c;
}
