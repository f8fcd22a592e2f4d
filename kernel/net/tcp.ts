// TCP for a lossless, in-order link (the virtual wire): handshake, sequence and acknowledgement,
// the peer's receive window (a full receiver stops the sender; scaled as its SYN says, RFC 7323),
// MSS segmentation or TSO, FIN and RST. Unexpected segments get RST or are dropped and counted. No
// retransmission timers: nothing is ever lost on this wire, which the peer (host side) guarantees.
// As Linux, received data is acknowledged late once the connection is interactive (delayed ACK,
// ackReceived), and a send with MSG_MORE holds a partial last segment until a send without it (or
// 200 ms): a keep-alive server's request and its answer's head and body cost one segment each
// way. A packet is cut as Linux cuts it: whole segments unless it takes the last of the queue,
// whose partial segment waits while an earlier one is unacknowledged (Nagle, Minshall's variant;
// TCP_NODELAY turns it off). The other timer is the orphan's: a connection the user closed ends on the virtual clock
// even if its peer never reads or never closes.
// Interface: tcpInput(pfn, tcpHdr, len, raddr) -> true if the frame was kept (payload queued),
// tcpOutput(i, push?), tcpPush(i) (after a send call: autocorking), tcpTxDone(i), tcpMore(i, more), tcpConnect(i, raddr, rport), tcpClose(i), tcpOrphan(i),
// tcpAbort(i), sendAck(i), rcvWindow(s), windowUpdate(i, before), flushCtl(), tcpTimers(now),
// tcpNextTimer();
// tcpDropped, ctlDropped (segments dropped).
import { PAGE_SHIFT } from "../abi/layout";
import { MSS, MAX_TSO, NetFeature, TCP_HLEN, LOOPBACK_IP, TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK,
  TCPOPT_END, TCPOPT_NOP, TCPOPT_WSCALE, TCP_MAX_WSCALE } from "../abi/net";
import { kput } from "../kalloc";
import { wakeup } from "../sleep";
import { Sock, sockAt, sockTop, sockAlloc, sockFree, sockFind, sockChan, sockIndex, sfrag, rfrag, NFRAG, ACCQ, NSOCK, isOrphan,
  CLOSED, LISTEN, SYN_SENT, SYN_RCVD, ESTABLISHED, FIN_WAIT1, FIN_WAIT2, CLOSE_WAIT, CLOSING, LAST_ACK, TIME_WAIT, ZC_COPIED, SO_EE_CODE_ZEROCOPY_COPIED, sndSpace } from "./sock";
import { buildHeaders, be16, be32, netDropped } from "./ip";
import { nicTxAlloc, nicTxSubmit, txHdr, nicFeatures, Gather, GATHER_SIZE, gatherClear, gatherAdd, txSockTag } from "./nic";
import { loXmit, loDrain } from "./loopback";
import { Errno } from "../abi/errno";
import { curSys, setCurSys } from "../stats";
import { curCause, setCause } from "../trace";
import { clockNow } from "../clock";

export const FIN: u32 = TCP_FIN, SYN: u32 = TCP_SYN, RST: u32 = TCP_RST, PSH: u32 = TCP_PSH, ACK: u32 = TCP_ACK;   // short names
const MAX_PIECES: u32 = 20;
// An orphan (closed by the user, not yet ended) ends on the virtual clock as Linux's do, with RST
// (the peer learns it is gone; the host side has no timers to find out otherwise):
const TCP_ORPHAN_PROBE_NS: u64 = 51_000_000_000;  // its peer keeps the window shut: the zero-window probes
                                                  // run out (tcp_orphan_retries 8, RTO 200 ms doubling)
const TCP_FIN_TIMEOUT_NS: u64 = 60_000_000_000;   // FIN_WAIT2, the peer never closes (tcp_fin_timeout)
const TCP_DELACK_NS: u64 = 40_000_000;            // a delayed ACK waits at most this (Linux's TCP_DELACK_MIN)
const TCP_CORK_NS: u64 = 200_000_000;             // MSG_MORE holds a partial segment at most this (TCP_RTO_MIN)
const TCP_QUICK_GAP_NS: u64 = 200_000_000;        // data after a longer silence is acknowledged quickly again (the RTO)
const TCP_MAX_QUICKACKS: u8 = 16;
export let tcpDropped: u32 = 0;

