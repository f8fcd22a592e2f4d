// virtio-net driver. Two queues (abi/net.ts): receive buffers the device fills, and transmit chains
// (header slot + payload pieces) it gathers. One chain = one DMA transfer, counted when its
// completion interrupt arrives and attributed to the syscall that queued it. Receive buffers are
// whole frames; a received TCP payload stays in its frame, which becomes a socket-queue fragment.
// While netmap owns the NIC (netmap.ts, nicSetNetmap) the stack's nicTxAlloc finds the queue full
// (its packets wait) and the receive queue holds netmap's buffers (nicRxPost: each frame DMAed into
// a netmap slot's buffer, handed to the hook nicOnRx registered); netmap queues with nicTxAllocAny
// and kicks once per sync. A tagged transmission's completion calls the hook its owner registered
// (nicOnTxDone: netmap.ts and pktpool.ts import this driver, not the other way round).
// Transmit interrupts, as Linux's virtio-net asks for them when the device offers EVENT_IDX
// (abi/virtio.ts): after each submit and after each interrupt's reaping, only when 3/4 of the
// chains pending are done; the receive interrupt reaps whatever finished before it (the ACKs of a
// transfer come after its packets' completions), as virtnet_poll_cleantx does.
// Interface: nicInit() -> bool, nicPresent(), nicFeatures(), nicRxPosted() (receive buffers posted), nicTxAlloc(pieces) -> head or -1,
// nicTxAllocAny(pieces), txHdr(head) (the header slot for the caller to fill), nicTxSubmit(head,
// hdrLen, gather or null, kick?, tag?) (tag: TX_NETMAP, TX_PKTPOOL: whose completion; or txSockTag(sock):
// its completion calls tcpTxDone), nicTxKick(),
// nicOnTxDone(tag, hook), nicSetNetmap(on) (resets the receive queue: the stack's buffers go back,
// or come back), nicRxPost(slot, bufAddr, size) (a netmap RX buffer), nicRxKick(), nicOnRx(hook), nicNetmap(),
// nicDropped(), nicResume() (the stack's senders try again),
// Gather (the caller's list of payload pieces) with gatherClear/gatherAdd/gatherPiece, nicIrq(), nicTxFree()
// (received frames go to ip.ts's netRx).
import { Stat, Owner, PAGE_SHIFT } from "../abi/layout";
import { Ev, Routine, Place } from "../abi/trace";
import { Dev, VRING_DESC_F_NEXT, VRING_DESC_F_WRITE, VQ_SIZE, VQ_AVAIL, VQ_SETUP_EVENT_IDX } from "../abi/virtio";
import { RXQ, TXQ, RX_BUF_SIZE, NetConfig, NetFeature, NET_HDR_SIZE } from "../abi/net";
import { Vq, vqInit, vqAlloc, vqDesc, vqNext, vqSubmit, vqUsed, vqFree, vqWantsKick, vqArmDelayed } from "../virtq";
import { kalloc, kput, kget, pa, frame } from "../kalloc";
import { allocFrame } from "../pagecache";
import { GFP_NORETRY, GFP_NOZERO } from "../oom";
import { hostVirtioSetup, hostVirtioNotify, hostVirtioConfig } from "../host";
import { countDma } from "../copy";
import { statAdd, curSys } from "../stats";
import { nextSeq, traceEmit, curCause, setCause } from "../trace";
import { panic } from "../panic";
import { netRx } from "./ip";
import { tcpOutput, tcpTxDone, flushCtl } from "./tcp";
import { sockAt, sockTop } from "./sock";

// A gather list: the payload of one packet as pieces { u32 pfn, u32 off, u32 len } after this
// header. It belongs to the caller that builds it (docs/architecture.md, "Who owns a buffer").
@unmanaged export class Gather {
  n: u32;           // pieces
  bytes: u32;       // their total length
}
export const GATHER_MAX: u32 = 24;
const PIECE: usize = 12;
export const GATHER_SIZE: i32 = <i32>(offsetof<Gather>() + <usize>GATHER_MAX * PIECE);
@inline function piece(g: Gather, i: u32): usize { return changetype<usize>(g) + offsetof<Gather>() + <usize>i * PIECE; }

export function gatherClear(g: Gather): void { g.n = 0; g.bytes = 0; }

