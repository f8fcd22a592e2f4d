// Host-side TCP ("slirp"): the endpoint at 10.0.2.2 that terminates the guest's connections over a
// lossless, in-order link, so there are no timers and no retransmission: every reaction to a
// segment happens synchronously, as frames handed to `emit`. Time does not exist here at all.
//
// Receiving: data in sequence is given to the connection's app at once; the advertised window is
// the receive buffer (TCP_RCVBUF) minus the bytes the app holds (apps with holdsData call
// consumed(n) when done with them: the guest sender then blocks on a full window). Out-of-window
// bytes are cut off and the rest acknowledged.
// Window scaling (RFC 7323): when the guest's SYN (or SYN-ACK) offers it, our SYN-ACK (SYN) offers
// shift WSCALE and the windows both ways are scaled, so the whole receive buffer can be in flight;
// without it the window stays at most 65535 bytes.
// Sending: what the app queues goes out in segments of at most the guest's MSS and never past the
// guest's advertised window (a full guest receiver blocks this side until its window update).
// RST: for a SYN to a port nobody listens on, for a segment to no connection, for a SYN or an
// unacceptable ACK on a connection. TIME_WAIT is left at once.
// Interface: new TcpStack(emit, stats, opts?); listen(port, accept, {defer}); connect(guestPort, app);
// input(frame); conns(); TcpConn: send(bytes), close(), abort(), consumed(n), accept() (deferred).
import {
  TCP_FIN, TCP_SYN, TCP_RST, TCP_PSH, TCP_ACK, TCP_WINDOW, TCP_DEFAULT_MSS, MSS, GUEST_IP, HOST_IP,
} from "../../kernel/abi/net";
import { tcpFrame, GUEST_MAC, HOST_MAC, type Frame, type Mac, type TcpHeader } from "./packet";
import { countDrop, type NetStats } from "./stats";
import { Payload } from "./payload";

export type TcpState = "LISTEN" | "SYN_SENT" | "SYN_RCVD" | "ESTABLISHED" | "FIN_WAIT_1" | "FIN_WAIT_2" | "CLOSING"
  | "TIME_WAIT" | "CLOSE_WAIT" | "LAST_ACK" | "CLOSED";
export type CloseHow = "closed" | "reset" | "refused" | "aborted";

/** What runs on one connection. Every callback is optional. */
export interface TcpApp {
  holdsData?: boolean;                          // the app calls conn.consumed(n) itself
  open?(c: TcpConn): void;                      // handshake done
  data?(c: TcpConn, bytes: Uint8Array): void;   // in-order bytes from the guest, lent for the call only
                                                //   (the NIC's buffer): copy what is kept
  end?(c: TcpConn): void;                       // the guest sent FIN: no more data
  writable?(c: TcpConn): void;                  // the send queue drained below SEND_LOW after send() said full
  closed?(c: TcpConn, how: CloseHow): void;     // gone (exactly once)
}

export interface TcpOptions {
  rcvBuf?: number;     // receive buffer = largest advertised window (default TCP_RCVBUF; 65535 at most
                       //   when the guest does not scale windows)
  mss?: number;        // MSS this side announces and receives (default MSS)
  issBase?: number;    // initial sequence number of the first connection (deterministic)
}

const SEND_HIGH = 256 * 1024;     // send() reports "full" at this many unsent bytes
const SEND_LOW = 64 * 1024;       // ... and calls writable() again below this
const ISS_STEP = 0x01000193;      // between connections' initial sequence numbers
const FWD_PORT_LOW = 40000;       // source ports of the connections this side opens
const TCP_RCVBUF = 256 * 1024;    // receive buffer: the guest's whole send buffer (256 KiB) in flight
const WSCALE = 3;                 // our window scale: windows up to 65535 << 3 (512 KiB)

const NO_DATA = new Uint8Array(0);
/** States in which data from the guest is taken in. */
const receiving = (s: TcpState): boolean => s === "ESTABLISHED" || s === "FIN_WAIT_1" || s === "FIN_WAIT_2";
const seqDiff = (a: number, b: number): number => (a - b) | 0;   // signed distance a - b, mod 2^32
const u32 = (x: number): number => x >>> 0;