@inline function seqLt(a: u32, b: u32): bool { return <i32>(a - b) < 0; }
@inline function seqLe(a: u32, b: u32): bool { return <i32>(a - b) <= 0; }

export function rcvWindow(s: Sock): u32 { return s.rcvbuf > s.rcvBytes ? s.rcvbuf - s.rcvBytes : 0; }

// The window to offer: the buffer's room, at most 65535 (no scaling), but never less than was
// offered before: its right edge never moves left (Linux's tcp_select_window), so data the peer
// was allowed to send is taken even if SO_RCVBUF shrank since (nothing would resend it).
function advertise(s: Sock): u32 {
  const w = min(rcvWindow(s), <u32>0xffff);
  if (seqLt(s.rcvAdv, s.rcvNxt + w)) s.rcvAdv = s.rcvNxt + w;
  return s.rcvAdv - s.rcvNxt;
}

// The reader freed room (`before`: the buffer's room before it read): a window update once the room
// grows past 16 KiB, or past half of a smaller buffer (which could otherwise never reopen).
export function windowUpdate(i: i32, before: u32): void {
  const s = sockAt(i), th = min<u32>(16384, s.rcvbuf / 2);
  if (before < th && rcvWindow(s) >= th) sendAck(i);
}

// One segment with no payload (SYN, ACK, FIN, RST ...).
// Control segments (ACK, SYN, SYN-ACK, RST) that found the transmit queue full wait here, in order,
// until transmit completions free descriptors (flushCtl, from the NIC's interrupt), as Linux's
// qdisc queues them: on a wire without retransmission a dropped ACK of a FIN is lost for good.
// Each record: lport, rport, seq, ack, flags, win, cause, syscall (u32 each).
const CTLQ_LEN: u32 = 64;
const CTL_REC: usize = 32;
const ctlq: usize = memory.data(<i32>(CTLQ_LEN * <u32>CTL_REC));
let ctlHead: u32 = 0, ctlTail: u32 = 0;     // free running
export let ctlDropped: u32 = 0;             // the backlog itself was full (64 segments)

function sendCtl(raddr: u32, lport: u32, rport: u32, seq: u32, ack: u32, flags: u32, win: u32): void {
  if (raddr == LOOPBACK_IP) {                 // the loopback interface: no queue to wait for
    if (!loXmit(lport, rport, seq, ack, flags, win, null, (flags & SYN) ? 4 : 0)) ctlDropped++;
    return;
  }
  if (ctlHead == ctlTail && transmitCtl(lport, rport, seq, ack, flags, win)) return;
  if (ctlTail - ctlHead >= CTLQ_LEN) { ctlDropped++; return; }
  const r = ctlq + <usize>(ctlTail++ % CTLQ_LEN) * CTL_REC;
  store<u32>(r, lport); store<u32>(r + 4, rport); store<u32>(r + 8, seq); store<u32>(r + 12, ack);
  store<u32>(r + 16, flags); store<u32>(r + 20, win); store<u32>(r + 24, curCause); store<i32>(r + 28, curSys);
}

function transmitCtl(lport: u32, rport: u32, seq: u32, ack: u32, flags: u32, win: u32): bool {
  const h = nicTxAlloc(0);
  if (h < 0) return false;
  const len = buildHeaders(txHdr(<u32>h), lport, rport, seq, ack, flags, win, 0, (flags & SYN) ? 8 : 0, false);
  nicTxSubmit(<u32>h, len, null);
  return true;
}

// Send the waiting control segments while descriptors are free, each under its own cause.
export function flushCtl(): void {
  const cause = curCause, sys = curSys;
  while (ctlHead != ctlTail) {
    const r = ctlq + <usize>(ctlHead % CTLQ_LEN) * CTL_REC;
    setCause(load<u32>(r + 24)); setCurSys(load<i32>(r + 28));
    const ok = transmitCtl(load<u32>(r), load<u32>(r + 4), load<u32>(r + 8), load<u32>(r + 12), load<u32>(r + 16), load<u32>(r + 20));
    if (!ok) break;
    ctlHead++;
  }
  setCause(cause); setCurSys(sys);
}

