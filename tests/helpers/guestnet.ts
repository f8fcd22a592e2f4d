// A tiny guest TCP for the network tests: the 10.0.2.15 side of the wire, written in JS. It builds
// the guest's frames, follows the peer's answers (in order, no loss: anything else is recorded in
// `violations`), ACKs every segment, honours the peer's window and advertises its own.
// Interface: new GuestNet(out, opts?); connect(port) / listen(port, onConn) -> GuestConn; input(frame);
// frame(spec) (a guest frame with defaults); GuestConn: write(bytes), close(), read(n) (opens the
// window), abort(); received(), fin, rst, segments (every peer segment seen), state.
// pumpPeer(peer, guest): carry frames between a peer and the guest until both are quiet.
import { parseFrame, isMalformed, tcpFrame, GUEST_MAC, HOST_MAC, type Mac, type TcpHeader } from "../../host/net/packet";
import {
  GUEST_IP, HOST_IP, MSS, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN, EPHEMERAL_LOW,
} from "../../kernel/abi/net";

export interface GuestOpts {
  window?: number;            // receive buffer (advertised window when nothing is held)
  mss?: number | null;        // MSS option on our SYN (null: none)
  iss?: number;
  holdData?: boolean;         // received bytes stay unread until read(n)
  segSize?: number;           // largest segment we send (above the MSS: TSO packets); default the peer's MSS
}
export interface SegLog { flags: number; seq: number; ack: number; len: number; window: number; mss?: number }

type State = "SYN_SENT" | "SYN_RCVD" | "ESTABLISHED" | "FIN_WAIT" | "CLOSE_WAIT" | "LAST_ACK" | "CLOSED";

export class GuestConn {
  state: State;
  sndUna = 0; sndNxt = 0; peerWnd = 0; peerMss = 536;
  rcvNxt = 0; unread = 0;
  fin = false; rst = false;
  closing = false;
  readonly segments: SegLog[] = [];
  private chunks: Uint8Array[] = [];
  private queue = new Uint8Array(0);      // bytes written, not yet sent
  onOpen?: (c: GuestConn) => void;
  onData?: (c: GuestConn, b: Uint8Array) => void;

  constructor(private net: GuestNet, readonly port: number, readonly peerPort: number, state: State, readonly opts: GuestOpts) {
    this.state = state;
    this.sndUna = this.sndNxt = opts.iss ?? 0x7000_0000;
  }

  /** Everything received so far. */
  received(): Uint8Array { return Buffer.concat(this.chunks); }

  /** Our advertised window: the buffer less what the test has not read (holdData). */
  window(): number { return Math.max(0, (this.opts.window ?? 65535) - this.unread); }

  write(b: Uint8Array): void { this.queue = Buffer.concat([this.queue, b]); this.flush(); }

  /** Bytes written but not yet sent (the peer's window is full). */
  queued(): number { return this.queue.length; }

  close(): void { this.closing = true; this.flush(); }

  /** The test reads n held bytes: announce the opened window. */
  read(n: number): void { this.unread -= n; this.send(TCP_ACK); }

  abort(): void { this.send(TCP_RST | TCP_ACK); this.state = "CLOSED"; }

  send(flags: number, payload = new Uint8Array(0), mss?: number): void {
    this.net.emit(this.net.frame({ srcPort: this.port, dstPort: this.peerPort, seq: this.sndNxt, ack: flags & TCP_ACK ? this.rcvNxt : 0,
      flags, window: this.window(), mss, payload }));
    this.sndNxt = (this.sndNxt + payload.length + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0)) >>> 0;
  }

  /** Send queued bytes within the peer's window, then the FIN if close() was called. */
  flush(): void {
    if (this.state !== "ESTABLISHED" && this.state !== "CLOSE_WAIT") return;
    for (;;) {
      const room = this.peerWnd - ((this.sndNxt - this.sndUna) | 0);
      const n = Math.min(this.queue.length, room, this.opts.segSize ?? this.peerMss);
      if (n <= 0) break;
      const data = this.queue.subarray(0, n);
      this.queue = this.queue.subarray(n);
      this.send(TCP_ACK | (this.queue.length ? 0 : TCP_PSH), data);
    }
    if (this.closing && this.queue.length === 0 && (this.state === "ESTABLISHED" || this.state === "CLOSE_WAIT")) {
      this.send(TCP_FIN | TCP_ACK);
      this.state = this.state === "ESTABLISHED" ? "FIN_WAIT" : "LAST_ACK";
    }
  }

  segment(t: TcpHeader, payload: Uint8Array): void {
    this.segments.push({ flags: t.flags, seq: t.seq, ack: t.ack, len: payload.length, window: t.window, mss: t.mss });
    if (t.flags & TCP_RST) { this.rst = true; this.state = "CLOSED"; return; }
    if (this.state === "SYN_SENT") return this.synAck(t);
    if (t.flags & TCP_ACK) {
      if (((t.ack - this.sndUna) | 0) >= 0) { this.sndUna = t.ack; this.peerWnd = t.window; }
      if (this.state === "SYN_RCVD") { this.state = "ESTABLISHED"; this.onOpen?.(this); }
      if (this.state === "LAST_ACK" && t.ack === this.sndNxt) this.state = "CLOSED";
    }
    if (payload.length || t.flags & TCP_FIN) this.receive(t, payload);
    this.flush();
  }

  private synAck(t: TcpHeader): void {
    if ((t.flags & (TCP_SYN | TCP_ACK)) !== (TCP_SYN | TCP_ACK) || t.ack !== this.sndNxt) {
      this.net.violations.push(`SYN_SENT: unexpected flags ${t.flags} ack ${t.ack}`);
      return;
    }
    this.rcvNxt = (t.seq + 1) >>> 0; this.sndUna = t.ack; this.peerWnd = t.window; this.peerMss = t.mss ?? 536;
    this.state = "ESTABLISHED";
    this.send(TCP_ACK);
    this.onOpen?.(this);
    this.flush();
  }

  private receive(t: TcpHeader, payload: Uint8Array): void {
    if (t.seq !== this.rcvNxt) this.net.violations.push(`port ${this.port}: seq ${t.seq} != rcv.nxt ${this.rcvNxt}`);
    if (payload.length > this.window()) this.net.violations.push(`port ${this.port}: ${payload.length} bytes past a ${this.window()}-byte window`);
    if (payload.length) {
      this.chunks.push(payload.slice());
      if (this.opts.holdData) this.unread += payload.length;
      this.onData?.(this, payload);
    }
    this.rcvNxt = (this.rcvNxt + payload.length) >>> 0;
    if (t.flags & TCP_FIN) {
      this.rcvNxt = (this.rcvNxt + 1) >>> 0;
      this.fin = true;
      if (this.state === "ESTABLISHED") this.state = "CLOSE_WAIT";
      else if (this.state === "FIN_WAIT") this.state = "CLOSED";
    }
    this.send(TCP_ACK);
  }
}

