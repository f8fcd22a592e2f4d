// virtio-net: a NIC whose receive and transmit queues (RXQ, TXQ of kernel/abi/net.ts) are split
// virtqueues in guest RAM, wired to a peer (the host side, host/net/slirp.ts) by a virtual cable.
//
// Timing, in virtual ns: each direction is a link of `bytesPerUs` bandwidth and `latencyNs` delay;
// frames cross it one after another, so a frame of B bytes put on it at t arrives at
//   max(t, link free) + B * 1000 / bytesPerUs + latencyNs.
// TX: at notify the device gathers each chain from RAM (one DMA; any number of device-readable
//   descriptors, with or without SG: the SG rule is the driver's) and times it as its wire frames
//   (a TSO packet: MSS-sized ones) crossing the link one after another. The peer gets the packet
//   whole at the last frame's arrival (GRO: one segment for the host TCP) and its answers go onto
//   the RX link then; a checksum left to the device (NEEDS_CSUM, TSO) is vouched for, not summed
//   (RxInfo.csumOk), and the payload is lent as views of RAM when the first buffer holds the
//   headers (zero-copy). With a pcap (or fillChecksums) the frames are cut and checksummed for real.
//   The chain's used entry is written, and its record moves to `completed`, when the interrupt due
//   at its last frame's arrival is taken. The chains of one notify complete together, at the last
//   one's arrival (interrupt coalescing: one interrupt per kick; the kernel's stack kicks once per
//   packet, netmap once per sync).
// RX: frames wait in the device until they have arrived and the driver has posted a buffer
//   (backpressure). The device checks each frame's checksums: a bad one is dropped and counted
//   (rxBad); a good one is written into one buffer (virtio_net_hdr with num_buffers = 1 and
//   DATA_VALID for IPv4/TCP, then the frame) = one DMA, its used entry written with the interrupt
//   due at that moment.
// Never throws on what the driver wrote: a bad chain completes with length 0 and an `error`.
// A Device (device.ts) named "nic", Dev.net; its poll is pollRx, and close() closes the peer (its
// real sockets) and the pcap file.
// Interface: new VirtioNet(ram, peer, opts?); config(field); setup(queue, addr); notify(queue, nowNs);
// pollRx(nowNs) (poll); nextIrqAt(); takeIrq(nowNs?); pending(); connected(); whenActivity();
// whenPeerActivity(); uncork(); completed[] and faults[] (drained by the caller); flush(); close(); stats.
import { VirtQueue, type Chain, type Desc } from "./virtqueue";
import { framesOf } from "./disk";
import type { Device } from "./device";
import { VRING_DESC_F_WRITE, Dev } from "../../kernel/abi/virtio";
import {
  NET_HDR_SIZE, RXQ, TXQ, MTU, ETH_HLEN, IP_HLEN, TCP_HLEN, MAX_TSO, NetFeature, NetConfig, GSO_NONE, GSO_TCPV4, GSO_ECN,
  GUEST_MAC_HI, GUEST_MAC_LO, NET_HDR_F_NEEDS_CSUM, NET_HDR_F_DATA_VALID,
} from "../../kernel/abi/net";
import { tsoSegment, tsoPlan, fillTcpChecksum, checkTcpCsumOffload, parseFrame, isMalformed, type TsoPlan } from "../net/packet";
import type { PcapWriter } from "../net/pcap";

/** The other end of the cable. */
export interface NetPeer {
  input(frame: Uint8Array, info?: RxInfo): void;   // one frame (or one GRO'd TSO packet) from the guest
  output(): Uint8Array[];                 // take the frames queued for the guest
  pending?(): boolean;                    // may frames still come without any input (real sockets)?
  connected?(): boolean;                  // is a real connection open (a peer running in real time)?
  whenActivity?(): Promise<void>;         // resolves when something may have been queued
  uncork?(): void;                        // send at once what real sockets were given
  close?(): void;                         // close its real sockets and listeners
}