export function sendAck(i: i32): void {
  const s = sockAt(i);
  ackSent(s);
  sendCtl(s.raddr, s.lport, s.rport, s.sndNxt, s.rcvNxt, ACK, advertise(s));
}

// A new connection starts with empty queues: nothing of an earlier one (reset or closed) goes out
// on it or is read from it.
export function tcpConnect(i: i32, raddr: u32, rport: u32): void {
  const s = sockAt(i);
  ackData(s, s.sndEnd);
  while (s.rHead != s.rTail) { kput(rfrag(s, s.rHead).pfn); s.rHead++; }
  s.rcvBytes = 0; s.peerFin = 0; s.finQueued = 0; s.finSent = 0; s.ackPending = 0; s.ackAt = 0; s.corkAt = 0;
  s.quick = 0; s.pingpong = 0; s.ackStarted = 0;
  s.raddr = raddr; s.rport = rport; s.resetDone = 0; s.sndWscale = 0;
  s.iss = 0x10000 * <u32>(i + 1);
  s.sndUna = s.iss; s.sndNxt = s.iss + 1; s.sndEnd = s.iss + 1; s.sHeadSeq = s.iss + 1; s.sndSml = s.iss;
  s.sCur = s.sHead; s.sCurSeq = s.sHeadSeq;
  s.state = SYN_SENT;
  sendCtl(raddr, s.lport, rport, s.iss, 0, SYN, rcvWindow(s));
}

// Payload pieces covering [from, from + n) of the send queue into `g`; returns how many bytes fit.
function gather(s: Sock, from: u32, n: u32, g: Gather): u32 {
  const cur = seqLe(s.sCurSeq, from);
  let seq = cur ? s.sCurSeq : s.sHeadSeq, got: u32 = 0;
  gatherClear(g);
  for (let f = cur ? s.sCur : s.sHead; f != s.sTail && got < n && g.n < MAX_PIECES; f++) {
    const fr = sfrag(s, f);
    const end = seq + fr.len;
    if (seqLe(end, from + got)) { seq = end; continue; }
    if (got == 0) { s.sCur = f; s.sCurSeq = seq; }
    const skip = from + got - seq;
    const take = min(fr.len - skip, n - got);
    gatherAdd(g, fr.pfn, fr.off + skip, take, true);
    got += take; seq = end;
  }
  return got;
}
const txList = changetype<Gather>(memory.data(GATHER_SIZE));   // output()'s, filled and sent in one step

// Send what the window and the queue allow. Each segment is the work of the call that queued what
// it carries, whenever it goes out (at once, when an ACK opens the window in interrupt context, or
// during a later call such as close): data under the call that queued the newest data (sfragPush),
// a bare FIN under the call that queued it (tcpClose). Its DMA is counted under that call.
export function tcpOutput(i: i32, push: bool = false): void {
  const s = sockAt(i);
  if (s.state != ESTABLISHED && s.state != CLOSE_WAIT && s.state != FIN_WAIT1 && s.state != LAST_ACK && s.state != CLOSING) return;
  const sys = curSys, cause = curCause;
  output(s, push);
  setCurSys(sys); setCause(cause);
}

// The call a segment is charged to: the data's, or for a bare FIN the FIN's.
function chargeSegment(s: Sock, data: bool): void {
  if (data || s.finSys < 0) { setCurSys(s.qSys); setCause(s.qCause); }
  else { setCurSys(s.finSys); setCause(s.finCause); }
}

