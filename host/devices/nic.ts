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
// Cost: a packet and its ACK are the hot path (a 256 MiB transfer is 6,000 of each), so inside the
// device virtual time is a number of ns (exact to 2^53 ns, 104 days), not a BigInt, and a request
// record (NetRequest: buffers, RAM frames) is made only when someone reads completed[]
// (opts.requests; the machine asks only for its onDeviceDone hook).
// Interface: new VirtioNet(ram, peer, opts?); config(field); setup(queue, addr); notify(queue, nowNs);
// pollRx(nowNs) (poll); nextIrqAt(); takeIrq(nowNs?); notifyNs, pollNs, nextIrqNs (the same in numbers); pending(); connected(); whenActivity();
// whenPeerActivity(); uncork(); completed[] and faults[] (drained by the caller); flush(); close(); stats.
import { VirtQueue, type Chain, type Desc } from "./virtqueue";
import { framesOf } from "./disk";
import type { Device } from "./device";
import { VRING_DESC_F_WRITE, VQ_SETUP_EVENT_IDX, Dev } from "../../kernel/abi/virtio";
import {
  NET_HDR_SIZE, RXQ, TXQ, MTU, ETH_HLEN, IP_HLEN, TCP_HLEN, MAX_TSO, NetFeature, NetConfig, GSO_NONE, GSO_TCPV4, GSO_ECN,
  GUEST_MAC_HI, GUEST_MAC_LO, NET_HDR_F_NEEDS_CSUM, NET_HDR_F_DATA_VALID,
} from "../../kernel/abi/net";
import { tsoSegment, tsoPlan, fillTcpChecksum, checkTcpCsumOffload, frameCheck, type TsoPlan } from "../net/packet";
import type { PcapWriter } from "../net/pcap";

/** The other end of the cable. */
export interface NetPeer {
  input(frame: Uint8Array, info?: RxInfo): void;   // one frame (or one GRO'd TSO packet) from the guest;
                                                   //   frame and info are lent for the call (both reused)
  output(): readonly Uint8Array[];        // take the frames queued for the guest
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
  features?: { sg?: boolean; tso?: boolean; eventIdx?: boolean };   // offered to the driver (default: all)
  timing?: NetTiming;                           // default 10 us, 1250 bytes/us (10 Gb/s)
  pcap?: PcapWriter;                            // records every wire frame, both directions
  fillChecksums?: boolean;                      // sum every checksum left to the device and let the peer
                                                //   check it (default: the peer trusts them unsummed)
  requests?: boolean;                           // record each chain in completed[] (default true)
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

/** A used entry waiting for its interrupt (req: its record, when requests are kept). */
interface Pending { queue: number; head: number; usedLen: number; doneNs: number; req: NetRequest | null }
/** A TX packet gathered and checked: its frame, the checksum the driver asked for, its wire frames. */
interface TxPacket {
  gso: number;                                      // its gso_type
  frame: Uint8Array;                                // all of it, or the headers when payload is apart
  payload?: Uint8Array[];                           // the rest, in guest RAM (zero-copy; never with a pcap)
  csum: { start: number; offset: number } | null;   // NEEDS_CSUM
  plan: TsoPlan;                                    // mss 0: one frame as is
  wire?: Uint8Array[];                              // the TSO segments, cut only for a pcap
}
interface WireFrame { frame: Uint8Array; arriveNs: number }
const NO_FRAME = new Uint8Array(0);
interface RxBuf { chain: Chain; postedNs: number; capacity: number }


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
  private eventIdxOffered: boolean;
  private txEventIdx = false;         // the driver keeps the TX queue's used_event (EVENT_IDX)
  private keep: boolean;
  private queues: (VirtQueue | null)[] = [null, null];
  private due: Pending[] = [];        // used entries waiting for their interrupt, oldest first
  private dueSpare: Pending[] = [];   // records of entries posted, to be used again (pend)
  private rxWire: WireFrame[] = [];   // frames on or past the RX link, not yet delivered
  private wireSpare: WireFrame[] = []; // their records once delivered, to be used again
  private rxBufs: RxBuf[] = [];       // posted receive buffers
  private rxSpare: RxBuf[] = [];      // records of buffers used, to be filled again (refillRx)
  private txTimes: number[] = [];     // txEventAt()'s scratch
  private txFree = 0;                 // when each link can take the next frame
  private rxFree = 0;
  private nowNs = 0;                  // the latest time the machine told us
  private irqAt = -1;                 // nextIrqAt()'s last answer, as a number and as the BigInt
  private irqAtBig = 0n;              //   returned (made again only when it changes)
  private txChain: Chain = { head: 0, descs: [] };   // popAvail's record for TX chains, reused
  private lent: Uint8Array[] = [];                    // the payload views of the packet being sent
  // The one TX packet being gathered: the peer takes what it keeps before input() returns, as a
  // NIC's ring buffer is reused, so no packet costs an allocation. Room for the largest legal one.
  private txBuf = new Uint8Array(NET_HDR_SIZE + ETH_HLEN + 60 + 60 + MAX_TSO);
  private txHdr = new DataView(this.txBuf.buffer, 0, NET_HDR_SIZE);
  private rxBuf = new Uint8Array(NET_HDR_SIZE + ETH_HLEN + MTU);   // one RX frame being written (same reason)
  private ram8: Uint8Array | null = null;

