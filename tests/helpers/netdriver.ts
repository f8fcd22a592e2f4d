// A virtio-net driver written in JS for the NIC tests, and a rig that runs it against VirtioNet on a
// virtual clock the way the machine will: the driver lays out the receive and transmit queues,
// posts RX_BUF_SIZE receive buffers and sends packets (one descriptor, a gather of pieces, or a TSO
// packet) from RAM; the rig delivers interrupts when due and hands received frames to a guest.
// Interface: new NetDriver(ram?); setup(nic); postRx(n); send(frame, opts) -> head; rxFrames()
// (frames in used RX buffers, reposted); txUsed(); NetRig (nic + slirp + driver + GuestNet):
// settle(), runUntil(cond, ms) for real sockets.
import { VQ_AVAIL, VQ_DESC, VQ_DESC_SIZE, VQ_SIZE, VQ_USED, VRING_DESC_F_NEXT, VRING_DESC_F_WRITE } from "../../kernel/abi/virtio";
import { NET_HDR_SIZE, RX_BUF_SIZE, RXQ, TXQ, GSO_NONE, GSO_TCPV4, ETH_HLEN, IP_HLEN, MTU, MSS, NET_HDR_F_NEEDS_CSUM } from "../../kernel/abi/net";
import { VirtioNet, type NicOptions } from "../../host/devices/nic";
import { Slirp, type SlirpOptions } from "../../host/net/slirp";
import { GuestNet, type GuestOpts } from "./guestnet";

export const RX_RING = 0x1000;
export const TX_RING = 0x2000;
export const RX_BUFS = 0x10000;                // RX buffer i at RX_BUFS + i * RX_BUF_SIZE
export const TX_AREA = 0x40000;                // where packets to send are written (a bump allocator)
const TX_AREA_END = 0x300000;

/** One split virtqueue, driver side. */
export class Ring {
  private availIdx = 0;
  private usedSeen = 0;
  free: number[] = Array.from({ length: VQ_SIZE }, (_, i) => i);

  constructor(private ram: WebAssembly.Memory, readonly base: number) {}

  private view(): DataView { return new DataView(this.ram.buffer); }

  /** Chain buffers into free descriptors and make the chain available; returns the head. */
  post(bufs: { addr: number; len: number; write?: boolean }[]): number {
    const ids = this.free.splice(0, bufs.length);
    if (ids.length < bufs.length) throw new Error("ring full");
    const v = this.view();
    bufs.forEach((b, k) => {
      const at = this.base + VQ_DESC + ids[k] * VQ_DESC_SIZE, last = k === bufs.length - 1;
      v.setBigUint64(at, BigInt(b.addr), true);
      v.setUint32(at + 8, b.len, true);
      v.setUint16(at + 12, (b.write ? VRING_DESC_F_WRITE : 0) | (last ? 0 : VRING_DESC_F_NEXT), true);
      v.setUint16(at + 14, last ? 0 : ids[k + 1], true);
    });
    v.setUint16(this.base + VQ_AVAIL + 4 + 2 * (this.availIdx % VQ_SIZE), ids[0], true);
    this.availIdx = (this.availIdx + 1) & 0xffff;
    v.setUint16(this.base + VQ_AVAIL + 2, this.availIdx, true);
    return ids[0];
  }

  /** Used entries not seen before; their descriptors go back on the free list. */
  used(): { id: number; len: number }[] {
    const v = this.view(), idx = v.getUint16(this.base + VQ_USED + 2, true), out = [];
    for (; this.usedSeen !== idx; this.usedSeen = (this.usedSeen + 1) & 0xffff) {
      const at = this.base + VQ_USED + 4 + 8 * (this.usedSeen % VQ_SIZE);
      const e = { id: v.getUint32(at, true), len: v.getUint32(at + 4, true) };
      for (let i = e.id; ;) {
        this.free.push(i);
        const d = this.base + VQ_DESC + i * VQ_DESC_SIZE;
        if (!(v.getUint16(d + 12, true) & VRING_DESC_F_NEXT)) break;
        i = v.getUint16(d + 14, true);
      }
      out.push(e);
    }
    return out;
  }
}

export interface SendOpts {
  gso?: number; gsoSize?: number;
  pieces?: number[];          // lengths of the gather's descriptors (the last takes the rest)
  csum?: boolean;             // checksum offload: NEEDS_CSUM, TCP checksum field left 0
}

export class NetDriver {
  readonly ram: WebAssembly.Memory;
  readonly rx: Ring;
  readonly tx: Ring;
  private txAt = TX_AREA;
  private rxHeads = new Map<number, number>();   // head -> buffer address

  constructor(ram?: WebAssembly.Memory) {
    this.ram = ram ?? new WebAssembly.Memory({ initial: 64, maximum: 64 });   // 4 MiB
    this.rx = new Ring(this.ram, RX_RING);
    this.tx = new Ring(this.ram, TX_RING);
  }

  bytes(): Uint8Array { return new Uint8Array(this.ram.buffer); }

