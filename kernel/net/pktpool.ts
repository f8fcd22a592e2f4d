// Packet sockets with a transmit ring (Linux's AF_PACKET PACKET_TX_RING): the shared buffer pool
// of the documents (fbufs) as Linux has it today. socket(AF_PACKET, SOCK_RAW) gives an FT_PACKET
// file; setsockopt(SOL_PACKET, PACKET_TX_RING, struct tpacket_req) makes the ring, frames the kernel
// owns (Owner.pktpool); mmap maps them into the process once. The program writes a whole Ethernet
// frame at TPACKET_DATA of a frame, its length in tp_len, and sets tp_status = TP_STATUS_SEND_REQUEST;
// send(fd, NULL, 0, 0) walks the ring from the kernel's position and hands every such frame to the
// NIC as a DMA chain { zero virtio_net_hdr, the frame's bytes }: no CPU copy, no page pinned per call.
// A frame is TP_STATUS_SENDING until the NIC is done, then TP_STATUS_AVAILABLE again (completions
// come in order). One ring at a time (a second: EBUSY). Linux's checks: block size a multiple of the
// page, frame size at least TPACKET_HDRLEN and a multiple of 16, frames = blocks x frames per block.
// Interface (the socket itself is syssock.ts's packetSocket): pktSetsockopt(p, fi, level, opt, va, len),
// pktSend(p, fi, flags, nonblocking) -> bytes sent, pktPoll(fi), pktClose(fi), pktTxDone() (the driver's completion hook);
// the ring itself (its frames, mmap, the mapping's references) is pktring.ts's.
import { Errno } from "../abi/errno";
import { Stat, PAGE_SIZE, PAGE_SHIFT } from "../abi/layout";
import { Ev } from "../abi/trace";
import { NET_HDR_SIZE, ETH_HLEN, MTU } from "../abi/net";
import { POLLOUT, POLLWRNORM } from "../abi/poll";
import * as A from "../abi/packet";
import { Proc } from "../proc";
import { copyFromUser } from "../copy";
import { statAdd } from "../stats";
import { nextSeq, traceEmit } from "../trace";
import { wakeup, sleepOn, progress, keepProgress, POLL_CHAN } from "../sleep";
import { MSG_DONTWAIT } from "../abi/socket";
import { nicTxAlloc, nicTxSubmit, nicTxKick, txHdr, Gather, GATHER_SIZE, gatherClear, gatherAdd, TX_PKTPOOL, nicOnTxDone } from "./nic";

import { pktRing, ringInit, ringAlloc, frameOff, frameAt, ringPage, pktRelease } from "./pktring";

const ring = pktRing();                 // the packet ring (pktring.ts)
const PKT_CHAN: u32 = 0xffff0004;     // blocking send()s wait here for the NIC to finish the ring
const req: usize = memory.data(<i32>A.TPACKET_REQ_SIZE);
const g = changetype<Gather>(memory.data(GATHER_SIZE));
let hooked = false;

function init(): void {
  ringInit();
  if (!hooked) { nicOnTxDone(TX_PKTPOOL, pktTxDone); hooked = true; }
}

export function pktSetsockopt(p: Proc, fi: i32, level: i32, opt: i32, va: u32, len: u32): i64 {
  init();
  if (level != A.SOL_PACKET) return -Errno.ENOPROTOOPT;
  if (opt == A.PACKET_VERSION) {
    if (len < 4) return -Errno.EINVAL;
    if (copyFromUser(p, req, va, 4) < 0) return -Errno.EFAULT;
    const v = load<i32>(req);
    if (ring.owner == fi) return -Errno.EBUSY;                 // after the ring: Linux's EBUSY
    return v == A.TPACKET_V1 || v == A.TPACKET_V2 ? 0 : -Errno.EINVAL;   // the TX frame layout is the same
  }
  if (opt != A.PACKET_TX_RING) return -Errno.ENOPROTOOPT;
  if (len < A.TPACKET_REQ_SIZE) return -Errno.EINVAL;
  if (copyFromUser(p, req, va, A.TPACKET_REQ_SIZE) < 0) return -Errno.EFAULT;
  if (ring.refs > 0 || ring.busy > 0) return -Errno.EBUSY;
  return ringAlloc(fi, load<u32>(req + A.TP_BLOCK_SIZE), load<u32>(req + A.TP_BLOCK_NR),
    load<u32>(req + A.TP_FRAME_SIZE), load<u32>(req + A.TP_FRAME_NR));
}