export class TcpConn {
  state: TcpState;
  app: TcpApp = {};
  bytesIn = 0;                    // payload accepted from the guest
  bytesOut = 0;                   // payload sent to the guest
  iss = 0; sndUna = 0; sndNxt = 0; sndWnd = 0; sndMss = TCP_DEFAULT_MSS;
  irs = 0; rcvNxt = 0; unread = 0; lastAdv = 0;
  unacked = 0;                    // data segments received since our last ACK (delayed ACK)
  sndShift = 0; rcvShift = 0;     // window scales: the guest's (its window fields) and ours
  wscale = false;                 // both SYNs offered window scaling
  finSent = false; finAcked = false;
  closeQueued = false;            // close() called: FIN after the queued data
  synAckSent = false;
  unsent: Uint8Array[] = [];
  unsentBytes = 0;
  private full = false;

  constructor(private stack: TcpStack, readonly guestIp: number, readonly guestPort: number,
    readonly hostPort: number, readonly guestMac: Mac, state: TcpState) { this.state = state; }

  get key(): string { return connKey(this.guestIp, this.guestPort, this.hostPort); }

  /** Queue bytes for the guest; false when the queue is past SEND_HIGH (wait for writable()). */
  send(bytes: Uint8Array): boolean {
    if (this.closeQueued || this.state === "CLOSED") return false;
    if (bytes.length) { this.unsent.push(bytes.slice()); this.unsentBytes += bytes.length; }
    this.stack.kick(this);
    this.full = this.unsentBytes >= SEND_HIGH;
    return !this.full;
  }

  /** Send FIN once the queued data is out (half close: the guest may still send). */
  close(): void {
    if (this.closeQueued || this.state === "CLOSED") return;
    this.closeQueued = true;
    this.stack.kick(this);
  }

  /** Forget the bytes queued but not yet sent. */
  dropQueued(): void { this.unsent = []; this.unsentBytes = 0; }

  /** Reset the connection (RST to the guest). */
  abort(): void { this.stack.abort(this); }

  /** A deferred connection (listen with defer) may now answer the guest's SYN. */
  accept(): void { this.stack.acceptDeferred(this); }

  /** The app is done with n bytes it was given: the receive window opens again. */
  consumed(n: number): void {
    this.unread = Math.max(0, this.unread - n);
    this.stack.windowOpened(this);
  }

  /** The largest window we may offer: the receive buffer, within what the window field can say. */
  maxWindow(): number { return Math.min(this.stack.rcvBuf, TCP_WINDOW * 2 ** this.rcvShift); }

  /** Bytes the guest may still send: the receive buffer minus what the app holds. */
  window(): number { return Math.max(0, this.maxWindow() - this.unread); }

  /** Take up to n queued bytes. */
  take(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let got = 0; got < n;) {
      const head = this.unsent[0], k = Math.min(head.length, n - got);
      out.set(head.subarray(0, k), got);
      got += k;
      if (k === head.length) this.unsent.shift(); else this.unsent[0] = head.subarray(k);
    }
    this.unsentBytes -= n;
    if (this.full && this.unsentBytes < SEND_LOW) { this.full = false; this.app.writable?.(this); }
    return out;
  }
}

function connKey(ip: number, guestPort: number, hostPort: number): string { return `${ip}:${guestPort}>${hostPort}`; }

interface Listener { accept: (c: TcpConn) => TcpApp | null; defer: boolean }

export class TcpStack {
  readonly rcvBuf: number;
  readonly mss: number;
  private table = new Map<string, TcpConn>();
  private listeners = new Map<number, Listener>();
  private nConns = 0;
  private nextPort = FWD_PORT_LOW;
  private busy: TcpConn | null = null;     // the connection whose segment is being processed
  private last: TcpConn | null = null;     // the connection lookup() found last
  private ipId = 0;

  constructor(private emit: (frame: Uint8Array) => void, readonly stats: NetStats, private opts: TcpOptions = {}) {
    this.rcvBuf = opts.rcvBuf ?? TCP_RCVBUF;
    this.mss = opts.mss ?? MSS;
  }

