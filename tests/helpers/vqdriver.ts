// A virtio-blk driver written in JS for the device tests: it lays a split virtqueue, request
// headers, status bytes and data buffers into a WebAssembly.Memory the way the kernel would.
// Interface: new BlkDriver(ramBytes?); request(type, sector, bufs) -> head; setDesc / chain /
// pushAvail for hand-made (malformed) chains; used() -> {id, len}[]; status(head); bytes().
import { VQ_AVAIL, VQ_DESC, VQ_DESC_SIZE, VQ_SIZE, VQ_USED, VRING_DESC_F_NEXT, VRING_DESC_F_WRITE, BLK_HDR_SIZE }
  from "../../kernel/abi/virtio";

export const QUEUE = 0x1000;          // the queue's frame
export const HEADERS = 0x2000;        // header of the request whose head is h: HEADERS + 16h
export const STATUS = 0x3000;         // status byte of head h: STATUS + h
export const DATA = 0x10000;          // where tests put data buffers

export interface Buf { addr: number; len: number; write?: boolean }

export class BlkDriver {
  readonly ram: WebAssembly.Memory;
  private nextDesc = 0;
  private availIdx = 0;

  constructor(ramBytes = 1 << 20) {
    this.ram = new WebAssembly.Memory({ initial: ramBytes / 65536, maximum: ramBytes / 65536 });
  }

  bytes(): Uint8Array { return new Uint8Array(this.ram.buffer); }
  private view(): DataView { return new DataView(this.ram.buffer); }

  setDesc(i: number, addr: number, len: number, flags: number, next = 0): void {
    const v = this.view(), at = QUEUE + VQ_DESC + i * VQ_DESC_SIZE;
    v.setUint32(at, addr % 2 ** 32, true);
    v.setUint32(at + 4, Math.floor(addr / 2 ** 32), true);
    v.setUint32(at + 8, len, true);
    v.setUint16(at + 12, flags, true);
    v.setUint16(at + 14, next, true);
  }

  /** Put buffers in consecutive free descriptors, linked; returns the head. */
  chain(bufs: Buf[]): number {
    const head = this.nextDesc;
    bufs.forEach((b, k) => {
      const i = (head + k) % VQ_SIZE, last = k === bufs.length - 1;
      this.setDesc(i, b.addr, b.len, (b.write ? VRING_DESC_F_WRITE : 0) | (last ? 0 : VRING_DESC_F_NEXT), (i + 1) % VQ_SIZE);
    });
    this.nextDesc = (head + bufs.length) % VQ_SIZE;
    return head;
  }

  pushAvail(head: number): void {
    const v = this.view();
    v.setUint16(QUEUE + VQ_AVAIL + 4 + 2 * (this.availIdx % VQ_SIZE), head, true);
    this.availIdx = (this.availIdx + 1) & 0xffff;
    v.setUint16(QUEUE + VQ_AVAIL + 2, this.availIdx, true);
  }

  /** A whole virtio-blk request: header, the data buffers, a status byte; made available. */
  request(type: number, sector: number, data: Buf[]): number {
    const head = this.nextDesc;
    const v = this.view(), hdr = HEADERS + head * BLK_HDR_SIZE;
    v.setUint32(hdr, type, true);
    v.setUint32(hdr + 4, 0, true);
    v.setBigUint64(hdr + 8, BigInt(sector), true);
    this.bytes()[STATUS + head] = 0xff;
    this.chain([{ addr: hdr, len: BLK_HDR_SIZE }, ...data, { addr: STATUS + head, len: 1, write: true }]);
    this.pushAvail(head);
    return head;
  }

  status(head: number): number { return this.bytes()[STATUS + head]; }

  /** Every used ring entry so far. */
  used(): { id: number; len: number }[] {
    const v = this.view(), n = v.getUint16(QUEUE + VQ_USED + 2, true), out = [];
    for (let i = 0; i < n; i++) {
      const at = QUEUE + VQ_USED + 4 + 8 * (i % VQ_SIZE);
      out.push({ id: v.getUint32(at, true), len: v.getUint32(at + 4, true) });
    }
    return out;
  }
}