// Piece i of `g`: { u32 pfn, u32 off, u32 len } (the loopback interface copies them).
export function gatherPiece(g: Gather, i: u32): usize { return piece(g, i); }

// With `join`, a piece that starts a page and follows the last piece in RAM (that piece ended its
// page: page-cache pages allocated one after another) lengthens it instead (one descriptor for the
// NIC, as a driver maps physically contiguous fragments); a piece then spans whole pages after its
// first, and holds one reference on each page it spans (nicTxSubmit, txDone). Only a caller that
// allocates its descriptors after gathering (gather.n) may join.
export function gatherAdd(g: Gather, pfn: u32, off: u32, len: u32, join: bool = false): void {
  if (join && g.n > 0 && off == 0) {
    const last = piece(g, g.n - 1);
    if (pa(load<u32>(last)) + <usize>load<u32>(last + 4) + <usize>load<u32>(last + 8) == pa(pfn)) {
      store<u32>(last + 8, load<u32>(last + 8) + len);
      g.bytes += len;
      return;
    }
  }
  if (g.n >= GATHER_MAX) panic("gatherAdd: list full");
  const e = piece(g, g.n++);
  store<u32>(e, pfn); store<u32>(e + 4, off); store<u32>(e + 8, len);
  g.bytes += len;
}

// The frames of [addr, addr + len): one reference taken (hold) or dropped on each.
function pagesRef(addr: usize, len: u32, hold: bool): void {
  const last = <u32>((addr + <usize>len - 1) >>> PAGE_SHIFT);
  for (let p = <u32>(addr >>> PAGE_SHIFT); p <= last; p++) { if (hold) kget(p); else kput(p); }
}
const HDR_SLOT: usize = 128;                              // header bytes per transmit slot
// Per transmit head: +0 cause u32, +4 sys i32, +8 bytes u32, +12 pieces u32 (| a tag | txSockTag)
const TXREC: usize = 16;
export const TX_NETMAP: u32 = 1 << 31;     // a netmap slot's packet: its completion frees a slot
export const TX_PKTPOOL: u32 = 1 << 30;    // a packet ring's frame: its completion makes it available
const TX_TAGS: u32 = TX_NETMAP | TX_PKTPOOL;
const TX_PIECES: u32 = 0xffff;                    // the pieces' count; bits 16-23: the sending socket + 1 (txSockTag)
export function txSockTag(sock: i32): u32 { return <u32>(sock + 1) << 16; }
function noHook(): void {}
let netmapDone: () => void = noHook;
let pktpoolDone: () => void = noHook;
let netmapMode = false;
let dropped: u32 = 0;          // frames received while netmap had the NIC: dropped

export function nicOnTxDone(tag: u32, hook: () => void): void {
  if (tag == TX_NETMAP) netmapDone = hook; else if (tag == TX_PKTPOOL) pktpoolDone = hook;
}
let netmapRx: (slot: u32, len: u32) => void = noRx;
function noRx(slot: u32, len: u32): void {}
const rxSlot: usize = memory.data(VQ_SIZE * 4);   // per RX head: netmap slot + 1 (0: one of the stack's frames)

export function nicOnRx(hook: (slot: u32, len: u32) => void): void { netmapRx = hook; }

// Entering or leaving netmap mode resets the receive queue (as netmap's drivers reinitialise their
// rings): the device forgets the buffers posted, the stack's frames are freed; leaving, they are posted again.
export function nicSetNetmap(on: bool): void {
  netmapMode = on;
  for (let i = rxq.lastUsed; i != rxq.availIdx; i++) {
    const h = <u32>load<u16>(rxq.base + VQ_AVAIL + 4 + <usize>(i % <u32>VQ_SIZE) * 2);
    if (load<u32>(rxSlot + <usize>h * 4) == 0) kput(<u32>(load<u64>(rxq.base + <usize>h * 16) >>> PAGE_SHIFT));
  }
  memory.fill(rxSlot, 0, VQ_SIZE * 4);
  vqInit(rxq, rxq.base);
  hostVirtioSetup(Dev.net, RXQ, rxq.base);
  nic.rxPosted = 0;
  refillRx();
}