  /** Accept connections to port: accept(conn) returns the app, or null to refuse (RST).
   *  With defer the SYN-ACK waits until the app calls conn.accept() (or conn.abort() refuses). */
  listen(port: number, accept: (c: TcpConn) => TcpApp | null, opts: { defer?: boolean } = {}): void {
    this.listeners.set(port, { accept, defer: opts.defer ?? false });
  }

  unlisten(port: number): void { this.listeners.delete(port); }

  /** Open a connection from this side to the guest's port (a SYN to GUEST_IP). */
  connect(guestPort: number, app: TcpApp, guestMac: Mac = GUEST_MAC): TcpConn {
    let port = this.nextPort;
    while (this.table.has(connKey(GUEST_IP, guestPort, port))) port = port === 65535 ? FWD_PORT_LOW : port + 1;
    this.nextPort = port === 65535 ? FWD_PORT_LOW : port + 1;
    const c = this.newConn(GUEST_IP, guestPort, port, guestMac, "SYN_SENT");
    c.app = app;
    this.segment(c, TCP_SYN, c.iss, NO_DATA, this.mss, WSCALE);
    c.sndNxt = u32(c.iss + 1);
    return c;
  }

  conns(): TcpConn[] { return [...this.table.values()]; }

  /** The connection of a segment: the last one found if it is the same (a bulk transfer's every
   *  segment; its key string is not made again), else by key. */
  private lookup(ip: number, guestPort: number, hostPort: number): TcpConn | undefined {
    const l = this.last;
    if (l && l.state !== "CLOSED" && l.guestIp === ip && l.guestPort === guestPort && l.hostPort === hostPort) return l;
    const c = this.table.get(connKey(ip, guestPort, hostPort));
    if (c) this.last = c;
    return c;
  }

  /** One TCP segment for HOST_IP from the guest (frame already parsed and checksummed); its
   *  payload is f.payload, or `pieces` (lent by the NIC) when given. */
  input(f: Frame, pieces?: Uint8Array[]): void {
    const ip = f.ip!, t = f.tcp!;
    const c = this.lookup(ip.src, t.srcPort, t.dstPort);
    if (!c) { this.noConnection(f); return; }
    this.busy = c;
    try {
      if (c.state === "SYN_SENT") this.synSent(c, t);
      else this.synchronized(c, t, new Payload(pieces ?? [f.payload]));
    } finally { this.busy = null; }
    if (c.state !== "CLOSED") this.output(c, true);
  }

  // ---- segments to no connection: a new one for a listener, else RST ----

  private noConnection(f: Frame): void {
    const ip = f.ip!, t = f.tcp!;
    if (t.flags & TCP_RST) { countDrop(this.stats, "RST for no connection"); return; }
    const l = this.listeners.get(t.dstPort);
    if ((t.flags & (TCP_SYN | TCP_ACK | TCP_FIN)) !== TCP_SYN || !l) {
      if (t.flags & TCP_SYN) this.stats.refused++; else countDrop(this.stats, "segment for no connection");
      this.resetFor(ip.src, f.eth.src, t, f.payload.length + (f.extra ?? 0));
      return;
    }
    const c = this.newConn(ip.src, t.srcPort, t.dstPort, f.eth.src, "SYN_RCVD");
    c.irs = t.seq; c.rcvNxt = u32(t.seq + 1);
    c.sndWnd = t.window; c.sndMss = Math.min(this.mss, t.mss ?? TCP_DEFAULT_MSS);
    this.scaling(c, t);
    const app = l.accept(c);
    if (!app) { this.forget(c); this.stats.refused++; this.resetFor(ip.src, f.eth.src, t, 0); return; }
    c.app = app;
    if (!l.defer) this.acceptDeferred(c);
  }

  private forget(c: TcpConn): void {
    this.table.delete(c.key);
    if (this.last === c) this.last = null;
  }