function output(s: Sock, push: bool = false): void {
  const lo = s.raddr == LOOPBACK_IP;
  const tso = (nicFeatures() & NetFeature.tso) != 0 && !lo;
  for (;;) {
    const inflight = s.sndNxt - s.sndUna;
    const unsent = seqLt(s.sndNxt, s.sndEnd) ? s.sndEnd - s.sndNxt : 0;
    const room = s.sndWnd > inflight ? s.sndWnd - inflight : 0;
    if (push && autocork(s, unsent, inflight, tso)) break;
    if (tso && tsoDefer(s, unsent, room, inflight)) break;
    let n = splitPoint(s, min(unsent, room), unsent, inflight, tso);
    if (n < <u32>MSS && n < unsent && inflight > 0) n = 0;   // sender silly-window avoidance (RFC 1122)
    if (s.corkAt != 0 && n == unsent && s.finQueued == 0) n -= n % <u32>MSS;   // MSG_MORE: the partial tail waits
    if (n > 0) n = gather(s, s.sndNxt, n, txList);
    const fin = s.finQueued != 0 && s.finSent == 0 && s.sndNxt + n == s.sndEnd;
    if (n == 0 && !fin) break;
    const flags = ACK | (n > 0 ? PSH : 0) | (fin ? FIN : 0);
    chargeSegment(s, n > 0);
    if (lo) {
      if (!loXmit(s.lport, s.rport, s.sndNxt, s.rcvNxt, flags, advertise(s), n > 0 ? txList : null, 0)) break;
    } else {
      const h = nicTxAlloc(n > 0 ? txList.n : 0);
      if (h < 0) break;                             // queue full: the TX completion calls us again
      const hl = buildHeaders(txHdr(<u32>h), s.lport, s.rport, s.sndNxt, s.rcvNxt, flags, advertise(s), n, 0, tso);
      nicTxSubmit(<u32>h, hl, n > 0 ? txList : null, true, n > 0 ? txSockTag(sockIndex(s)) : 0);
      if (n > 0) s.txQueued++;
    }
    ackSent(s);                                     // the segment carries the ACK
    if (n % <u32>MSS != 0) s.sndSml = s.sndNxt + n;  // it ends in a partial segment (Linux's tcp_minshall_update)
    if (n > 0 && s.ackStarted != 0 && clockNow() - s.lrcvAt < TCP_DELACK_NS) s.pingpong = 1;   // an answer: interactive
    s.sndNxt += n;
    if (fin) { s.sndNxt++; s.finSent = 1; }
  }
}

// How much of `ready` bytes (what is queued and the window allows) one packet takes, as Linux's
// tcp_mss_split_point: a TSO packet is a whole number of segments (at most MAX_TSO bytes) unless
// what is ready fits in it, and then its partial last segment goes only if Nagle lets it
// (RFC 896 with Minshall's refinement, Linux's default: it waits while an earlier partial segment
// is unacknowledged, unless TCP_NODELAY or it is the last data before our FIN). A sendfile loop
// of 64 KiB calls so sends one TSO packet per call, not a full one and a 64-byte one.
const TSO_SEGS: u32 = <u32>MAX_TSO / <u32>MSS;
// The largest packet, a whole number of segments (Linux's size_goal).
@inline function sizeGoal(tso: bool): u32 { return tso ? TSO_SEGS * <u32>MSS : <u32>MSS; }

function splitPoint(s: Sock, ready: u32, unsent: u32, inflight: u32, tso: bool): u32 {
  const maxLen = sizeGoal(tso);
  if (maxLen <= ready) return maxLen;
  const partial = ready % <u32>MSS;
  const last = ready == unsent && s.finQueued != 0;
  const nagle = partial != 0 && !last && s.nodelay == 0 && inflight > 0 &&
    seqLt(s.sndUna, s.sndSml) && !seqLt(s.sndNxt, s.sndSml);
  return nagle ? ready - partial : ready;
}

// Linux's tcp_tso_should_defer: when the peer's window, not the data, keeps the next packet short of
// a full one and lets out less than a third of the window, wait for the ACK that opens it further
// (one must come: data is in flight), so that packets stay whole instead of a full one and a sliver
// turn about. Linux also sends at once when the oldest unacknowledged segment is younger than half
// the smoothed RTT (the ACK may be far off); on our lossless link with no RTT estimate the ACK of
// what is in flight always comes, so that test is left out.
function tsoDefer(s: Sock, unsent: u32, room: u32, inflight: u32): bool {
  return inflight > 0 && room < unsent && room < sizeGoal(true) && room < s.sndWnd / 3;
}