// tpacket_snd: every TP_STATUS_SEND_REQUEST frame from the kernel's position on, until one that is
// not (or the NIC's queue is full); the bytes handed to the NIC, or -EINVAL for a frame whose
// length is wrong (marked TP_STATUS_WRONG_FORMAT, as Linux without PACKET_LOSS). Without
// MSG_DONTWAIT (or O_NONBLOCK) it returns once the NIC has finished every frame, as Linux's does
// (packet_read_pending): it sleeps, and goes on with the bytes it had queued kept (progress).
export function pktSend(p: Proc, fi: i32, flags: u32, nb: bool): i64 {
  init();
  if (ring.owner != fi) return -Errno.ENXIO;                 // no ring: Linux would take the buffer
  const before = <u64>progress(p);
  const r = sendFrames();
  if (r < 0) return before > 0 ? <i64>before : r;
  const total = before + <u64>r;
  if (nb || (flags & MSG_DONTWAIT) || ring.busy == 0) return <i64>total;
  keepProgress(p, <u32>total);
  return sleepOn(p, PKT_CHAN);
}

// One pass over the ring: the bytes queued, or -EINVAL.
function sendFrames(): i64 {
  let frames: u32 = 0, bytes: u64 = 0;
  while (ring.busy < ring.frames) {
    const h = frameAt(ring.head);
    if (load<u32>(h + A.TP_STATUS) != A.TP_STATUS_SEND_REQUEST) break;
    const len = load<u32>(h + A.TP_LEN);
    if (len < <u32>ETH_HLEN || len > <u32>(ETH_HLEN + MTU) || len > ring.frameSize - A.TPACKET_DATA) {
      store<u32>(h + A.TP_STATUS, A.TP_STATUS_WRONG_FORMAT);
      if (frames == 0) return -Errno.EINVAL;
      break;
    }
    if (!transmit(ring.head, len)) break;
    store<u32>(h + A.TP_STATUS, A.TP_STATUS_SENDING);
    ring.head = (ring.head + 1) % ring.frames;
    frames++; bytes += len;
  }
  if (frames == 0) return 0;
  nicTxKick();
  statAdd(Stat.pktpoolSends, frames);
  traceEmit(nextSeq(), Ev.pktpoolSend, 0, frames, bytes, 0, 0, 0, 0);
  return <i64>bytes;
}

// Frame i's data as the NIC's descriptors: one piece per ring page it lies in (a frame may cross a
// page, and the ring's pages are not adjacent in RAM: at most two pieces, as len <= 1514).
function transmit(i: u32, len: u32): bool {
  const o = frameOff(i) + A.TPACKET_DATA, off = o & (PAGE_SIZE - 1);
  const first = min(len, PAGE_SIZE - off);
  const h = nicTxAlloc(first < len ? 2 : 1);
  if (h < 0) return false;
  memory.fill(txHdr(<u32>h), 0, NET_HDR_SIZE);
  gatherClear(g);
  gatherAdd(g, ringPage(o >>> PAGE_SHIFT), off, first);
  if (first < len) gatherAdd(g, ringPage((o >>> PAGE_SHIFT) + 1), 0, len - first);
  nicTxSubmit(<u32>h, NET_HDR_SIZE, g, false, TX_PKTPOOL);
  ring.busy++;
  return true;
}

// A frame the NIC finished: the oldest one it had is the program's again.
export function pktTxDone(): void {
  init();
  if (ring.busy == 0) return;
  if (ring.refs > 0) store<u32>(frameAt(ring.done) + A.TP_STATUS, A.TP_STATUS_AVAILABLE);
  ring.done = (ring.done + 1) % ring.frames;
  ring.busy--;
  if (ring.busy == 0) wakeup(PKT_CHAN);
  wakeup(POLL_CHAN);
}

// POLLOUT when the frame send() looks at next is free (Linux's packet_poll on the TX ring).
export function pktPoll(fi: i32): i32 {
  init();
  if (ring.owner != fi || ring.refs == 0) return POLLOUT | POLLWRNORM;
  return load<u32>(frameAt(ring.head) + A.TP_STATUS) == A.TP_STATUS_AVAILABLE ? POLLOUT | POLLWRNORM : 0;
}

export function pktClose(fi: i32): void {
  init();
  if (ring.owner != fi) return;
  ring.owner = -1;
  pktRelease(ring.gen);
}