  private newConn(ip: number, guestPort: number, hostPort: number, mac: Mac, state: TcpState): TcpConn {
    const c = new TcpConn(this, ip, guestPort, hostPort, mac, state);
    c.iss = u32((this.opts.issBase ?? 0x10000000) + ISS_STEP * this.nConns++);
    c.sndUna = c.sndNxt = c.iss;
    this.table.set(c.key, c);
    return c;
  }

  /** RST answering segment t (RFC 793: seq from its ACK, else RST|ACK acking it). */
  private resetFor(ip: number, mac: Mac, t: TcpHeader, dataLen: number): void {
    const len = dataLen + (t.flags & TCP_SYN ? 1 : 0) + (t.flags & TCP_FIN ? 1 : 0);
    const ack = t.flags & TCP_ACK;
    this.send(ip, mac, t.dstPort, t.srcPort, ack ? t.ack : 0, ack ? 0 : u32(t.seq + len), ack ? TCP_RST : TCP_RST | TCP_ACK, 0);
  }

  // ---- segments on a connection ----

  private synSent(c: TcpConn, t: TcpHeader): void {
    const ackOk = !!(t.flags & TCP_ACK) && t.ack === c.sndNxt;
    if (t.flags & TCP_ACK && !ackOk) {
      countDrop(this.stats, "unacceptable ACK in SYN_SENT");
      if (!(t.flags & TCP_RST)) this.send(c.guestIp, c.guestMac, c.hostPort, c.guestPort, t.ack, 0, TCP_RST, 0);
      return;
    }
    if (t.flags & TCP_RST) { if (ackOk) { this.stats.resetsReceived++; this.finish(c, "refused"); } return; }
    if (!(t.flags & TCP_SYN) || !ackOk) { countDrop(this.stats, "no SYN-ACK in SYN_SENT"); return; }
    c.irs = t.seq; c.rcvNxt = u32(t.seq + 1); c.sndUna = t.ack;
    c.sndWnd = t.window; c.sndMss = Math.min(this.mss, t.mss ?? TCP_DEFAULT_MSS);   // a SYN's window: unscaled
    this.scaling(c, t);
    this.opened(c);
    this.ack(c);
  }

  /** A segment on a connection past SYN_SENT, checked in RFC 793's order: RST, SYN, ACK, data, FIN. */
  private synchronized(c: TcpConn, t: TcpHeader, data: Payload): void {
    const off = seqDiff(t.seq, c.rcvNxt);
    if (t.flags & TCP_RST) {
      if (off === 0) { this.stats.resetsReceived++; this.finish(c, "reset"); } else countDrop(this.stats, "RST out of window");
      return;
    }
    if (t.flags & TCP_SYN) {
      if (c.state === "SYN_RCVD" && t.seq === c.irs) { if (c.synAckSent) this.synAck(c); return; }   // a repeated SYN
      countDrop(this.stats, `SYN in ${c.state}`);
      this.send(c.guestIp, c.guestMac, c.hostPort, c.guestPort, c.sndNxt, 0, TCP_RST, 0);
      this.finish(c, "reset");
      return;
    }
    if (!(t.flags & TCP_ACK)) { countDrop(this.stats, "segment without ACK"); return; }
    const len = data.length + (t.flags & TCP_FIN ? 1 : 0);
    if (off > 0) { countDrop(this.stats, "segment beyond rcv.nxt"); this.ack(c); return; }
    if (off < 0 && len <= -off) { if (len > 0) { countDrop(this.stats, "duplicate segment"); this.ack(c); return; } }
    if (!this.ackField(c, t)) return;
    this.receive(c, t, off < 0 ? data.slice(-off) : data);
  }

  /** Process the ACK field; false when the segment must go no further. */
  private ackField(c: TcpConn, t: TcpHeader): boolean {
    if (c.state === "SYN_RCVD") {
      if (!c.synAckSent || t.ack !== c.sndNxt) {
        countDrop(this.stats, "unacceptable ACK in SYN_RCVD");
        this.send(c.guestIp, c.guestMac, c.hostPort, c.guestPort, t.ack, 0, TCP_RST, 0);
        return false;
      }
      c.sndUna = t.ack; c.sndWnd = t.window * 2 ** c.sndShift;
      this.opened(c);
      return (c.state as TcpState) !== "CLOSED";   // open() may have closed it
    }
    if (seqDiff(t.ack, c.sndNxt) > 0) { countDrop(this.stats, "ACK of unsent data"); this.ack(c); return false; }
    if (seqDiff(t.ack, c.sndUna) >= 0) { c.sndUna = t.ack; c.sndWnd = t.window * 2 ** c.sndShift; }
    if (c.finSent && !c.finAcked && t.ack === c.sndNxt) this.finAckedBy(c);
    return c.state !== "CLOSED";
  }