  constructor(private ram: WebAssembly.Memory, private peer: NetPeer, opts: NicOptions = {}) {
    this.sg = opts.features?.sg ?? true;
    this.tso = opts.features?.tso ?? true;
    this.eventIdxOffered = opts.features?.eventIdx ?? true;
    this.timing = opts.timing ?? { latencyNs: 10_000, bytesPerUs: 1250 };
    this.pcap = opts.pcap;
    this.fill = opts.fillChecksums ?? false;
    this.keep = opts.requests ?? true;
  }

  /** virtioConfig(Dev.net, field). */
  config(field: number): number {
    switch (field) {
      case NetConfig.present: return 1;
      case NetConfig.features:
        return (this.sg ? NetFeature.sg : 0) | (this.tso ? NetFeature.tso : 0) | (this.eventIdxOffered ? NetFeature.eventIdx : 0);
      case NetConfig.macHi: return GUEST_MAC_HI;
      case NetConfig.macLo: return GUEST_MAC_LO;
      default: return 0;
    }
  }

  /** The driver placed queue `queue` at physical address addr; false (and a fault) if unusable. */
  setup(queueArg: number, addr: number): boolean {
    const queue = queueArg & ~VQ_SETUP_EVENT_IDX, eventIdx = (queueArg & VQ_SETUP_EVENT_IDX) !== 0;
    if (queue !== RXQ && queue !== TXQ) return this.fault(`setup: no queue ${queue}`);
    if (eventIdx && (queue !== TXQ || !this.eventIdxOffered)) return this.fault(`setup: EVENT_IDX not offered for queue ${queue}`);
    if (queue === TXQ) this.txEventIdx = eventIdx;
    try { this.queues[queue] = new VirtQueue(this.ram, addr); } catch (e) {
      this.queues[queue] = null;
      return this.fault(`setup: ${(e as Error).message}`);
    }
    if (queue === RXQ) this.rxBufs = [];
    this.due = this.due.filter((p) => p.queue !== queue);
    return true;
  }

  /** TXQ: send every newly available packet. RXQ: new buffers, so waiting frames may go in. */
  notify(queue: number, nowNs: bigint): void { this.notifyNs(queue, Number(nowNs)); }