// A send call pushes what it queued (Linux's tcp_push). Full packets go; a tail shorter than a
// full packet waits while a packet of this connection is still in the NIC's transmit queue and data
// is in flight (Linux's autocorking, tcp_should_autocork): the transmit completion sends it
// (nicResume), usually joined by then by the next call's data. Only a send call corks: an ACK, a
// completion or a close sends what may go.
export function tcpPush(i: i32): void { tcpOutput(i, true); }

function autocork(s: Sock, unsent: u32, inflight: u32, tso: bool): bool {
  return s.txQueued > 0 && inflight > 0 && unsent > 0 && unsent < sizeGoal(tso);
}

// A data packet of socket i left the NIC's transmit queue.
export function tcpTxDone(i: i32): void {
  const s = sockAt(i);
  if (s.txQueued > 0) s.txQueued--;     // (0: the socket was freed and reused meanwhile)
}

// A send said whether more data follows (MSG_MORE, SPLICE_F_MORE): if so, a partial last segment
// waits for it (at most TCP_CORK_NS from the first such send); if not, what waits goes out.
export function tcpMore(i: i32, more: bool): void {
  const s = sockAt(i);
  if (!more) s.corkAt = 0;
  else if (s.corkAt == 0) s.corkAt = clockNow() + TCP_CORK_NS;
}

// The user closed (or shut down writing): FIN after the queued data.
export function tcpClose(i: i32): void {
  const s = sockAt(i);
  if (s.state == ESTABLISHED) s.state = FIN_WAIT1;
  else if (s.state == CLOSE_WAIT) s.state = LAST_ACK;
  else return;
  s.finQueued = 1;
  s.finSys = curSys; s.finCause = curCause;
  tcpOutput(i);
}

// The user's last reference is gone and the connection goes on alone (an orphan) until it ends,
// or until its timer runs out (tcpTimers).
export function tcpOrphan(i: i32): void { armOrphan(sockAt(i)); }

function armOrphan(s: Sock): void {
  s.orphanAt = clockNow() + (s.state == FIN_WAIT2 ? TCP_FIN_TIMEOUT_NS : TCP_ORPHAN_PROBE_NS);
}

// End an orphan at once: RST to the peer, the socket and every fragment it queued freed (Linux's
// tcp_send_active_reset, then tcp_done). Frames the NIC still sends from hold their own reference.
export function tcpAbort(i: i32): void {
  const s = sockAt(i);
  sendCtl(s.raddr, s.lport, s.rport, s.sndNxt, s.rcvNxt, RST | ACK, 0);
  s.state = CLOSED;
  sockFree(i);
}

// Every segment we send acknowledges all we received (Linux's tcp_event_ack_sent).
function ackSent(s: Sock): void {
  s.ackPending = 0; s.ackAt = 0;
  if (s.quick > 0) s.quick--;
}

// Delayed ACKs and corked segments whose time is up leave; orphans whose time is up are aborted
// (called by the scheduler as it wakes sleepers).
export function tcpTimers(now: u64): void {
  for (let i = 0; i < sockTop(); i++) {
    const s = sockAt(i);
    if (!s.used) continue;
    if (s.ackAt != 0 && s.ackAt <= now) { s.pingpong = 0; sendAck(i); }   // missed: no longer interactive
    if (s.corkAt != 0 && s.corkAt <= now) { s.corkAt = 0; tcpOutput(i); }
    if (s.orphanAt != 0 && s.orphanAt <= now) tcpAbort(i);
  }
  loDrain();                                   // (the scheduler's: a safe point for the loopback)
}

// The earliest deadline of tcpTimers (U64.MAX_VALUE: none).
export function tcpNextTimer(): u64 {
  let t = U64.MAX_VALUE;
  for (let i = 0; i < sockTop(); i++) {
    const s = sockAt(i);
    if (!s.used) continue;
    t = earlier(t, s.orphanAt); t = earlier(t, s.ackAt); t = earlier(t, s.corkAt);
  }
  return t;
}

@inline function earlier(t: u64, at: u64): u64 { return at != 0 && at < t ? at : t; }