  private finAckedBy(c: TcpConn): void {
    c.finAcked = true;
    if (c.state === "FIN_WAIT_1") c.state = "FIN_WAIT_2";
    else if (c.state === "CLOSING") this.timeWait(c);
    else if (c.state === "LAST_ACK") this.finish(c, "closed");
  }

  /** In-order data and FIN (the part of the segment at rcv.nxt). */
  private receive(c: TcpConn, t: TcpHeader, data: Payload): void {
    let fin = !!(t.flags & TCP_FIN);
    if (data.length > 0 || fin) {
      if (!receiving(c.state)) {
        countDrop(this.stats, `data after FIN in ${c.state}`);
        this.abort(c);
        return;
      }
    }
    if (data.length > 0) {
      const n = Math.min(data.length, c.window());
      if (n < data.length) { countDrop(this.stats, "data beyond the window"); fin = false; }
      if (n > 0) for (const p of data.slice(0, n).pieces) this.deliver(c, p);
      // Delayed ACK, as a Linux receiver with GRO: every second segment, and at the end of a burst
      // (PSH: the last segment of a write or TSO packet) instead of Linux's 40 ms timer.
      c.unacked++;
      if (c.unacked >= 2 || (t.flags & TCP_PSH) || n < data.length) this.ackNeeded = true;
    }
    if (fin && c.state !== "CLOSED") this.receiveFin(c);
  }

  private deliver(c: TcpConn, bytes: Uint8Array): void {
    c.rcvNxt = u32(c.rcvNxt + bytes.length);
    c.bytesIn += bytes.length; this.stats.bytesIn += bytes.length;
    c.unread += bytes.length;
    c.app.data?.(c, bytes);
    if (!c.app.holdsData) c.unread -= bytes.length;
  }

  private receiveFin(c: TcpConn): void {
    c.rcvNxt = u32(c.rcvNxt + 1);
    this.ackNeeded = true;
    if (c.state === "ESTABLISHED") c.state = "CLOSE_WAIT";
    else if (c.state === "FIN_WAIT_1") c.state = "CLOSING";
    else if (c.state === "FIN_WAIT_2") { this.ack(c); this.timeWait(c); return; }
    c.app.end?.(c);
  }

  /** The guest's SYN or SYN-ACK offered window scaling (we always offer it): both sides scale. */
  private scaling(c: TcpConn, t: TcpHeader): void {
    if (t.wscale === undefined) return;
    c.wscale = true; c.sndShift = t.wscale; c.rcvShift = WSCALE;
  }

  private timeWait(c: TcpConn): void { c.state = "TIME_WAIT"; this.finish(c, "closed"); }

  private opened(c: TcpConn): void {
    c.state = "ESTABLISHED";
    this.stats.connections++;
    c.app.open?.(c);
  }

  private finish(c: TcpConn, how: CloseHow): void {
    if (c.state === "CLOSED") return;
    c.state = "CLOSED";
    this.forget(c);
    c.app.closed?.(c, how);
  }

  // ---- sending ----

  private ackNeeded = false;

  /** The app queued data or a close: send now unless a segment is being processed. */
  kick(c: TcpConn): void { if (this.busy !== c) this.output(c, false); }

  /** Send what the window allows, the FIN when due, and an ACK if one is owed and nothing went. */
  private output(c: TcpConn, afterInput: boolean): void {
    const outer = this.busy;
    this.busy = c;                               // sends from app callbacks (writable) only queue
    try { this.transmit(c, afterInput); } finally { this.busy = outer; }
  }