/** What the NIC tells the peer about a frame, as an skb's flags do. */
export interface RxInfo {
  csumOk?: boolean;     // the TCP checksum is the device's to fill in (NEEDS_CSUM): trusted, not summed
  gso?: boolean;        // a whole TSO packet (may exceed the MTU), handed over in one piece (GRO)
  segments?: number;    // the wire frames it was (default 1)
  payload?: Uint8Array[];   // the TCP payload, apart from `frame` (the headers): views of guest RAM,
                            //   lent for the call (zero-copy gather)
}
export interface NetTiming { latencyNs: number; bytesPerUs: number }
export interface NicOptions {
  features?: { sg?: boolean; tso?: boolean };   // offered to the driver (default: both)
  timing?: NetTiming;                           // default 10 us, 1250 bytes/us (10 Gb/s)
  pcap?: PcapWriter;                            // records every wire frame, both directions
  fillChecksums?: boolean;                      // sum every checksum left to the device and let the peer
                                                //   check it (default: the peer trusts them unsummed)
}

/** One chain, as the machine traces it. */
export interface NetRequest {
  queue: number; head: number;
  bytes: number;                  // moved by the DMA, virtio_net_hdr included
  frames: number[];               // the 4 KiB RAM frames the DMA touched
  descs: { addr: number; len: number }[];   // the buffers gathered (TX) or written (RX)
  wire: number;                   // wire frames: TSO segments for TX, 1 for RX
  gso: number;                    // gso_type of a TX packet
  submitNs: bigint; doneNs: bigint; error?: string;
}

export interface NicStats {
  txPackets: number; txFrames: number; txBytes: number; tsoPackets: number; txErrors: number;   // bytes: on the wire
  rxFrames: number; rxBytes: number;
  rxDropped: number;              // frames that did not fit the posted buffer
  rxBad: number;                  // frames with a bad checksum (or malformed), dropped before DMA
  rxErrors: number;               // posted RX chains that were not usable
  irqs: number;
}

interface Pending { req: NetRequest; usedLen: number }
/** A TX packet gathered and checked: its frame, the checksum the driver asked for, its wire frames. */
interface TxPacket {
  frame: Uint8Array;                                // all of it, or the headers when payload is apart
  payload?: Uint8Array[];                           // the rest, in guest RAM (zero-copy; never with a pcap)
  csum: { start: number; offset: number } | null;   // NEEDS_CSUM
  plan: TsoPlan;                                    // mss 0: one frame as is
  wire?: Uint8Array[];                              // the TSO segments, cut only for a pcap
}
interface WireFrame { frame: Uint8Array; arriveNs: bigint }
interface RxBuf { chain: Chain; postedNs: bigint; capacity: number }


export class VirtioNet implements Device {
  readonly name = "nic";
  readonly id = Dev.net;
  readonly completed: NetRequest[] = [];
  readonly faults: string[] = [];
  readonly stats: NicStats = { txPackets: 0, txFrames: 0, txBytes: 0, tsoPackets: 0, txErrors: 0,
    rxFrames: 0, rxBytes: 0, rxDropped: 0, rxBad: 0, rxErrors: 0, irqs: 0 };
  readonly sg: boolean;
  readonly tso: boolean;
  private timing: NetTiming;
  private pcap?: PcapWriter;
  private fill: boolean;
  private queues: (VirtQueue | null)[] = [null, null];
  private due: Pending[] = [];        // used entries waiting for their interrupt, oldest first
  private rxWire: WireFrame[] = [];   // frames on or past the RX link, not yet delivered
  private rxBufs: RxBuf[] = [];       // posted receive buffers
  private txFree = 0n;                // when each link can take the next frame
  private rxFree = 0n;
  private nowNs = 0n;                 // the latest time the machine told us
  // The one TX packet being gathered: the peer takes what it keeps before input() returns, as a
  // NIC's ring buffer is reused, so no packet costs an allocation. Room for the largest legal one.
  private txBuf = new Uint8Array(NET_HDR_SIZE + ETH_HLEN + 60 + 60 + MAX_TSO);
  private txHdr = new DataView(this.txBuf.buffer, 0, NET_HDR_SIZE);
  private rxBuf = new Uint8Array(NET_HDR_SIZE + ETH_HLEN + MTU);   // one RX frame being written (same reason)
  private ram8: Uint8Array | null = null;

