// The small services the host side runs on 10.0.2.2, as inetd once did: echo (port 7) sends every
// byte back, discard (9) swallows them and counts them (with opts.hash it also keeps an FNV-1a and a
// sha256 per connection, so tests can check that bytes arrived intact), chargen (19) sends RFC 864's
// rotating lines for as long as the guest reads (never past the guest's window: the TCP side holds
// back). UDP discard (port 9, RFC 863 over UDP) counts the datagrams it swallows and tallies their
// payloads in order, always hashed (datagram traffic is small: the netmap and packet-ring demos;
// udpInput: the checksum is checked first; a bad one, or another port, is refused with a reason);
// UDP echo (port 7) sends each datagram back (udpEcho counts them).
// Interface: new Services(tcp, { hash, sendUdp }?); discard.connections (Tally: bytes, fnv, sha256()),
// discard.total.bytes; udpDiscard (datagrams, and a Tally of their payloads), udpEcho.datagrams;
// udpInput(srcIp, dstIp, segment) -> null or why dropped (an echo goes out through sendUdp(srcPort,
// dstPort, payload));
// echo.bytes; chargen.connections, chargen.bytes (sent); fnv1a(bytes); chargenBytes(offset, n).
import { createHash, type Hash } from "node:crypto";
import { PORT_ECHO, PORT_DISCARD, PORT_CHARGEN } from "../../kernel/abi/net";
import { IPPROTO_UDP } from "../../kernel/abi/socket";
import { l4Checksum } from "./packet";
import type { TcpApp, TcpConn, TcpStack } from "./tcp";

const FNV_OFFSET = 0x811c9dc5;       // FNV-1a 32-bit offset basis
const FNV_PRIME = 0x01000193;
const CHARGEN_LINE = 72;             // printable characters per line, then CR LF
const CHARGEN_CHARS = 95;            // ' ' (32) to '~' (126)
const CHARGEN_CHUNK = 16384;         // queued per send
const UDP_HLEN = 8;                  // { be16 sport, dport, length, checksum }

/** FNV-1a 32 of bytes, continuing from h. */
export function fnv1a(bytes: Uint8Array, h = FNV_OFFSET): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], FNV_PRIME) >>> 0;
  return h;
}

/** One discard connection's tally: the bytes, and with hashing their FNV-1a and sha256. */
export class Tally {
  bytes = 0;
  closed = false;
  private h = FNV_OFFSET;
  private hash: Hash | null = null;     // made when first needed: a machine that never uses it never loads crypto

  constructor(readonly guestPort: number, private readonly hashed = false) {}

  add(b: Uint8Array): void {
    this.bytes += b.length;
    if (this.hashed) { this.h = fnv1a(b, this.h); this.hashing().update(b); }
  }

  /** FNV-1a 32 of everything so far (hashing only: a tally that only counts throws). */
  get fnv(): number { this.hashing(); return this.h; }

  /** sha256 (hex) of everything so far (hashing only). */
  sha256(): string { return this.hashing().copy().digest("hex"); }

  private hashing(): Hash {
    if (!this.hashed) throw new Error("the discard service only counts: ask for its hashes with { discardHash: true }");
    return (this.hash ??= createHash("sha256"));
  }
}

/** n bytes of the chargen stream from offset: line k is 72 characters starting at ' ' + k mod 95, then CR LF. */
export function chargenBytes(offset: number, n: number): Uint8Array {
  const out = new Uint8Array(n), lineLen = CHARGEN_LINE + 2;
  for (let i = 0; i < n; i++) {
    const pos = offset + i, line = Math.floor(pos / lineLen), col = pos % lineLen;
    out[i] = col < CHARGEN_LINE ? 32 + ((line + col) % CHARGEN_CHARS) : col === CHARGEN_LINE ? 13 : 10;
  }
  return out;
}

export class Services {
  readonly discard = { connections: [] as Tally[], total: { bytes: 0 } };
  readonly echo = { bytes: 0 };
  readonly udpDiscard = { datagrams: 0, tally: new Tally(0, true) };
  readonly udpEcho = { datagrams: 0 };
  readonly chargen = { connections: [] as TcpConn[], get bytes(): number { return this.connections.reduce((n, c) => n + c.bytesOut, 0); } };

  private hash: boolean;
  private sendUdp?: (srcPort: number, dstPort: number, payload: Uint8Array) => void;

  constructor(tcp: TcpStack, opts: { hash?: boolean; sendUdp?: (srcPort: number, dstPort: number, payload: Uint8Array) => void } = {}) {
    this.hash = opts.hash ?? false;
    this.sendUdp = opts.sendUdp;
    tcp.listen(PORT_DISCARD, (c) => this.discardApp(c));
    tcp.listen(PORT_ECHO, () => this.echoApp());
    tcp.listen(PORT_CHARGEN, (c) => { this.chargen.connections.push(c); return this.chargenApp(); });
  }

  /** One UDP segment (header + data) from the guest to 10.0.2.2; null when taken, else why it was dropped. */
  udpInput(srcIp: number, dstIp: number, seg: Uint8Array): string | null {
    if (seg.length < UDP_HLEN) return `UDP: ${seg.length} bytes`;
    const v = new DataView(seg.buffer, seg.byteOffset, seg.byteLength);
    const len = v.getUint16(4);
    if (len < UDP_HLEN || len > seg.length) return `UDP: length ${len} of ${seg.length} bytes`;
    const dgram = seg.subarray(0, len);
    if (v.getUint16(6) !== 0 && l4Checksum(srcIp, dstIp, IPPROTO_UDP, dgram) !== 0) return "UDP: bad checksum";
    if (v.getUint16(2) === PORT_ECHO && this.sendUdp) {
      this.udpEcho.datagrams++;
      this.sendUdp(PORT_ECHO, v.getUint16(0), dgram.slice(UDP_HLEN));
      return null;
    }
    if (v.getUint16(2) !== PORT_DISCARD) return `UDP port ${v.getUint16(2)}`;
    this.udpDiscard.datagrams++;
    this.udpDiscard.tally.add(dgram.subarray(UDP_HLEN));
    return null;
  }

  private discardApp(c: TcpConn): TcpApp {
    const t = new Tally(c.guestPort, this.hash);
    this.discard.connections.push(t);
    return {
      data: (_c, b) => { t.add(b); this.discard.total.bytes += b.length; },
      end: (conn) => conn.close(),
      closed: () => { t.closed = true; },
    };
  }

  /** Echo holds what it cannot queue yet, so a guest that does not read stops the guest's writer. */
  private echoApp(): TcpApp {
    let held = 0;
    return {
      holdsData: true,
      data: (c, b) => {
        this.echo.bytes += b.length;
        if (c.send(b)) c.consumed(b.length); else held += b.length;
      },
      writable: (c) => { const n = held; held = 0; c.consumed(n); },
      end: (c) => c.close(),
    };
  }

  /** Chargen keeps its send queue topped up; the guest's window paces the wire. */
  private chargenApp(): TcpApp {
    let offset = 0;
    const fill = (c: TcpConn): void => {
      for (let more = true; more;) {
        more = c.send(chargenBytes(offset, CHARGEN_CHUNK));
        offset += CHARGEN_CHUNK;
      }
    };
    return {
      open: fill,
      writable: fill,
      data: () => {},
      end: (c) => { c.dropQueued(); c.close(); },
    };
  }
}