  private transmit(c: TcpConn, afterInput: boolean): void {
    let sent = false;
    const canData = c.state === "ESTABLISHED" || c.state === "CLOSE_WAIT";
    while (canData && c.unsentBytes > 0) {
      const n = Math.min(c.sndMss, c.unsentBytes, c.sndWnd - seqDiff(c.sndNxt, c.sndUna));
      if (n <= 0) break;
      const bytes = c.take(n);
      this.segment(c, TCP_ACK | (c.unsentBytes === 0 ? TCP_PSH : 0), c.sndNxt, bytes);
      c.sndNxt = u32(c.sndNxt + n);
      c.bytesOut += n; this.stats.bytesOut += n;
      sent = true;
    }
    if (canData && c.closeQueued && !c.finSent && c.unsentBytes === 0) {
      this.segment(c, TCP_FIN | TCP_ACK, c.sndNxt, NO_DATA);
      c.sndNxt = u32(c.sndNxt + 1);
      c.finSent = true;
      c.state = c.state === "ESTABLISHED" ? "FIN_WAIT_1" : "LAST_ACK";
      sent = true;
    }
    if (afterInput && this.ackNeeded && !sent && c.state !== "CLOSED") this.ack(c);
    if (afterInput) this.ackNeeded = false;
  }

  /** The app consumed held bytes: announce the larger window if it grew by an MSS or half the buffer. */
  windowOpened(c: TcpConn): void {
    if (this.busy === c || !receiving(c.state)) return;
    const w = c.window();
    const full = c.maxWindow();
    if (w - c.lastAdv >= Math.min(this.mss, full / 2) || (w === full && c.lastAdv < w)) this.ack(c);
  }

  acceptDeferred(c: TcpConn): void {
    if (c.state !== "SYN_RCVD" || c.synAckSent) return;
    c.synAckSent = true;
    this.synAck(c);
    c.sndNxt = u32(c.iss + 1);
  }

  private synAck(c: TcpConn): void {
    this.segment(c, TCP_SYN | TCP_ACK, c.iss, NO_DATA, this.mss, c.wscale ? WSCALE : undefined);
  }

  abort(c: TcpConn): void {
    if (c.state === "CLOSED") return;
    if (c.state === "SYN_RCVD" && !c.synAckSent) {
      this.stats.refused++;
      this.send(c.guestIp, c.guestMac, c.hostPort, c.guestPort, 0, c.rcvNxt, TCP_RST | TCP_ACK, 0);
    } else {
      this.send(c.guestIp, c.guestMac, c.hostPort, c.guestPort, c.sndNxt, c.rcvNxt, TCP_RST | TCP_ACK, 0);
    }
    this.finish(c, "aborted");
  }

  private ack(c: TcpConn): void { this.segment(c, TCP_ACK, c.sndNxt, NO_DATA); this.ackNeeded = false; }

  /** One segment on c; the window field says c.window(), unscaled on a SYN, else in units of 2^rcvShift. */
  private segment(c: TcpConn, flags: number, seq: number, payload: Uint8Array, mss?: number, wscale?: number): void {
    const ack = flags & TCP_ACK ? c.rcvNxt : 0;
    if (flags & TCP_ACK) c.unacked = 0;
    const shift = flags & TCP_SYN ? 0 : c.rcvShift, field = Math.min(TCP_WINDOW, Math.floor(c.window() / 2 ** shift));
    c.lastAdv = field * 2 ** shift;
    this.send(c.guestIp, c.guestMac, c.hostPort, c.guestPort, seq, ack, flags, field, payload, mss, wscale);
  }

  private send(ip: number, mac: Mac, srcPort: number, dstPort: number, seq: number, ack: number, flags: number,
    window: number, payload?: Uint8Array, mss?: number, wscale?: number): void {
    if (flags & TCP_RST) this.stats.resetsSent++;
    this.emit(tcpFrame({ srcMac: HOST_MAC, dstMac: mac, srcIp: HOST_IP, dstIp: ip, ipId: this.ipId++ & 0xffff,
      srcPort, dstPort, seq, ack, flags, window, mss, wscale, payload }));
  }
}