  constructor(private ram: WebAssembly.Memory, private peer: NetPeer, opts: NicOptions = {}) {
    this.sg = opts.features?.sg ?? true;
    this.tso = opts.features?.tso ?? true;
    this.timing = opts.timing ?? { latencyNs: 10_000, bytesPerUs: 1250 };
    this.pcap = opts.pcap;
    this.fill = opts.fillChecksums ?? false;
  }

  /** virtioConfig(Dev.net, field). */
  config(field: number): number {
    switch (field) {
      case NetConfig.present: return 1;
      case NetConfig.features: return (this.sg ? NetFeature.sg : 0) | (this.tso ? NetFeature.tso : 0);
      case NetConfig.macHi: return GUEST_MAC_HI;
      case NetConfig.macLo: return GUEST_MAC_LO;
      default: return 0;
    }
  }

  /** The driver placed queue `queue` at physical address addr; false (and a fault) if unusable. */
  setup(queue: number, addr: number): boolean {
    if (queue !== RXQ && queue !== TXQ) return this.fault(`setup: no queue ${queue}`);
    try { this.queues[queue] = new VirtQueue(this.ram, addr); } catch (e) {
      this.queues[queue] = null;
      return this.fault(`setup: ${(e as Error).message}`);
    }
    if (queue === RXQ) this.rxBufs = [];
    this.due = this.due.filter((p) => p.req.queue !== queue);
    return true;
  }

  /** TXQ: send every newly available packet. RXQ: new buffers, so waiting frames may go in. */
  notify(queue: number, nowNs: bigint): void {
    this.advance(nowNs);
    if (!this.queues[queue]) { this.fault(`notify: queue ${queue} is not set up`); return; }
    if (queue === RXQ) { this.pollRx(nowNs); return; }
    const q = this.queues[TXQ]!, kick: NetRequest[] = [];
    for (let c = q.popAvail(); c; c = q.popAvail()) {
      if (c.head < 0) { this.fault(`TX: ${c.error}`); continue; }
      kick.push(this.transmit(c, nowNs));
    }
    const last = kick.reduce((t, r) => max(t, r.doneNs), nowNs);
    for (const r of kick) r.doneNs = last;
    this.pcap?.flush(nowNs);
  }

  /** Take what the peer queued on its own (real sockets) and deliver every frame arrived by nowNs
   *  into posted buffers. Returns the number delivered; their interrupt is due (nextIrqAt). */
  pollRx(nowNs: bigint): number {
    this.advance(nowNs);
    this.fromPeer(nowNs);
    this.refillRx();
    let n = 0;
    while (this.rxWire.length && this.rxWire[0].arriveNs <= nowNs && this.rxBufs.length) {
      if (this.deliver(this.rxWire.shift()!, this.rxBufs.shift()!)) n++;
    }
    this.pcap?.flush(nowNs);
    return n;
  }

  /** Device.poll: pollRx. */
  poll(nowNs: bigint): void { this.pollRx(nowNs); }

  /** When the next interrupt is due (a completion, or a frame arriving into a posted buffer), or null. */
  nextIrqAt(): bigint | null {
    let t: bigint | null = null;
    for (const p of this.due) if (t === null || p.req.doneNs < t) t = p.req.doneNs;
    this.refillRx();
    if (this.rxWire.length && this.rxBufs.length) {
      const a = max(this.rxWire[0].arriveNs, this.rxBufs[0].postedNs);
      if (t === null || a < t) t = a;
    }
    return t;
  }

  /** Deliver what arrived by nowNs (default: the next interrupt's time) and write the used entries
   *  of everything done by then; true if there was anything (the driver's interrupt). */
  takeIrq(nowNs?: bigint): boolean {
    const t = nowNs ?? this.nextIrqAt();
    if (t === null) return false;
    this.pollRx(t);
    const now = this.due.filter((p) => p.req.doneNs <= t);
    if (now.length === 0) return false;
    this.due = this.due.filter((p) => p.req.doneNs > t);
    for (const { req, usedLen } of now) {
      this.queues[req.queue]?.pushUsed(req.head, usedLen);
      this.completed.push(req);
    }
    this.stats.irqs++;
    return true;
  }

  /** May frames still come from the peer with no guest action (open real sockets)? Frames that
   *  only wait for receive buffers do not count: the guest must post some. */
  pending(): boolean { return this.peer.pending?.() ?? false; }