// Acknowledged data leaves the send queue; zero-copy sends whose last byte is acked complete.
function ackData(s: Sock, ack: u32): void {
  while (s.sHead != s.sTail) {
    const fr = sfrag(s, s.sHead);
    if (seqLt(ack, s.sHeadSeq + fr.len)) break;
    s.sHeadSeq += fr.len;
    const id = fr.zcid;
    kput(fr.pfn);
    s.sHead++;
    if (id != 0 && (s.sHead == s.sTail || sfrag(s, s.sHead).zcid != id)) zcComplete(s, id);
  }
  if (s.sCur - s.sHead > s.sTail - s.sHead) { s.sCur = s.sHead; s.sCurSeq = s.sHeadSeq; }   // freed: from the head
  s.sndUna = ack;
}

// A zero-copy send (frag zcid: its number + 1, with ZC_COPIED if it was copied) is complete: it
// starts or extends the range the error queue reports; the range keeps its first send's code.
function zcComplete(s: Sock, zcid: u32): void {
  const id = (zcid & ~ZC_COPIED) - 1;
  if (s.zcPending == 0) { s.zcLo = id; s.zcHi = id; s.zcPending = 1; s.zcCode = (zcid & ZC_COPIED) ? SO_EE_CODE_ZEROCOPY_COPIED : 0; }
  else if (id > s.zcHi) s.zcHi = id;
}

// The peer reset the connection: what was queued to send is dropped (Linux's
// tcp_write_queue_purge; received data stays readable); an orphan or a child nobody will accept
// is freed at once.
function reset(s: Sock, err: u32): void {
  ackData(s, s.sndEnd);
  s.err = err;
  if (err == Errno.ECONNRESET || err == Errno.EPIPE) s.resetDone = 1;
  closed(sockIndex(s));
}

// The error a reset leaves, as Linux's tcp_reset: after the peer's FIN (CLOSE_WAIT) it is EPIPE
// (a write then gets EPIPE and SIGPIPE), before it ECONNRESET.
function resetErr(state: u32): u32 {
  if (state == SYN_RCVD) return Errno.ECONNREFUSED;
  return state == CLOSE_WAIT ? Errno.EPIPE : Errno.ECONNRESET;
}

// A segment for us. Returns true when the frame holds queued payload (the socket keeps it).
export function tcpInput(pfn: u32, t: usize, len: u32, raddr: u32): bool {
  const sport = be16(t), dport = be16(t + 2), seq = be32(t + 4), ack = be32(t + 8);
  const off = (<u32>load<u8>(t + 12) >>> 4) * 4, flags = <u32>load<u8>(t + 13), win = be16(t + 14);
  if (off < <u32>TCP_HLEN || off > len) { tcpDropped++; return false; }
  const dlen = len - off;
  const i = sockFind(dport, raddr, sport);
  if (i < 0) {
    if (!(flags & RST)) sendCtl(raddr, dport, sport, (flags & ACK) ? ack : 0, seq + dlen + ((flags & SYN) ? 1 : 0), RST | ((flags & ACK) ? 0 : ACK), 0);
    return false;
  }
  const s = sockAt(i);
  if (s.state == LISTEN) { if ((flags & SYN) && !(flags & (ACK | RST))) passiveOpen(i, raddr, sport, seq, wscaleOption(t, off)); return false; }
  if (s.state == SYN_SENT) { synSent(i, flags, seq, ack, win, wscaleOption(t, off)); return false; }
  if (flags & RST) { reset(s, resetErr(s.state)); return false; }
  const state0 = s.state, una0 = s.sndUna;
  if (flags & ACK) acked(i, ack, win);
  if (!s.used) return false;                                     // the ACK ended an orphan
  if (dlen > 0 && isOrphan(s) && (s.state == FIN_WAIT1 || s.state == FIN_WAIT2) && seqLt(s.rcvNxt, seq + dlen)) {
    tcpAbort(i);                                                 // data nobody will read: RST (TCPAbortOnData)
    return false;
  }
  let kept = false;
  if (dlen > 0 && seq == s.rcvNxt && s.peerFin == 0 && seqLe(seq + dlen, s.rcvAdv) && s.rTail - s.rHead < NFRAG) {
    const fr = rfrag(s, s.rTail++);
    fr.pfn = pfn; fr.off = <u32>(t + off - ((<usize>pfn) << PAGE_SHIFT)); fr.len = dlen;
    s.rcvNxt += dlen; s.rcvBytes += dlen;
    dataCame(s);
    s.ackPending += dlen;
    kept = true;
  } else if (dlen > 0) tcpDropped++;
  const fin = (flags & FIN) != 0 && seq + dlen == s.rcvNxt && s.peerFin == 0;
  if (fin) peerFin(s);
  ackReceived(i, fin);
  tcpOutput(i);
  // Wake readers on data or FIN, anyone on a state change, and writers once the send buffer is
  // writable again (Linux's sk_stream_write_space: free space at least half of what is queued),
  // not on every ACK.
  if (kept || (flags & FIN) || s.state != state0 || (s.sndUna != una0 && writable(s))) wakeup(sockChan(i));
  if (s.used && s.orphanAt != 0 && (s.sndUna != una0 || s.state != state0)) armOrphan(s);   // progress
  return kept;
}