// A netmap RX buffer: the device writes the virtio_net_hdr into its last NET_HDR_SIZE bytes and the
// frame at its start (a chain of two descriptors in the same buffer), so the frame is where netmap puts it.
export function nicRxPost(slot: u32, buf: usize, size: u32): bool {
  const h = vqAlloc(rxq, 2);
  if (h < 0) return false;
  vqDesc(rxq, <u32>h, <u64>(buf + size - NET_HDR_SIZE), NET_HDR_SIZE, VRING_DESC_F_WRITE | VRING_DESC_F_NEXT);
  vqDesc(rxq, vqNext(rxq, <u32>h), <u64>buf, size - NET_HDR_SIZE, VRING_DESC_F_WRITE);
  store<u32>(rxSlot + <usize>h * 4, slot + 1);
  vqSubmit(rxq, <u32>h);
  return true;
}
// Only when the device asks for it: not while it holds posted buffers (VRING_USED_F_NO_NOTIFY).
export function nicRxKick(): void { if (vqWantsKick(rxq)) hostVirtioNotify(Dev.net, RXQ); }
export function nicNetmap(): bool { return netmapMode; }
export function nicDropped(): u32 { return dropped; }

@unmanaged class Nic {
  present: u32;
  features: u32;
  hdrs: usize;      // header slots 0..31 (one frame)
  hdrs2: usize;     // header slots 32..63
  txrec: usize;     // VQ_SIZE transmit records
  rxPosted: u32;
  eventIdx: u32;   // the transmit queue runs with EVENT_IDX
}
const nic = changetype<Nic>(memory.data(offsetof<Nic>()));
const rxq = changetype<Vq>(memory.data(offsetof<Vq>()));
const txq = changetype<Vq>(memory.data(offsetof<Vq>()));
const RX_TARGET: u32 = 32;     // receive buffers kept posted

export function nicPresent(): bool { return nic.present != 0; }
export function nicFeatures(): u32 { return nic.features; }
export function nicRxPosted(): u32 { return nic.rxPosted; }
export function txHdr(head: u32): usize {
  return (head < 32 ? nic.hdrs : nic.hdrs2) + <usize>(head & 31) * HDR_SLOT;
}

function kframe(): usize {
  const f = kalloc(Owner.kernel);
  if (f == 0) panic("nicInit: no memory");
  return pa(f);
}

export function nicInit(): bool {
  if (hostVirtioConfig(Dev.net, NetConfig.present) <= 0) return false;
  nic.features = <u32>hostVirtioConfig(Dev.net, NetConfig.features);
  vqInit(rxq, kframe()); vqInit(txq, kframe());
  nic.hdrs = kframe(); nic.hdrs2 = kframe(); nic.txrec = kframe();
  hostVirtioSetup(Dev.net, RXQ, rxq.base);
  nic.eventIdx = (nic.features & NetFeature.eventIdx) != 0 ? 1 : 0;
  hostVirtioSetup(Dev.net, nic.eventIdx ? TXQ | VQ_SETUP_EVENT_IDX : TXQ, txq.base);
  nic.present = 1;
  refillRx();
  return true;
}

function refillRx(): void {
  if (netmapMode) return;                              // netmap posts its own buffers
  let posted = false;
  while (nic.rxPosted < RX_TARGET) {
    const f = allocFrame(Owner.socket, GFP_NORETRY | GFP_NOZERO);   // interrupt context: never the OOM
                                                     //   killer; the device writes what is read
    if (f == 0) break;                                   // the slot stays empty until a later refill
    const h = vqAlloc(rxq, 1);
    if (h < 0) { kput(f); break; }
    vqDesc(rxq, <u32>h, <u64>pa(f), RX_BUF_SIZE, VRING_DESC_F_WRITE);
    vqSubmit(rxq, <u32>h);
    nic.rxPosted++;
    posted = true;
  }
  if (posted) nicRxKick();
}

// Queue one packet: the header in txHdr(head) (filled by the caller through the returned head),
// then the payload pieces of `g` (null: none). Each piece's frame is held until the transmit completes.
export function nicTxAlloc(n: u32): i32 { return netmapMode ? -1 : vqAlloc(txq, n + 1); }
export function nicTxAllocAny(n: u32): i32 { return vqAlloc(txq, n + 1); }
export function nicTxKick(): void { hostVirtioNotify(Dev.net, TXQ); }