  /** Is a real connection open (not just a listener)? Then the world outside runs in real time. */
  connected(): boolean { return this.peer.connected?.() ?? false; }

  /** Resolves when there may be work: at once if an interrupt is due already, else when the peer
   *  queues frames (then call pollRx). Never resolves for a peer without real sockets. */
  whenActivity(): Promise<void> {
    if (this.nextIrqAt() !== null) return Promise.resolve();
    return this.whenPeerActivity();
  }

  /** Resolves when the peer may have queued frames (never for a peer without real sockets). */
  whenPeerActivity(): Promise<void> { return this.peer.whenActivity?.() ?? new Promise(() => {}); }

  /** The peer sends at once what its real sockets were given (a slice ended). */
  uncork(): void { this.peer.uncork?.(); }

  /** Write out the pcap records held (run() ended). */
  flush(): void { this.pcap?.flush(); }

  /** Close the peer's real sockets and listeners, then the pcap file. */
  close(): void { this.peer.close?.(); this.pcap?.close(); }

  // ---- transmit ----

  private transmit(c: Chain, nowNs: bigint): NetRequest {
    const req: NetRequest = { queue: TXQ, head: c.head, bytes: 0, frames: [], descs: [], wire: 0, gso: GSO_NONE,
      submitNs: nowNs, doneNs: nowNs, error: c.error };
    const pkt = req.error ? null : this.gather(req, c.descs);
    if (pkt) {
      req.doneNs = this.wireTx(pkt, nowNs);
      req.wire = pkt.plan.segments;
      this.stats.txPackets++;
      if (req.gso === GSO_TCPV4) this.stats.tsoPackets++;
    } else this.stats.txErrors++;
    this.due.push({ req, usedLen: 0 });
    return req;
  }

  /** Validate a TX chain, gather it (the one DMA) and plan its wire frames; null on error. */
  private gather(req: NetRequest, descs: Desc[]): TxPacket | null {
    let total = 0;
    for (const d of descs) {
      if (d.flags & VRING_DESC_F_WRITE) return this.reject(req, "TX chain has a device-writable buffer");
      total += d.len;
    }
    if (total < NET_HDR_SIZE + ETH_HLEN) return this.reject(req, `TX packet of ${total} bytes`);
    req.bytes = total;
    req.descs = descs.map(({ addr, len }) => ({ addr, len }));
    req.frames = framesOf(descs);
    const ram = this.ramBytes();
    if (this.apart(descs, total, ram)) {                     // zero-copy: the headers only, the payload lent
      const d0 = descs[0], head = this.txBuf.subarray(0, d0.len);
      head.set(ram.subarray(d0.addr, d0.addr + d0.len));
      req.gso = head[1];
      const payload = descs.slice(1).map((d) => ram.subarray(d.addr, d.addr + d.len));
      return this.plan(req, head.subarray(NET_HDR_SIZE), this.txHdr, total - NET_HDR_SIZE, payload);
    }
    const big = total > this.txBuf.length;                   // too long for any packet: rejected below
    const pkt = big ? new Uint8Array(total) : this.txBuf.subarray(0, total);
    let off = 0;
    for (const d of descs) { pkt.set(ram.subarray(d.addr, d.addr + d.len), off); off += d.len; }
    req.gso = pkt[1];
    return this.plan(req, pkt.subarray(NET_HDR_SIZE), big ? new DataView(pkt.buffer, 0, NET_HDR_SIZE) : this.txHdr, total - NET_HDR_SIZE);
  }

  /** May the payload stay in guest RAM? When the first buffer holds the virtio header and all the
   *  headers (hdr_len), the checksum is the device's to fill in (so the peer will not sum it), and
   *  no pcap wants the wire frames. */
  private apart(descs: Desc[], total: number, ram: Uint8Array): boolean {
    const d0 = descs[0];
    if (this.pcap || this.fill || descs.length < 2 || total > this.txBuf.length || d0.len < NET_HDR_SIZE + ETH_HLEN + IP_HLEN + TCP_HLEN) return false;
    const hdrLen = ram[d0.addr + 2] | (ram[d0.addr + 3] << 8);
    return d0.len >= NET_HDR_SIZE + hdrLen && ((ram[d0.addr] & NET_HDR_F_NEEDS_CSUM) !== 0 || ram[d0.addr + 1] !== GSO_NONE);
  }