// Received data is acknowledged as Linux's __tcp_ack_snd_check does: at once past one full
// segment, with a FIN, or in quick-ACK mode (the first 16 segments of a connection, or after a
// silence, unless it is interactive); else the ACK waits up to TCP_DELACK_NS for data of ours to
// carry it. A connection is interactive (pingpong) once we send data within that time of data
// coming (not before any came: a client that speaks first gets its first answer acknowledged at
// once, as on Linux, where ato is still 0 then); a delayed ACK that had to leave alone ends it.
function ackReceived(i: i32, fin: bool): void {
  const s = sockAt(i);
  if (s.ackPending == 0) return;
  if (fin || s.ackPending > <u32>MSS || s.quick > 0 && s.pingpong == 0) sendAck(i);
  else if (s.ackAt == 0) s.ackAt = clockNow() + TCP_DELACK_NS;
}

// In-order data came (Linux's tcp_event_data_recv): the first on the connection, or the first
// after a silence, starts quick-ACK mode.
function dataCame(s: Sock): void {
  const now = clockNow();
  if (s.ackStarted == 0 || now - s.lrcvAt > TCP_QUICK_GAP_NS) s.quick = TCP_MAX_QUICKACKS;
  s.ackStarted = 1;
  s.lrcvAt = now;
}

function writable(s: Sock): bool { return sndSpace(s) >= (s.sndEnd - s.sHeadSeq) / 2; }

// The window scale a SYN's options carry (RFC 7323; at most 14), 0 without one. Our own SYN and
// SYN-ACK over the NIC always offer scale 0 (transmitCtl), so the peer may scale its window while
// ours stays unscaled; over the loopback neither side offers it.
function wscaleOption(t: usize, off: u32): u32 {
  for (let i: u32 = TCP_HLEN; i < off;) {
    const kind = <u32>load<u8>(t + i);
    if (kind == TCPOPT_END) break;
    if (kind == TCPOPT_NOP) { i++; continue; }
    if (i + 1 >= off) break;
    const len = <u32>load<u8>(t + i + 1);
    if (len < 2 || i + len > off) break;
    if (kind == TCPOPT_WSCALE && len == 3) return min(<u32>load<u8>(t + i + 2), <u32>TCP_MAX_WSCALE);
    i += len;
  }
  return 0;
}