export function nicTxSubmit(head: u32, hdrLen: u32, g: Gather | null, kick: bool = true, tag: u32 = 0): void {
  const n: u32 = g ? g.n : 0, bytes: u32 = g ? g.bytes : 0;
  vqDesc(txq, head, <u64>txHdr(head), hdrLen, n > 0 ? VRING_DESC_F_NEXT : 0);
  let d = head;
  for (let i: u32 = 0; i < n; i++) {
    d = vqNext(txq, d);
    const e = piece(changetype<Gather>(g), i);
    const pfn = load<u32>(e), off = load<u32>(e + 4), len = load<u32>(e + 8);
    pagesRef(pa(pfn) + off, len, true);
    vqDesc(txq, d, <u64>(pa(pfn) + off), len, i + 1 < n ? VRING_DESC_F_NEXT : 0);
  }
  const r = nic.txrec + <usize>head * TXREC;
  store<u32>(r, curCause); store<i32>(r + 4, curSys); store<u32>(r + 8, hdrLen + bytes); store<u32>(r + 12, n | tag);
  vqSubmit(txq, head);
  if (nic.eventIdx) vqArmDelayed(txq);
  if (kick) hostVirtioNotify(Dev.net, TXQ);
}

export function nicTxFree(): u32 { return txq.nfree; }

// Interrupt: transmit completions (count the DMA, drop the held frames), then received frames.
export function nicIrq(): void {
  statAdd(Stat.irqs, 1);
  const s = nextSeq();
  traceEmit(s, Ev.irq, Dev.net, 0, 0, 0, 0, 0, 0);
  for (let h = vqUsed(txq); h >= 0; h = vqUsed(txq)) txDone(<u32>h);
  if (nic.eventIdx) vqArmDelayed(txq);
  nicResume();
  const saved = curCause;
  for (let h = vqUsed(rxq); h >= 0; h = vqUsed(rxq)) {
    const addr = <usize>load<u64>(rxq.base + <usize>h * 16);
    const len = usedLen(rxq), slot = load<u32>(rxSlot + <usize>h * 4);
    const frameAt = slot != 0 ? <usize>load<u64>(rxq.base + <usize>vqNext(rxq, <u32>h) * 16) : addr;
    vqFree(rxq, <u32>h);
    store<u32>(rxSlot + <usize>h * 4, 0);
    setCause(s);
    if (slot != 0) {                                   // into a netmap buffer: the frame at its start
      countDma(Routine.nic_dma, 0, <u64>frameAt, len, Place.device, Place.frame, -1);
      netmapRx(slot - 1, len > <u32>NET_HDR_SIZE ? len - <u32>NET_HDR_SIZE : 0);
      setCause(saved);
      continue;
    }
    nic.rxPosted--;
    countDma(Routine.nic_dma, 0, <u64>addr, len, Place.device, Place.frame, -1);
    if (netmapMode) { dropped++; kput(<u32>(addr >>> PAGE_SHIFT)); }
    else netRx(<u32>(addr >>> PAGE_SHIFT), len);
    setCause(saved);
  }
  refillRx();
}

// The stack's senders that found the queue full try again (a completion, netmap let the NIC go).
export function nicResume(): void {
  flushCtl();                                                           // control segments that found it full
  for (let i = 0; i < sockTop(); i++) if (sockAt(i).used) tcpOutput(i);   // senders that found the queue full
}

function usedLen(q: Vq): u32 {
  return load<u32>(q.base + 2048 + 4 + <usize>((q.lastUsed - 1) % <u32>VQ_SIZE) * 8 + 4);
}

function txDone(head: u32): void {
  const r = nic.txrec + <usize>head * TXREC;
  const saved = curCause;
  setCause(load<u32>(r));
  const w = load<u32>(r + 12), n = w & TX_PIECES, sock = <i32>((w >>> 16) & 0xff) - 1;
  let d = head, first: u64 = <u64>txHdr(head);
  for (let i: u32 = 0; i < n; i++) {
    d = vqNext(txq, d);
    const a = load<u64>(txq.base + <usize>d * 16);
    if (i == 0) first = a;
    pagesRef(<usize>a, load<u32>(txq.base + <usize>d * 16 + 8), false);
  }
  countDma(Routine.nic_dma, first, 0, load<u32>(r + 8), Place.frame, Place.device, load<i32>(r + 4));
  setCause(saved);
  vqFree(txq, head);
  if (sock >= 0) tcpTxDone(sock);
  if (w & TX_NETMAP) netmapDone();
  if (w & TX_PKTPOOL) pktpoolDone();
}