  /** notify with the time in ns as a number (the device table's: no BigInt per packet). */
  notifyNs(queue: number, now: number): void {
    this.advance(now);
    if (!this.queues[queue]) { this.fault(`notify: queue ${queue} is not set up`); return; }
    if (queue === RXQ) { this.pollAt(now); return; }
    const q = this.queues[TXQ]!, first = this.due.length;
    for (let c = q.popAvail(this.txChain); c; c = q.popAvail(this.txChain)) {
      if (c.head < 0) { this.fault(`TX: ${c.error}`); continue; }
      this.transmit(c, now);
    }
    let last = now;
    for (let i = first; i < this.due.length; i++) last = Math.max(last, this.due[i].doneNs);
    for (let i = first; i < this.due.length; i++) this.due[i].doneNs = last;
    if (this.pcap) this.pcap.flush(BigInt(now));
  }

  /** Take what the peer queued on its own (real sockets) and deliver every frame arrived by nowNs
   *  into posted buffers. Returns the number delivered; their interrupt is due (nextIrqAt). */
  pollRx(nowNs: bigint): number { return this.pollAt(Number(nowNs)); }

  private pollAt(now: number): number {
    this.advance(now);
    this.fromPeer(now);
    this.refillRx();
    let n = 0;
    while (this.rxWire.length && this.rxWire[0].arriveNs <= now && this.rxBufs.length) {
      const w = this.rxWire.shift()!;
      if (this.deliver(w, this.rxBufs.shift()!)) n++;
      w.frame = NO_FRAME; this.wireSpare.push(w);
    }
    this.queues[RXQ]?.noNotify(this.rxBufs.length > 0);   // holding buffers: new ones are taken when needed
    if (this.pcap) this.pcap.flush(BigInt(now));
    return n;
  }

  /** Device.poll (each turn of the run loop): what the peer queued on its own (real sockets) enters
   *  the RX link now. Frames are written into buffers when their interrupt is taken (takeIrq). */
  poll(nowNs: bigint): void { this.pollNs(Number(nowNs)); }

  pollNs(now: number): void {
    this.advance(now);
    this.fromPeer(now);
  }

  /** nextIrqAt in ns as a number, -1 for none. */
  nextIrqNs(): number { return this.nextAt(); }

  /** When the next interrupt is due (a completion, or a frame arriving into a posted buffer), or null. */
  nextIrqAt(): bigint | null {
    const t = this.nextAt();
    if (t < 0) return null;
    if (t !== this.irqAt) { this.irqAt = t; this.irqAtBig = BigInt(t); }
    return this.irqAtBig;
  }

  /** nextIrqAt as a number, -1 for none. */
  private nextAt(): number {
    let t = -1;
    for (let i = 0; i < this.due.length; i++) {
      const p = this.due[i];
      if ((t < 0 || p.doneNs < t) && !(p.queue === TXQ && this.txEventIdx)) t = p.doneNs;
    }
    if (this.txEventIdx) { const e = this.txEventAt(); if (e >= 0 && (t < 0 || e < t)) t = e; }
    if (this.rxWire.length && !this.rxBufs.length) this.refillRx();   // (the driver notifies when it posts)
    if (this.rxWire.length && this.rxBufs.length) {
      const a = Math.max(this.rxWire[0].arriveNs, this.rxBufs[0].postedNs);
      if (t < 0 || a < t) t = a;
    }
    return t;
  }

  /** Would posting what is done by t interrupt the driver: a receive entry, or a transmit completion
   *  (with EVENT_IDX: the one at used_event, vring_need_event)? */
  private interrupts(t: number): boolean {
    let tx = 0;
    for (let i = 0; i < this.due.length; i++) {
      const p = this.due[i];
      if (p.doneNs > t) continue;
      if (p.queue !== TXQ || !this.txEventIdx) return true;
      tx++;
    }
    const q = this.queues[TXQ];
    return tx > 0 && q !== null && ((q.usedEvent() - q.usedIdx) & 0xffff) < tx;
  }