  /** The wire frames one packet makes (hdr: its virtio_net_hdr; len: the frame's length, of which
   *  `frame` holds all but the payload pieces), or null. */
  private plan(req: NetRequest, frame: Uint8Array, hdr: DataView, len: number, payload?: Uint8Array[]): TxPacket | null {
    const maxFrame = ETH_HLEN + MTU, gsoSize = hdr.getUint16(4, true), flags = hdr.getUint8(0);
    const csum = flags & NET_HDR_F_NEEDS_CSUM ? { start: hdr.getUint16(6, true), offset: hdr.getUint16(8, true) } : null;
    if (req.gso === GSO_NONE) {
      if (len > maxFrame) return this.reject(req, `frame of ${len} bytes exceeds the MTU`);
      const err = csum ? checkTcpCsumOffload(frame, csum.start, csum.offset, len) : null;
      if (err) return this.reject(req, err);
      return { frame, payload, csum, plan: { ipHlen: 0, hdrEnd: len, dataLen: 0, mss: 0, segments: 1 } };
    }
    if (req.gso & GSO_ECN || req.gso !== GSO_TCPV4) return this.reject(req, `gso_type ${req.gso} not offered`);
    if (!this.tso) return this.reject(req, "GSO_TCPV4 without the TSO feature");
    if (len > ETH_HLEN + IP_HLEN + TCP_HLEN + MAX_TSO) return this.reject(req, `TSO packet of ${len} bytes`);
    const plan = tsoPlan(frame, gsoSize, len);
    if (typeof plan === "string") return this.reject(req, plan);
    if (plan.hdrEnd + Math.min(plan.mss, plan.dataLen) > maxFrame) return this.reject(req, `gso_size ${gsoSize} makes frames longer than the MTU`);
    return { frame, payload, csum, plan };
  }

  private reject(req: NetRequest, error: string): null { req.error = error; return null; }

  /** Put a packet's wire frames on the TX link one after another (each crosses it in turn); the
   *  peer gets the whole packet at the last one's arrival (GRO: one TSO packet is one segment for
   *  the host's TCP), its checksums trusted when the device was asked to fill them in. With a
   *  pcap the frames are cut and checksummed for real, as they would be on the wire. */
  private wireTx(p: TxPacket, nowNs: bigint): bigint {
    const { frame, plan } = p, bw = this.timing.bytesPerUs;
    const start = max(nowNs, this.txFree);
    let busy = 0;                                  // ns the link is busy, summed per frame as cross() does
    for (let i = 0, left = plan.dataLen; i < plan.segments; i++, left -= plan.mss) {
      const len = plan.hdrEnd + Math.min(plan.mss, left);
      busy += (len * 1000 - ((len * 1000) % bw)) / bw;   // exact integer division
      this.stats.txFrames++; this.stats.txBytes += len;
      if (this.pcap) this.recordTx(p, i, start + BigInt(busy) + BigInt(this.timing.latencyNs));
    }
    this.txFree = start + BigInt(busy);
    const arrive = this.txFree + BigInt(this.timing.latencyNs);
    const offload = p.csum !== null || plan.mss > 0;
    if (offload && this.fill) fillTcpChecksum(frame, p.csum?.start ?? ETH_HLEN + plan.ipHlen, p.csum?.offset ?? 16);
    this.peer.input(frame, { csumOk: offload && !this.fill, gso: plan.mss > 0, segments: plan.segments, payload: p.payload });
    this.fromPeer(arrive);
    return arrive;
  }

  /** Record wire frame i of a packet in the pcap, with the checksums the device would have put in. */
  private recordTx(p: TxPacket, i: number, arrive: bigint): void {
    if (p.plan.mss === 0) {
      if (i === 0 && p.csum) fillTcpChecksum(p.frame, p.csum.start, p.csum.offset);
      this.pcap!.record(p.frame, arrive);
      return;
    }
    if (i === 0) p.wire = tsoSegment(p.frame, p.plan.mss) as Uint8Array[];
    this.pcap!.record(p.wire![i], arrive);
  }