// A SYN for a listener: a child connection in SYN_RCVD. Children in their handshake count against
// the backlog with those waiting in the accept queue, so the queue (16 entries) never overflows
// when the handshakes complete. A SYN past the backlog (or with no socket free) is refused with RST,
// as Linux with tcp_abort_on_overflow: Linux's default drops it for the peer to retry, but nothing
// is ever retried on this wire and the peer would wait forever.
function passiveOpen(li: i32, raddr: u32, rport: u32, seq: u32, wscale: u32): void {
  const l = sockAt(li);
  const full = l.acceptTail - l.acceptHead + inHandshake(li) >= min(l.backlog, 16);
  const c = full ? -1 : sockAlloc();
  if (c < 0) { tcpDropped++; sendCtl(raddr, l.lport, rport, 0, seq + 1, RST | ACK, 0); return; }
  const s = sockAt(c);
  s.lport = l.lport; s.raddr = raddr; s.rport = rport; s.parent = li;
  s.sndbuf = l.sndbuf; s.rcvbuf = l.rcvbuf; s.zerocopy = l.zerocopy; s.nodelay = l.nodelay;
  s.rcvNxt = seq + 1; s.sndWscale = wscale;
  s.iss = 0x10000 * <u32>(c + 1) + 0x8000;
  s.sndUna = s.iss; s.sndNxt = s.iss + 1; s.sndEnd = s.iss + 1; s.sHeadSeq = s.iss + 1; s.sndSml = s.iss;
  s.sCur = s.sHead; s.sCurSeq = s.sHeadSeq;
  s.state = SYN_RCVD;
  s.rcvAdv = s.rcvNxt;
  sendCtl(raddr, s.lport, rport, s.iss, s.rcvNxt, SYN | ACK, advertise(s));
}

function inHandshake(li: i32): u32 {
  let n: u32 = 0;
  for (let i = 0; i < NSOCK; i++) { const s = sockAt(i); if (s.used && s.parent == li && s.state == SYN_RCVD) n++; }
  return n;
}

function synSent(i: i32, flags: u32, seq: u32, ack: u32, win: u32, wscale: u32): void {
  const s = sockAt(i);
  if ((flags & ACK) && ack != s.iss + 1) { tcpDropped++; return; }
  if (flags & RST) { reset(s, Errno.ECONNREFUSED); return; }
  if (!(flags & SYN)) { tcpDropped++; return; }
  s.rcvNxt = seq + 1; s.rcvAdv = s.rcvNxt; s.sndUna = ack; s.sndWnd = win; s.sndWscale = wscale;   // a SYN's window is never scaled
  s.state = ESTABLISHED;
  s.lrcvAt = clockNow();
  sendAck(i);
  wakeup(sockChan(i));
}

function acked(i: i32, ack: u32, win: u32): void {
  const s = sockAt(i);
  if (seqLt(s.sndNxt, ack)) { tcpDropped++; return; }     // acks what we never sent
  if (s.state == SYN_RCVD) {
    if (ack != s.iss + 1) return;
    s.state = ESTABLISHED;
    s.lrcvAt = clockNow();
    const l = sockAt(s.parent);
    store<u8>(changetype<usize>(l) + ACCQ + (l.acceptTail++ & 15), <u8>i);
    wakeup(sockChan(s.parent));
  }
  if (seqLt(s.sndUna, ack)) ackData(s, ack);
  s.sndWnd = win << s.sndWscale;
  const finAcked = s.finSent != 0 && ack == s.sndEnd + 1;
  if (finAcked) {
    if (s.state == FIN_WAIT1) s.state = FIN_WAIT2;
    else if (s.state == CLOSING || s.state == LAST_ACK) closed(i);
  }
}

function peerFin(s: Sock): void {
  s.rcvNxt++; s.peerFin = 1; s.ackPending = 1;
  if (s.state == ESTABLISHED || s.state == SYN_RCVD) s.state = CLOSE_WAIT;
  else if (s.state == FIN_WAIT1) s.state = CLOSING;
  else if (s.state == FIN_WAIT2) { sendAck(sockIndex(s)); closed(sockIndex(s)); }
}

// The connection is over (TIME_WAIT is not kept on a wire that loses nothing).
function closed(i: i32): void {
  const s = sockAt(i);
  s.state = CLOSED;
  wakeup(sockChan(i));
  if (s.fileRefs == 0 && s.parent < 0) sockFree(i);
  else if (s.fileRefs == 0 && s.parent >= 0 && !inAcceptQueue(i)) sockFree(i);
}

function inAcceptQueue(i: i32): bool {
  const l = sockAt(sockAt(i).parent);
  for (let k = l.acceptHead; k != l.acceptTail; k++) if (<i32>load<u8>(changetype<usize>(l) + ACCQ + (k & 15)) == i) return true;
  return false;
}