  /** EVENT_IDX on the TX queue: when the completion whose used entry the driver asked to be told of
   *  (used_event) is due, or -1. Completions post in time order; the n-th to come gets index idx + n - 1. */
  private txEventAt(): number {
    const q = this.queues[TXQ];
    if (!q) return -1;
    const need = ((q.usedEvent() - q.usedIdx) & 0xffff) + 1;    // completions until used_event's entry
    let n = 0, last = -1, at = -1;
    for (let i = 0; i < this.due.length; i++) {     // (in time order, as a link sends them, but for
      const p = this.due[i];                        //   chains in error, completed at once)
      if (p.queue !== TXQ) continue;
      if (p.doneNs < last) return this.txEventSorted(need);
      last = p.doneNs;
      if (++n === need) at = p.doneNs;
    }
    return at;
  }

  /** txEventAt when the completions are not in time order. */
  private txEventSorted(need: number): number {
    const times = this.txTimes;
    times.length = 0;
    for (let i = 0; i < this.due.length; i++) if (this.due[i].queue === TXQ) times.push(this.due[i].doneNs);
    if (need > times.length) return -1;
    times.sort((a, b) => a - b);
    return times[need - 1];
  }

  /** Deliver what arrived by nowNs (default: the next interrupt's time) and write the used entries
   *  of everything done by then; true if there was anything (the driver's interrupt). */
  takeIrq(nowNs?: bigint): boolean {
    const t = nowNs !== undefined ? Number(nowNs) : this.nextAt();
    if (t < 0) return false;
    this.pollAt(t);
    if (!this.interrupts(t)) return false;          // (nothing posted that the driver is not told of)
    let kept = 0;
    for (let i = 0; i < this.due.length; i++) {   // in order: those due now are posted, the rest stay
      const p = this.due[i];
      if (p.doneNs > t) { this.due[kept++] = p; continue; }
      this.queues[p.queue]?.pushUsed(p.head, p.usedLen);
      if (p.req) { p.req.doneNs = BigInt(p.doneNs); this.completed.push(p.req); p.req = null; }
      this.dueSpare.push(p);
    }
    if (kept !== this.due.length) this.due.length = kept;   // (setting a length costs even when it is unchanged)
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

  private transmit(c: Chain, now: number): void {
    const req: NetRequest | null = this.keep ? { queue: TXQ, head: c.head, bytes: 0, frames: [], descs: [], wire: 0,
      gso: GSO_NONE, submitNs: BigInt(now), doneNs: BigInt(now), error: c.error } : null;
    const pkt = c.error ?? this.gather(c.descs, req);
    let doneNs = now;
    if (typeof pkt !== "string") {
      doneNs = this.wireTx(pkt, now);
      if (req) { req.wire = pkt.plan.segments; req.gso = pkt.gso; }
      this.stats.txPackets++;
      if (pkt.gso === GSO_TCPV4) this.stats.tsoPackets++;
    } else {
      if (req) req.error = pkt;
      this.stats.txErrors++;
    }
    this.pend(TXQ, c.head, 0, doneNs, req);
  }

  /** Validate a TX chain, gather it (the one DMA) and plan its wire frames; an error string if bad. */
  private gather(descs: Desc[], req: NetRequest | null): TxPacket | string {
    let total = 0;
    for (const d of descs) {
      if (d.flags & VRING_DESC_F_WRITE) return "TX chain has a device-writable buffer";
      total += d.len;
    }
    if (total < NET_HDR_SIZE + ETH_HLEN) return `TX packet of ${total} bytes`;
    if (req) {
      req.bytes = total;
      req.descs = descs.map(({ addr, len }) => ({ addr, len }));
      req.frames = framesOf(descs);
    }
    const ram = this.ramBytes();
    if (this.apart(descs, total, ram)) {                     // zero-copy: the headers only, the payload lent
      const d0 = descs[0], head = this.txBuf.subarray(0, d0.len);
      head.set(ram.subarray(d0.addr, d0.addr + d0.len));
      return this.plan(head.subarray(NET_HDR_SIZE), this.txHdr, total - NET_HDR_SIZE, lend(descs, ram, this.lent));
    }
    const big = total > this.txBuf.length;                   // too long for any packet: rejected below
    const pkt = big ? new Uint8Array(total) : this.txBuf.subarray(0, total);
    let off = 0;
    for (const d of descs) { pkt.set(ram.subarray(d.addr, d.addr + d.len), off); off += d.len; }
    return this.plan(pkt.subarray(NET_HDR_SIZE), big ? new DataView(pkt.buffer, 0, NET_HDR_SIZE) : this.txHdr, total - NET_HDR_SIZE);
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
  private plan(frame: Uint8Array, hdr: DataView, len: number, payload?: Uint8Array[]): TxPacket | string {
    const maxFrame = ETH_HLEN + MTU, gsoSize = hdr.getUint16(4, true), flags = hdr.getUint8(0), gso = hdr.getUint8(1);
    const csum = flags & NET_HDR_F_NEEDS_CSUM ? { start: hdr.getUint16(6, true), offset: hdr.getUint16(8, true) } : null;
    if (gso === GSO_NONE) {
      if (len > maxFrame) return `frame of ${len} bytes exceeds the MTU`;
      const err = csum ? checkTcpCsumOffload(frame, csum.start, csum.offset, len) : null;
      if (err) return err;
      return { gso, frame, payload, csum, plan: { ipHlen: 0, hdrEnd: len, dataLen: 0, mss: 0, segments: 1 } };
    }
    if (gso & GSO_ECN || gso !== GSO_TCPV4) return `gso_type ${gso} not offered`;
    if (!this.tso) return "GSO_TCPV4 without the TSO feature";
    if (len > ETH_HLEN + IP_HLEN + TCP_HLEN + MAX_TSO) return `TSO packet of ${len} bytes`;
    const plan = tsoPlan(frame, gsoSize, len);
    if (typeof plan === "string") return plan;
    if (plan.hdrEnd + Math.min(plan.mss, plan.dataLen) > maxFrame) return `gso_size ${gsoSize} makes frames longer than the MTU`;
    return { gso, frame, payload, csum, plan };
  }

  /** Put a packet's wire frames on the TX link one after another (each crosses it in turn); the
   *  peer gets the whole packet at the last one's arrival (GRO: one TSO packet is one segment for
   *  the host's TCP), its checksums trusted when the device was asked to fill them in. With a
   *  pcap the frames are cut and checksummed for real, as they would be on the wire. */
  private wireTx(p: TxPacket, now: number): number {
    const { frame, plan } = p;
    const start = Math.max(now, this.txFree);
    let busy = 0;                                  // ns the link is busy, summed per frame as cross() does
    if (this.pcap) {
      for (let i = 0, left = plan.dataLen; i < plan.segments; i++, left -= plan.mss) {
        busy += this.crossNs(plan.hdrEnd + Math.min(plan.mss, left));
        this.recordTx(p, i, start + busy + this.timing.latencyNs);
      }
    } else if (plan.segments > 1) {                // all full but the last: the same sum, in closed form
      busy = (plan.segments - 1) * this.crossNs(plan.hdrEnd + plan.mss) + this.crossNs(plan.hdrEnd + plan.dataLen - (plan.segments - 1) * plan.mss);
    } else busy = this.crossNs(plan.hdrEnd + plan.dataLen);
    this.stats.txFrames += plan.segments; this.stats.txBytes += plan.segments * plan.hdrEnd + plan.dataLen;
    this.txFree = start + busy;
    const arrive = this.txFree + this.timing.latencyNs;
    const offload = p.csum !== null || plan.mss > 0;
    if (offload && this.fill) fillTcpChecksum(frame, p.csum?.start ?? ETH_HLEN + plan.ipHlen, p.csum?.offset ?? 16);
    const info = this.rxInfo;                      // (the peer reads it during the call only)
    info.csumOk = offload && !this.fill; info.gso = plan.mss > 0; info.segments = plan.segments; info.payload = p.payload;
    this.peer.input(frame, info);
    info.payload = undefined;
    this.fromPeer(arrive);
    return arrive;
  }
  private rxInfo: RxInfo = { csumOk: false, gso: false, segments: 1, payload: undefined };

  /** Record wire frame i of a packet in the pcap, with the checksums the device would have put in. */
  private recordTx(p: TxPacket, i: number, arrive: number): void {
    if (p.plan.mss === 0) {
      if (i === 0 && p.csum) fillTcpChecksum(p.frame, p.csum.start, p.csum.offset);
      this.pcap!.record(p.frame, BigInt(arrive));
      return;
    }
    if (i === 0) p.wire = tsoSegment(p.frame, p.plan.mss) as Uint8Array[];
    this.pcap!.record(p.wire![i], BigInt(arrive));
  }

  /** ns a frame of `bytes` keeps a link busy (integer division, as the virtual clock counts). */
  private crossNs(bytes: number): number {
    const bw = this.timing.bytesPerUs, x = bytes * 1000;
    return (x - (x % bw)) / bw;
  }

  /** When a frame of `bytes` put on the RX link at t arrives; the link stays busy while it crosses. */
  private cross(bytes: number, t: number): number {
    this.rxFree = Math.max(t, this.rxFree) + this.crossNs(bytes);
    return this.rxFree + this.timing.latencyNs;
  }

  // ---- receive ----

  /** The peer's queued frames enter the RX link at t. */
  private fromPeer(t: number): void {
    const frames = this.peer.output();
    for (let i = 0; i < frames.length; i++) {
      const frame = frames[i], arriveNs = this.cross(frame.length, t);
      if (this.pcap) this.pcap.record(frame, BigInt(arriveNs));
      const w = this.wireSpare.pop();
      if (w) { w.frame = frame; w.arriveNs = arriveNs; this.rxWire.push(w); } else this.rxWire.push({ frame, arriveNs });
    }
  }

  /** Take the buffers the driver posted; a chain that is not all device-writable completes empty. */
  private refillRx(): void {
    const q = this.queues[RXQ];
    if (!q) return;
    for (;;) {
      const spare = this.rxSpare.pop() ?? { chain: { head: 0, descs: [] }, postedNs: 0, capacity: 0 };
      const c = q.popAvail(spare.chain);
      if (!c) { this.rxSpare.push(spare); return; }
      if (c.head < 0) { this.rxSpare.push(spare); this.fault(`RX: ${c.error}`); continue; }
      const error = c.error ?? (c.descs.some((d) => !(d.flags & VRING_DESC_F_WRITE)) ? "RX buffer not device-writable" : undefined);
      if (error) {
        this.rxSpare.push(spare);
        this.stats.rxErrors++;
        const at = BigInt(this.nowNs);
        this.pend(RXQ, c.head, 0, this.nowNs, this.keep ? { queue: RXQ, head: c.head,
          bytes: 0, frames: [], descs: [], wire: 0, gso: GSO_NONE, submitNs: at, doneNs: at, error } : null);
        continue;
      }
      let capacity = 0;
      for (const d of c.descs) capacity += d.len;
      spare.postedNs = this.nowNs; spare.capacity = capacity;
      this.rxBufs.push(spare);
    }
  }

  /** One frame into one posted buffer: the header, then the frame (one DMA); false if dropped unseen. */
  private deliver(w: WireFrame, buf: RxBuf): boolean {
    const check = frameCheck(w.frame);
    if (check === "bad") { this.stats.rxBad++; this.rxBufs.unshift(buf); return false; }
    const at = Math.max(w.arriveNs, buf.postedNs);
    const total = NET_HDR_SIZE + w.frame.length;
    if (total > buf.capacity) {
      this.stats.rxDropped++;
      this.faults.push(`RX: frame of ${w.frame.length} bytes does not fit a ${buf.capacity}-byte buffer: dropped`);
      this.rxBufs.unshift(buf);
      return false;
    }
    const ram = this.ramBytes(), d0 = buf.chain.descs[0];
    if (d0.len >= total) {                                  // one buffer takes it all: write it in place
      writeRxHeader(ram, d0.addr, check === "tcp");
      ram.set(w.frame, d0.addr + NET_HDR_SIZE);
    } else {                                                // scattered: staged, then buffer by buffer
      const pkt = total <= this.rxBuf.length ? this.rxBuf.subarray(0, total) : new Uint8Array(total);
      writeRxHeader(pkt, 0, check === "tcp");
      pkt.set(w.frame, NET_HDR_SIZE);
      for (let off = 0, i = 0; off < total; i++) {
        const d = buf.chain.descs[i], n = Math.min(d.len, total - off);
        ram.set(pkt.subarray(off, off + n), d.addr);
        off += n;
      }
    }
    const descs: { addr: number; len: number }[] | null = this.keep ? [] : null;
    for (let off = 0, i = 0; descs && off < total; i++) {
      const d = buf.chain.descs[i], n = Math.min(d.len, total - off);
      descs.push({ addr: d.addr, len: n });
      off += n;
    }
    this.stats.rxFrames++; this.stats.rxBytes += w.frame.length;
    const t = descs ? BigInt(at) : 0n;
    this.pend(RXQ, buf.chain.head, total, at, descs ? { queue: RXQ,
      head: buf.chain.head, bytes: total, frames: framesOf(descs), descs, wire: 1, gso: GSO_NONE, submitNs: t, doneNs: t } : null);
    this.rxSpare.push(buf);
    return true;
  }

  /** Guest RAM as bytes (one view, made again only if the memory grew: that detaches the old
   *  buffer, whose length then reads 0). */
  private ramBytes(): Uint8Array {
    if (this.ram8 === null || this.ram8.buffer.byteLength === 0) this.ram8 = new Uint8Array(this.ram.buffer);
    return this.ram8;
  }

  /** A used entry waiting for its interrupt (records reused: one per packet and per ACK otherwise). */
  private pend(queue: number, head: number, usedLen: number, doneNs: number, req: NetRequest | null): void {
    const p = this.dueSpare.pop();
    if (!p) { this.due.push({ queue, head, usedLen, doneNs, req }); return; }
    p.queue = queue; p.head = head; p.usedLen = usedLen; p.doneNs = doneNs; p.req = req;
    this.due.push(p);
  }

  private advance(now: number): void { if (now > this.nowNs) this.nowNs = now; }

  private fault(msg: string): false { this.faults.push(msg); return false; }
}

/** A received frame's virtio_net_hdr at b[at]: DATA_VALID for a TCP segment (its checksums were
 *  checked), num_buffers 1 (le16), the rest 0. */
function writeRxHeader(b: Uint8Array, at: number, tcp: boolean): void {
  b.fill(0, at, at + NET_HDR_SIZE);
  if (tcp) b[at] = NET_HDR_F_DATA_VALID;
  b[at + 10] = 1;
}

/** The payload's buffers (descs after the first) as views of RAM, lent to the peer in `out` (the
 *  NIC's one list, filled again per packet); buffers that follow each other in RAM (page-cache
 *  pages usually do) make one view. */
function lend(descs: Desc[], ram: Uint8Array, out: Uint8Array[]): Uint8Array[] {
  while (out.length > 0) out.pop();              // (the list of the packet before, done with)
  for (let i = 1; i < descs.length;) {
    const at = descs[i].addr;
    let end = at + descs[i].len;
    for (i++; i < descs.length && descs[i].addr === end; i++) end += descs[i].len;
    out.push(ram.subarray(at, end));
  }
  return out;
}
