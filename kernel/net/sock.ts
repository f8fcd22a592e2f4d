// Sockets: a table of records in the kernel area, each with a send queue and a receive queue of
// fragments {frame, offset, length} in a frame of its own (Linux's skb page fragments). A send
// fragment may be a socket page filled by copy_from_user, a page-cache page (sendfile with SG), or
// a pinned user page (MSG_ZEROCOPY); a receive fragment is the payload inside a received frame.
//
//   socket record (SOCK_SIZE bytes), then its two queues, each a ring filling a frame of its own:
//   sframe  send ring   NFRAG x { u32 pfn, u32 off, u32 len, u32 zcid }   (4096 bytes)
//   qframe  recv ring   NFRAG x { u32 pfn, u32 off, u32 len, u32 pad }
//
// Interface: Sock, Frag, sockInit(base), sockAlloc() -> index or -1, sockAt(i), sockIndex(s),
// sockFree(i), sockChan(i), frag helpers sfrag(s, i) / rfrag(s, i), sfragPush(s, pfn, off, len, zcid)
// (queue data, charged to the calling syscall), sockFind(lport, raddr, rport)
// (connection, then listener), portInUse(port), sndSpace(s), netBusy(), isOrphan(s); sockTop():
// every used socket's index is below it (the scans done per packet and per schedule stop there);
// sockCount() -> sockets allocated.
import { Owner } from "../abi/layout";
import { kput, pa } from "../kalloc";
import { allocFrame } from "../pagecache";
import { panic } from "../panic";
import { curSys } from "../stats";
import { curCause } from "../trace";

export const NSOCK: i32 = 64;
export const SOCK_SIZE: usize = 256;
export const NFRAG: u32 = 256;
export const SOCK_CHAN: u32 = 0xfe000000;    // sleep channel base: SOCK_CHAN | index

// TCP states
export const CLOSED: u32 = 0;
export const LISTEN: u32 = 1;
export const SYN_SENT: u32 = 2;
export const SYN_RCVD: u32 = 3;
export const ESTABLISHED: u32 = 4;
export const FIN_WAIT1: u32 = 5;
export const FIN_WAIT2: u32 = 6;
export const CLOSE_WAIT: u32 = 7;
export const CLOSING: u32 = 8;
export const LAST_ACK: u32 = 9;
export const TIME_WAIT: u32 = 10;

@unmanaged export class Sock {
  used: u32;
  state: u32;
  lport: u32;
  rport: u32;
  raddr: u32;
  iss: u32;          // initial send sequence
  sndUna: u32;       // oldest unacknowledged
  sndNxt: u32;       // next to send
  sndEnd: u32;       // sequence after the last byte queued
  sndWnd: u32;       // peer's window
  rcvNxt: u32;
  rcvBytes: u32;     // bytes waiting in the receive queue
  sndbuf: u32;
  rcvbuf: u32;
  qframe: u32;       // frame number of the receive ring
  sframe: u32;       // frame number of the send ring
  sHead: u32; sTail: u32;    // send ring (free-running indices)
  rHead: u32; rTail: u32;    // receive ring
  finQueued: u32;    // our FIN is due after the data (close / shutdown(SHUT_WR))
  finSent: u32;
  peerFin: u32;      // the peer sent FIN: reads past the data return 0
  err: u32;          // pending error (ECONNREFUSED, ECONNRESET, EPIPE ...)
  parent: i32;       // the listener a child connection came from (-1 none)
  backlog: u32;      // listener: max pending
  nodelay: u32;
  zerocopy: u32;     // SO_ZEROCOPY
  zcNext: u32;       // next MSG_ZEROCOPY send id
  zcLo: u32; zcHi: u32; zcPending: u32;   // completed range not yet reported on the error queue
  zcCode: u32;       // ... and its ee_code (SO_EE_CODE_ZEROCOPY_COPIED when the send was copied)
  fileRefs: u32;     // open files referring to it (0: closed by the user, freed when done)
  acceptHead: u32; acceptTail: u32;       // listener: ring of child indices in accq
  sndShut: u32;
  bound: u32;
  sHeadSeq: u32;     // sequence number of the first byte of the head send fragment
  sCur: u32;         // a send fragment at or before the one holding sndNxt (output's walk starts
  sCurSeq: u32;      //   there, not at the head of what is in flight) and its first byte's sequence
  ackPending: u32;   // bytes arrived that we have not acknowledged yet
  qSys: i32;         // the syscall that queued the newest data (its segments' DMA is counted under it)
  qCause: u32;       // ... and its trace seq (both set by sfragPush)
  laddr: u32;        // the address bound to: 0 (INADDR_ANY) or GUEST_IP; getsockname of an unconnected socket
  resetDone: u32;    // the peer reset the connection: sends after the error was reported are EPIPE
  rcvAdv: u32;       // the right edge of the window we offered (rcvNxt + window): it never moves left
  sndWscale: u32;    // the peer's window scale (RFC 7323): its window fields count 2^sndWscale bytes
  orphanAt: u64;     // closed by the user, not yet ended: aborted at this virtual time (0: no timer)
  finSys: i32;       // the syscall that queued our FIN (close, shutdown): a bare FIN's DMA is counted under it
  finCause: u32;     // ... and its trace seq
  ackAt: u64;        // a delayed ACK of ackPending bytes leaves at this virtual time if no data carries it first (0: none)
  corkAt: u64;       // the last send said MSG_MORE: a partial last segment waits until a send without it, or this time (0: not corked)
  lrcvAt: u64;       // when data last came (or the connection was established): Linux's icsk_ack.lrcvtime
  quick: u8;         // segments still acknowledged at once (quick-ACK mode, Linux's icsk_ack.quick; <= 16)
  pingpong: u8;      // we answered within the delayed-ACK time: an interactive connection, ACKs wait for our data
  ackStarted: u8;    // data has come on this connection (Linux's icsk_ack.ato != 0)
  txQueued: u8;      // its data packets in the NIC's transmit queue, not yet completed (autocorking; <= VQ_SIZE)
  sndSml: u32;       // the end of the last segment sent shorter than a full MSS (Minshall's Nagle, Linux's snd_sml)
}
export const ACCQ: usize = 240;              // offset of the accept ring (16 x u8) in the record