export class GuestNet {
  readonly violations: string[] = [];
  readonly conns = new Map<string, GuestConn>();       // by "localPort:peerPort"
  readonly sent: Uint8Array[] = [];
  private listeners = new Map<number, (c: GuestConn) => void>();
  private nextPort = EPHEMERAL_LOW;

  constructor(private out: (frame: Uint8Array) => void, readonly opts: GuestOpts = {}) {}

  emit(frame: Uint8Array): void { this.sent.push(frame); this.out(frame); }

  /** A guest frame: 10.0.2.15 -> 10.0.2.2 unless overridden. */
  frame(s: { srcPort: number; dstPort: number; seq: number; ack: number; flags: number; window: number; mss?: number;
    payload?: Uint8Array; srcMac?: Mac; dstMac?: Mac; srcIp?: number; dstIp?: number }): Uint8Array {
    return tcpFrame({ srcMac: GUEST_MAC, dstMac: HOST_MAC, srcIp: GUEST_IP, dstIp: HOST_IP, ...s });
  }

  connect(port: number, opts: GuestOpts = this.opts): GuestConn {
    const c = new GuestConn(this, this.nextPort++, port, "SYN_SENT", opts);
    this.conns.set(`${c.port}:${c.peerPort}`, c);
    const mss = opts.mss === undefined ? MSS : opts.mss ?? undefined;
    c.send(TCP_SYN, new Uint8Array(0), mss);
    return c;
  }

  listen(port: number, onConn: (c: GuestConn) => void): void { this.listeners.set(port, onConn); }

  /** One frame from the peer. */
  input(frame: Uint8Array): void {
    const f = parseFrame(frame);
    if (isMalformed(f)) { this.violations.push(`peer sent a malformed frame: ${f.error}`); return; }
    if (!f.tcp) return;
    const t = f.tcp, c = this.conns.get(`${t.dstPort}:${t.srcPort}`);
    if (c && c.state !== "CLOSED") { c.segment(t, f.payload); return; }
    const onConn = this.listeners.get(t.dstPort);
    if (onConn && t.flags === TCP_SYN) return this.accept(t, onConn);
    if (!(t.flags & TCP_RST)) {
      this.emit(this.frame({ srcPort: t.dstPort, dstPort: t.srcPort, seq: t.flags & TCP_ACK ? t.ack : 0,
        ack: (t.seq + f.payload.length + (t.flags & TCP_SYN ? 1 : 0)) >>> 0, flags: TCP_RST | TCP_ACK, window: 0 }));
    }
  }

  private accept(t: TcpHeader, onConn: (c: GuestConn) => void): void {
    const c = new GuestConn(this, t.dstPort, t.srcPort, "SYN_RCVD", this.opts);
    this.conns.set(`${c.port}:${c.peerPort}`, c);
    c.rcvNxt = (t.seq + 1) >>> 0; c.peerWnd = t.window; c.peerMss = t.mss ?? 536;
    onConn(c);
    c.send(TCP_SYN | TCP_ACK, new Uint8Array(0), MSS);
  }
}

export interface PeerLike { input(frame: Uint8Array): void; output(): readonly Uint8Array[] }

/** Carry frames between a peer and a guest wired straight together until nothing moves. */
export function wire(peer: PeerLike, opts?: GuestOpts): { guest: GuestNet; pump: () => number } {
  const guest = new GuestNet((f) => peer.input(f), opts);
  const pump = (): number => {
    let n = 0;
    for (let frames = peer.output(); frames.length; frames = peer.output()) {
      for (const f of frames) { guest.input(f); n++; }
    }
    return n;
  };
  return { guest, pump };
}