  setup(nic: VirtioNet): void { nic.setup(RXQ, RX_RING); nic.setup(TXQ, TX_RING); }

  /** Post n receive buffers of RX_BUF_SIZE (one writable descriptor each). */
  postRx(n: number, size = RX_BUF_SIZE): void {
    for (let k = 0; k < n; k++) {
      const slot = this.rx.free[0], addr = RX_BUFS + slot * RX_BUF_SIZE;
      this.rxHeads.set(this.rx.post([{ addr, len: size, write: true }]), addr);
    }
  }

  /** Write header + frame to RAM and post it as one chain (pieces: an SG gather). */
  send(frame: Uint8Array, o: SendOpts = {}): number {
    const total = NET_HDR_SIZE + frame.length;
    if (this.txAt + total + 64 * 16 > TX_AREA_END) this.txAt = TX_AREA;
    const pkt = new Uint8Array(total), hdr = new DataView(pkt.buffer);
    pkt[1] = o.gso ?? GSO_NONE;                 // gso_type
    hdr.setUint16(4, o.gsoSize ?? 0, true);     // gso_size
    pkt.set(frame, NET_HDR_SIZE);
    if (o.csum) {
      const start = ETH_HLEN + IP_HLEN, tcpSum = NET_HDR_SIZE + start + 16;
      pkt[0] = NET_HDR_F_NEEDS_CSUM;
      hdr.setUint16(6, start, true);            // csum_start
      hdr.setUint16(8, 16, true);               // csum_offset
      pkt[tcpSum] = pkt[tcpSum + 1] = 0;
    }
    const bufs: { addr: number; len: number }[] = [];
    let src = 0, dst = this.txAt;
    for (const len of [...(o.pieces ?? []), total]) {
      const n = Math.min(len, total - src);
      if (n <= 0) break;
      this.bytes().set(pkt.subarray(src, src + n), dst);
      bufs.push({ addr: dst, len: n });
      src += n;
      dst += n + 16;                            // pieces are not contiguous in RAM
    }
    this.txAt = (dst + 63) & ~63;
    return this.tx.post(bufs);
  }

  /** The frames in RX buffers the device handed back (header stripped); each buffer is posted again. */
  rxFrames(): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (const e of this.rx.used()) {
      const addr = this.rxHeads.get(e.id)!;
      this.rxHeads.delete(e.id);
      if (e.len >= NET_HDR_SIZE) out.push(this.bytes().slice(addr + NET_HDR_SIZE, addr + e.len));
      this.postRx(1);
    }
    return out;
  }

  rxHeader(head: number): DataView { return new DataView(this.ram.buffer, this.rxHeads.get(head) ?? 0, NET_HDR_SIZE); }
}

/** The NIC, the host side, the driver and a JS guest on one virtual clock. */
export class NetRig {
  now = 0n;
  readonly slirp: Slirp;
  readonly nic: VirtioNet;
  readonly drv = new NetDriver();
  readonly guest: GuestNet;
  irqs = 0;
  txOpts: SendOpts = {};                        // how the guest's frames are posted (gathers); TSO is automatic

  constructor(o: { nic?: NicOptions; slirp?: SlirpOptions; guest?: GuestOpts; rxBufs?: number } = {}) {
    this.slirp = new Slirp(o.slirp);
    this.nic = new VirtioNet(this.drv.ram, this.slirp, o.nic);
    this.drv.setup(this.nic);
    this.drv.postRx(o.rxBufs ?? 32);
    this.nic.notify(RXQ, this.now);
    this.guest = new GuestNet((f) => this.transmit(f), o.guest);
  }

  /** Post a guest frame on the TX queue (a TSO packet when longer than the MTU) and notify. */
  transmit(f: Uint8Array): number {
    const tso = f.length > ETH_HLEN + MTU ? { gso: GSO_TCPV4, gsoSize: MSS } : {};
    const head = this.drv.send(f, { ...this.txOpts, ...tso });
    this.nic.notify(TXQ, this.now);
    return head;
  }

  /** Take interrupts in time order until nothing is due; returns the virtual time reached. */
  settle(): bigint {
    this.nic.pollRx(this.now);
    for (let t = this.nic.nextIrqAt(); t !== null; t = this.nic.nextIrqAt()) {
      if (t > this.now) this.now = t;
      if (this.nic.takeIrq(this.now)) this.irq();
    }
    return this.now;
  }

  private irq(): void {
    this.irqs++;
    this.drv.tx.used();
    const frames = this.drv.rxFrames();
    if (frames.length) this.nic.notify(RXQ, this.now);
    for (const f of frames) this.guest.input(f);
  }

  /** Settle, then wait for real-socket activity, until cond() or ms of wall time. */
  async runUntil(cond: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    for (;;) {
      this.settle();
      if (cond()) return;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error("runUntil: timed out");
      await Promise.race([this.nic.whenActivity(), new Promise((r) => setTimeout(r, Math.min(left, 50)))]);
    }
  }
}