let base: usize = 0;
let top: i32 = 0;                            // one past the highest used slot
let inUse: i32 = 0;                          // sockets allocated
export function sockTop(): i32 { return top; }
export function sockCount(): i32 { return inUse; }
export function sockInit(a: usize): void {
  if (offsetof<Sock>() > ACCQ) panic("sockInit: the socket record overlaps its accept ring");
  base = a; memory.fill(a, 0, <usize>NSOCK * SOCK_SIZE);
}
@inline export function sockAt(i: i32): Sock { return changetype<Sock>(base + <usize>i * SOCK_SIZE); }
@inline export function sockChan(i: i32): u32 { return SOCK_CHAN | <u32>i; }
export function sockIndex(s: Sock): i32 { return <i32>((changetype<usize>(s) - base) / SOCK_SIZE); }

export function sockAlloc(): i32 {
  for (let i = 0; i < NSOCK; i++) {
    const s = sockAt(i);
    if (s.used) continue;
    const q = allocFrame(Owner.socket);
    if (q == 0) return -1;
    const sq = allocFrame(Owner.socket);
    if (sq == 0) { kput(q); return -1; }
    memory.fill(changetype<usize>(s), 0, SOCK_SIZE);
    s.used = 1; s.qframe = q; s.sframe = sq; s.parent = -1; s.qSys = -1; s.finSys = -1;
    s.sndbuf = 524288; s.rcvbuf = 131072;
    if (i >= top) top = i + 1;
    inUse++;
    return i;
  }
  return -1;
}

export function sockFree(i: i32): void {
  const s = sockAt(i);
  while (s.sHead != s.sTail) { kput(sfrag(s, s.sHead).pfn); s.sHead++; }
  while (s.rHead != s.rTail) { kput(rfrag(s, s.rHead).pfn); s.rHead++; }
  kput(s.qframe); kput(s.sframe);
  s.used = 0;
  inUse--;
  while (top > 0 && !sockAt(top - 1).used) top--;
}

@unmanaged export class Frag { pfn: u32; off: u32; len: u32; zcid: u32; }
export const ZC_COPIED: u32 = 0x80000000;     // zcid flag: a MSG_ZEROCOPY send that was copied (no SG)
export { SO_EE_CODE_ZEROCOPY_COPIED } from "../abi/socket";
@inline export function sfrag(s: Sock, i: u32): Frag { return changetype<Frag>(pa(s.sframe) + <usize>(i % NFRAG) * 16); }
// Append a fragment to the send queue: the call doing it (curSys) is the one its transmission is
// charged to, whenever the segment goes out (docs/architecture.md, "Counting and tracing").
export function sfragPush(s: Sock, pfn: u32, off: u32, len: u32, zcid: u32): void {
  const fr = sfrag(s, s.sTail++);
  fr.pfn = pfn; fr.off = off; fr.len = len; fr.zcid = zcid;
  s.qSys = curSys; s.qCause = curCause;
}
@inline export function rfrag(s: Sock, i: u32): Frag { return changetype<Frag>(pa(s.qframe) + <usize>(i % NFRAG) * 16); }

export function sockFind(lport: u32, raddr: u32, rport: u32): i32 {
  let listener = -1;
  for (let i = 0; i < top; i++) {
    const s = sockAt(i);
    if (!s.used || s.lport != lport) continue;
    if (s.state == LISTEN) { listener = i; continue; }
    if (s.state != CLOSED && s.raddr == raddr && s.rport == rport) return i;
  }
  return listener;
}

export function portInUse(port: u32): bool {
  for (let i = 0; i < NSOCK; i++) { const s = sockAt(i); if (s.used && s.bound && s.lport == port) return true; }
  return false;
}

// Connections still open or with data not yet acknowledged (the host lets them finish after exit).
export function netBusy(): i32 {
  let n = 0;
  for (let i = 0; i < NSOCK; i++) {
    const s = sockAt(i);
    if (s.used && s.state != CLOSED && s.state != LISTEN) n++;
  }
  return n;
}

// Closed by the user and not waiting in a listener's accept queue: nobody will ever read or write it.
export function isOrphan(s: Sock): bool { return s.fileRefs == 0 && s.parent < 0; }

// Room in the send buffer for new data (none when the fragment ring is nearly full).
export function sndSpace(s: Sock): u32 {
  const queued = s.sndEnd - s.sHeadSeq;
  if (s.sTail - s.sHead >= NFRAG - 2) return 0;
  return s.sndbuf > queued ? s.sndbuf - queued : 0;
}