  /** When a frame of `bytes` put on a link at t arrives; the link stays busy while it crosses. */
  private cross(bytes: number, t: bigint, tx: boolean): bigint {
    const start = max(t, tx ? this.txFree : this.rxFree);
    const free = start + BigInt(bytes) * 1000n / BigInt(this.timing.bytesPerUs);
    if (tx) this.txFree = free; else this.rxFree = free;
    return free + BigInt(this.timing.latencyNs);
  }

  // ---- receive ----

  /** The peer's queued frames enter the RX link at t. */
  private fromPeer(t: bigint): void {
    for (const frame of this.peer.output()) {
      const arriveNs = this.cross(frame.length, t, false);
      this.pcap?.record(frame, arriveNs);
      this.rxWire.push({ frame, arriveNs });
    }
  }

  /** Take the buffers the driver posted; a chain that is not all device-writable completes empty. */
  private refillRx(): void {
    const q = this.queues[RXQ];
    if (!q) return;
    for (let c = q.popAvail(); c; c = q.popAvail()) {
      if (c.head < 0) { this.fault(`RX: ${c.error}`); continue; }
      const error = c.error ?? (c.descs.some((d) => !(d.flags & VRING_DESC_F_WRITE)) ? "RX buffer not device-writable" : undefined);
      if (error) {
        this.stats.rxErrors++;
        this.due.push({ req: { queue: RXQ, head: c.head, bytes: 0, frames: [], descs: [], wire: 0, gso: GSO_NONE,
          submitNs: this.nowNs, doneNs: this.nowNs, error }, usedLen: 0 });
        continue;
      }
      this.rxBufs.push({ chain: c, postedNs: this.nowNs, capacity: c.descs.reduce((n, d) => n + d.len, 0) });
    }
  }

  /** One frame into one posted buffer: the header, then the frame (one DMA); false if dropped unseen. */
  private deliver(w: WireFrame, buf: RxBuf): boolean {
    const f = parseFrame(w.frame);
    if (isMalformed(f)) { this.stats.rxBad++; this.rxBufs.unshift(buf); return false; }
    const at = max(w.arriveNs, buf.postedNs);
    const total = NET_HDR_SIZE + w.frame.length;
    if (total > buf.capacity) {
      this.stats.rxDropped++;
      this.faults.push(`RX: frame of ${w.frame.length} bytes does not fit a ${buf.capacity}-byte buffer: dropped`);
      this.rxBufs.unshift(buf);
      return false;
    }
    const pkt = total <= this.rxBuf.length ? this.rxBuf.subarray(0, total) : new Uint8Array(total);
    pkt.fill(0, 0, NET_HDR_SIZE);
    if (f.tcp) pkt[0] = NET_HDR_F_DATA_VALID;               // checksums verified
    pkt[10] = 1;                                            // num_buffers (le16)
    pkt.set(w.frame, NET_HDR_SIZE);
    const ram = this.ramBytes(), descs: { addr: number; len: number }[] = [];
    for (let off = 0, i = 0; off < total; i++) {
      const d = buf.chain.descs[i], n = Math.min(d.len, total - off);
      ram.set(pkt.subarray(off, off + n), d.addr);
      descs.push({ addr: d.addr, len: n });
      off += n;
    }
    this.stats.rxFrames++; this.stats.rxBytes += w.frame.length;
    this.due.push({ req: { queue: RXQ, head: buf.chain.head, bytes: total, frames: framesOf(descs),
      descs, wire: 1, gso: GSO_NONE, submitNs: at, doneNs: at }, usedLen: total });
    return true;
  }

  /** Guest RAM as bytes (one view, made again only if the memory grew: that detaches the old
   *  buffer, whose length then reads 0). */
  private ramBytes(): Uint8Array {
    if (this.ram8 === null || this.ram8.buffer.byteLength === 0) this.ram8 = new Uint8Array(this.ram.buffer);
    return this.ram8;
  }

  private advance(nowNs: bigint): void { if (nowNs > this.nowNs) this.nowNs = nowNs; }

  private fault(msg: string): false { this.faults.push(msg); return false; }
}

function max(a: bigint, b: bigint): bigint { return a > b ? a : b; }
