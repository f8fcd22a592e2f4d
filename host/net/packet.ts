// Ethernet, ARP, IPv4 and TCP as bytes: pure functions that build packets (network byte order,
// checksums filled in) and parse them (lengths and checksums checked, never throwing), and the
// TCP segmentation offload a NIC does (tsoSegment). Addresses are host-order u32 like
// kernel/abi/net.ts; MACs are strings "52:54:00:12:34:56".
// Interface: ipString(ip), parseIp(s), macOf(hi, lo), checksum(bytes), tcpChecksum(src, dst, seg);
// buildEth, buildArp, buildIpv4, buildTcp, tcpFrame(spec), arpFrame(...); parseFrame(bytes, opts?) ->
// Frame | Malformed (opts.csumOk: the TCP checksum is known good, as a NIC's checksum offload says),
// isMalformed(f); frameCheck(bytes) -> "bad" | "tcp" | "other" (parseFrame's checks, nothing allocated:
// a device's receive check); tsoPlan(frame, mss) -> TsoPlan | error string; tsoSegment(frame, mss) -> frames |
// error string; checkTcpCsumOffload(frame, start, off), fillTcpChecksum(frame, start, off).
import {
  ETH_HLEN, IP_HLEN, TCP_HLEN, ETH_P_IP, ETH_P_ARP, IPPROTO_TCP, TCP_FIN, TCP_PSH, TCP_SYN, TCPOPT_END, TCPOPT_NOP,
  TCPOPT_MSS, TCPOPT_WSCALE, TCP_MAX_WSCALE, IP_TTL, IP_DF, ARP_HRD_ETHER, GUEST_MAC_HI, GUEST_MAC_LO, HOST_MAC_HI, HOST_MAC_LO,
} from "../../kernel/abi/net";
import { IPPROTO_UDP } from "../../kernel/abi/socket";

export type Mac = string;

export interface EthHeader { dst: Mac; src: Mac; type: number }
export interface ArpPacket { op: number; sha: Mac; spa: number; tha: Mac; tpa: number }
export interface Ipv4Header {
  hlen: number; tos: number; totalLength: number; id: number; frag: number;   // frag: flags + offset field
  ttl: number; protocol: number; checksum: number; src: number; dst: number;
}
export interface TcpHeader {
  srcPort: number; dstPort: number; seq: number; ack: number; hlen: number; flags: number;
  window: number; checksum: number; urgent: number; mss?: number; options: Uint8Array;
  wscale?: number;           // the window scale option's shift (SYN only)
}
/** A parsed frame: the layers present; payload is what follows the last parsed header. */
export interface Frame {
  eth: EthHeader; arp?: ArpPacket; ip?: Ipv4Header; tcp?: TcpHeader; payload: Uint8Array;
  extra?: number;            // payload bytes after these, carried apart (the NIC's pieces: ParseOptions.extra)
}
export interface Malformed { error: string }

export const BROADCAST_MAC: Mac = "ff:ff:ff:ff:ff:ff";
export const GUEST_MAC: Mac = macOf(GUEST_MAC_HI, GUEST_MAC_LO);
export const HOST_MAC: Mac = macOf(HOST_MAC_HI, HOST_MAC_LO);
const ARP_LEN = 28;
const MSS_OPT_LEN = 4;
const WS_OPT_LEN = 4;                      // NOP + { kind 3, len 3, shift }

/** 10.0.2.15 for 0x0a00020f. */
export function ipString(ip: number): string {
  return [24, 16, 8, 0].map((s) => (ip >>> s) & 0xff).join(".");
}

/** "10.0.2.15" -> 0x0a00020f, or null. */
export function parseIp(s: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return parts.reduce((a, p) => a * 256 + p, 0);
}

/** The MAC whose first 2 bytes are hi and last 4 are lo (the kernel/abi/net.ts pairs). */
export function macOf(hi: number, lo: number): Mac {
  const b = [hi >>> 8, hi, lo >>> 24, lo >>> 16, lo >>> 8, lo].map((x) => (x & 0xff).toString(16).padStart(2, "0"));
  return b.join(":");
}

const HEX = Array.from({ length: 256 }, (_, x) => x.toString(16).padStart(2, "0"));
const macCache = new Map<Mac, Uint8Array>();  // a handful of MACs, parsed once each (per frame is hot;
function macBytes(m: Mac): Uint8Array {         //   bytes, so that set() copies them as memory)
  let b = macCache.get(m);
  if (!b) { b = Uint8Array.from(m.split(":").map((x) => parseInt(x, 16))); if (macCache.size < 256) macCache.set(m, b); }
  return b;
}
const macNames = new Map<number, Mac>();     // the MACs seen, by their 48-bit value (per frame is hot)
function macAt(b: Uint8Array, at: number): Mac {
  const key = (b[at] * 0x10000 + ((b[at + 1] << 8) | b[at + 2])) * 0x1000000 + ((b[at + 3] << 16) | (b[at + 4] << 8) | b[at + 5]);
  let m = macNames.get(key);
  if (m === undefined) {
    m = `${HEX[b[at]]}:${HEX[b[at + 1]]}:${HEX[b[at + 2]]}:${HEX[b[at + 3]]}:${HEX[b[at + 4]]}:${HEX[b[at + 5]]}`;
    if (macNames.size < 256) macNames.set(key, m);
  }
  return m;
}

/** 16-bit ones' complement sum of bytes (odd length padded with a zero), not folded. */
function sum16(b: Uint8Array, acc = 0): number { return sumRange(b, 0, b.length, acc); }

/** sum16 of b[from, to). */
function sumRange(b: Uint8Array, from: number, to: number, acc: number): number {
  const n = from + ((to - from) & ~1);
  for (let i = from; i < n; i += 2) acc += (b[i] << 8) | b[i + 1];
  if ((to - from) & 1) acc += b[n] << 8;
  return acc;
}

function fold(acc: number): number {
  while (acc > 0xffff) acc = (acc & 0xffff) + Math.floor(acc / 65536);
  return ~acc & 0xffff;
}

/** The Internet checksum (RFC 1071); over bytes that include a correct checksum it is 0. */
export function checksum(b: Uint8Array): number { return fold(sum16(b)); }

/** TCP checksum of a whole segment (header + data) with the IPv4 pseudo-header. */
export function tcpChecksum(srcIp: number, dstIp: number, seg: Uint8Array): number {
  return l4Checksum(srcIp, dstIp, IPPROTO_TCP, seg);
}

/** The checksum of a TCP or UDP segment (header + data) with the IPv4 pseudo-header for `protocol`. */
export function l4Checksum(srcIp: number, dstIp: number, protocol: number, seg: Uint8Array): number {
  const acc = (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff) + protocol + seg.length;
  return fold(sum16(seg, acc));
}

// Big-endian fields of a byte array (no DataView to allocate per packet).
function get16(b: Uint8Array, at: number): number { return (b[at] << 8) | b[at + 1]; }
function get32(b: Uint8Array, at: number): number { return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0; }
function put16(b: Uint8Array, at: number, x: number): void { b[at] = x >>> 8; b[at + 1] = x; }
function put32(b: Uint8Array, at: number, x: number): void { put16(b, at, x >>> 16); put16(b, at + 2, x & 0xffff); }

export function buildEth(h: EthHeader, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(ETH_HLEN + payload.length);
  out.set(macBytes(h.dst), 0);
  out.set(macBytes(h.src), 6);
  put16(out, 12, h.type);
  out.set(payload, ETH_HLEN);
  return out;
}

export function buildArp(p: ArpPacket): Uint8Array {
  const out = new Uint8Array(ARP_LEN);
  put16(out, 0, ARP_HRD_ETHER);
  put16(out, 2, ETH_P_IP);
  out[4] = 6; out[5] = 4;
  put16(out, 6, p.op);
  out.set(macBytes(p.sha), 8);
  put32(out, 14, p.spa);
  out.set(macBytes(p.tha), 18);
  put32(out, 24, p.tpa);
  return out;
}

/** A UDP datagram (8-byte header, checksum with the IPv4 pseudo-header), then the payload. */
export function buildUdp(srcIp: number, dstIp: number, srcPort: number, dstPort: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  put16(out, 0, srcPort); put16(out, 2, dstPort); put16(out, 4, out.length);
  out.set(payload, 8);
  const c = l4Checksum(srcIp, dstIp, IPPROTO_UDP, out);
  put16(out, 6, c === 0 ? 0xffff : c);
  return out;
}

export interface Ipv4Spec { src: number; dst: number; protocol: number; id?: number; ttl?: number; frag?: number; tos?: number }

/** A 20-byte IPv4 header (no options) with its checksum, then the payload. */
export function buildIpv4(s: Ipv4Spec, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(IP_HLEN + payload.length);
  writeIpv4(out, 0, s, payload.length);
  out.set(payload, IP_HLEN);
  return out;
}

/** buildIpv4's header at out[at], for a payload of `len` bytes after it. */
function writeIpv4(out: Uint8Array, at: number, s: Ipv4Spec, len: number): void {
  writeIpv4Fields(out, at, s.src, s.dst, s.protocol, s.id ?? 0, len, s.tos ?? 0, s.frag ?? IP_DF, s.ttl ?? IP_TTL);
}

/** writeIpv4 with the fields as arguments (a TCP frame per packet makes no spec object). */
function writeIpv4Fields(out: Uint8Array, at: number, src: number, dst: number, protocol: number, id: number, len: number,
  tos = 0, frag = IP_DF, ttl = IP_TTL): void {
  out[at] = 0x45;
  out[at + 1] = tos;
  put16(out, at + 2, IP_HLEN + len);
  put16(out, at + 4, id & 0xffff);
  put16(out, at + 6, frag);
  out[at + 8] = ttl;
  out[at + 9] = protocol;
  put16(out, at + 10, 0);
  put32(out, at + 12, src);
  put32(out, at + 16, dst);
  put16(out, at + 10, fold(sumRange(out, at, at + IP_HLEN, 0)));
}

export interface TcpSpec {
  srcPort: number; dstPort: number; seq: number; ack: number; flags: number; window: number;
  mss?: number;              // adds the MSS option (on SYNs)
  wscale?: number;           // adds NOP + the window scale option (on SYNs, after the MSS)
  urgent?: number;
}

/** A TCP segment (20-byte header, +4 with MSS) with its pseudo-header checksum. */
export function buildTcp(s: TcpSpec, payload: Uint8Array, srcIp: number, dstIp: number): Uint8Array {
  const out = new Uint8Array(tcpHlen(s) + payload.length);
  writeTcp(out, 0, s, payload, srcIp, dstIp);
  return out;
}

function tcpHlen(s: TcpSpec): number {
  return TCP_HLEN + (s.mss !== undefined ? MSS_OPT_LEN : 0) + (s.wscale !== undefined ? WS_OPT_LEN : 0);
}

/** buildTcp's segment written at out[at], which ends where the segment does. */
function writeTcp(out: Uint8Array, at: number, s: TcpSpec, payload: Uint8Array, srcIp: number, dstIp: number): void {
  const mssAt = at + TCP_HLEN, wsAt = mssAt + (s.mss !== undefined ? MSS_OPT_LEN : 0), hlen = tcpHlen(s);
  put16(out, at, s.srcPort);
  put16(out, at + 2, s.dstPort);
  put32(out, at + 4, s.seq >>> 0);
  put32(out, at + 8, s.ack >>> 0);
  out[at + 12] = (hlen / 4) << 4;
  out[at + 13] = s.flags;
  put16(out, at + 14, s.window);
  put16(out, at + 18, s.urgent ?? 0);
  if (s.mss !== undefined) { out[mssAt] = TCPOPT_MSS; out[mssAt + 1] = MSS_OPT_LEN; put16(out, mssAt + 2, s.mss); }
  if (s.wscale !== undefined) { out[wsAt] = TCPOPT_NOP; out[wsAt + 1] = TCPOPT_WSCALE; out[wsAt + 2] = 3; out[wsAt + 3] = s.wscale; }
  out.set(payload, at + hlen);
  const len = out.length - at;
  const pseudo = (srcIp >>> 16) + (srcIp & 0xffff) + (dstIp >>> 16) + (dstIp & 0xffff) + IPPROTO_TCP + len;
  put16(out, at + 16, fold(sumRange(out, at, out.length, pseudo)));
}

export interface TcpFrameSpec extends TcpSpec {
  srcMac: Mac; dstMac: Mac; srcIp: number; dstIp: number; ipId?: number; payload?: Uint8Array;
}

/** A whole Ethernet/IPv4/TCP frame (built in place: one allocation). */
export function tcpFrame(s: TcpFrameSpec): Uint8Array {
  const payload = s.payload ?? NO_BYTES, segLen = tcpHlen(s) + payload.length;
  const out = new Uint8Array(ETH_HLEN + IP_HLEN + segLen);
  out.set(macBytes(s.dstMac), 0);
  out.set(macBytes(s.srcMac), 6);
  put16(out, 12, ETH_P_IP);
  writeIpv4Fields(out, ETH_HLEN, s.srcIp, s.dstIp, IPPROTO_TCP, s.ipId ?? 0, segLen);
  writeTcp(out, ETH_HLEN + IP_HLEN, s, payload, s.srcIp, s.dstIp);
  return out;
}
const NO_BYTES = new Uint8Array(0);

/** A whole Ethernet/ARP frame. */
export function arpFrame(dst: Mac, p: ArpPacket): Uint8Array {
  return buildEth({ dst, src: p.sha, type: ETH_P_ARP }, buildArp(p));
}

/** Parse a frame. Never throws: garbage comes back as { error } naming what is wrong.
 *  Trailing bytes after the IPv4 total length (Ethernet padding) are ignored. */
export function parseFrame(b: Uint8Array, opts: ParseOptions = {}): Frame | Malformed {
  if (b.length < ETH_HLEN) return { error: `runt frame (${b.length} bytes)` };
  const eth: EthHeader = { dst: macAt(b, 0), src: macAt(b, 6), type: get16(b, 12) };
  const rest = b.subarray(ETH_HLEN);
  if (eth.type === ETH_P_ARP) return parseArp(eth, rest);
  if (eth.type === ETH_P_IP) return parseIpv4(eth, rest, opts.csumOk ?? false, opts.extra ?? 0);
  return { eth, payload: rest };
}

export interface ParseOptions {
  csumOk?: boolean;          // the TCP checksum is known good (our NIC's offload): not summed again
  extra?: number;            // the frame is the headers only: this many payload bytes follow elsewhere
}

function parseArp(eth: EthHeader, b: Uint8Array): Frame | Malformed {
  if (b.length < ARP_LEN) return { error: `ARP: ${b.length} bytes` };
  if (get16(b, 0) !== ARP_HRD_ETHER || get16(b, 2) !== ETH_P_IP || b[4] !== 6 || b[5] !== 4) {
    return { error: "ARP: not Ethernet/IPv4" };
  }
  const arp = { op: get16(b, 6), sha: macAt(b, 8), spa: get32(b, 14), tha: macAt(b, 18), tpa: get32(b, 24) };
  return { eth, arp, payload: b.subarray(ARP_LEN) };
}

function parseIpv4(eth: EthHeader, b: Uint8Array, csumOk: boolean, extra: number): Frame | Malformed {
  if (b.length < IP_HLEN) return { error: `IPv4: ${b.length} bytes` };
  const hlen = (b[0] & 0xf) * 4, totalLength = get16(b, 2);
  if (b[0] >> 4 !== 4) return { error: `IPv4: version ${b[0] >> 4}` };
  if (hlen < IP_HLEN) return { error: `IPv4: header length ${hlen}` };
  if (totalLength < hlen || totalLength > b.length + extra || (extra > 0 && totalLength !== b.length + extra)) {
    return { error: `IPv4: total length ${totalLength} of ${b.length + extra} bytes` };
  }
  if (fold(sumRange(b, 0, hlen, 0)) !== 0) return { error: "IPv4: bad header checksum" };
  const ip: Ipv4Header = { hlen, tos: b[1], totalLength, id: get16(b, 4), frag: get16(b, 6), ttl: b[8],
    protocol: b[9], checksum: get16(b, 10), src: get32(b, 12), dst: get32(b, 16) };
  const body = b.subarray(hlen, totalLength - extra);
  if (ip.protocol !== IPPROTO_TCP || (ip.frag & 0x3fff) !== 0) return { eth, ip, payload: body };   // not TCP, or a fragment
  if (extra > 0 && !csumOk) return { error: "TCP: payload apart, checksum not vouched for" };
  return parseTcp(eth, ip, body, csumOk, extra);
}

function parseTcp(eth: EthHeader, ip: Ipv4Header, b: Uint8Array, csumOk: boolean, extra: number): Frame | Malformed {
  if (b.length < TCP_HLEN) return { error: `TCP: ${b.length} bytes` };
  const hlen = (b[12] >> 4) * 4;
  if (hlen < TCP_HLEN || hlen > b.length) return { error: `TCP: header length ${hlen} of ${b.length} bytes` };
  if (!csumOk && tcpChecksum(ip.src, ip.dst, b) !== 0) return { error: "TCP: bad checksum" };
  const options = hlen > TCP_HLEN ? b.subarray(TCP_HLEN, hlen) : NO_BYTES;   // (most segments have none)
  const opt = hlen > TCP_HLEN ? synOptions(options) : NO_OPTIONS;
  if (opt === null) return { error: "TCP: bad options" };
  const tcp: TcpHeader = { srcPort: get16(b, 0), dstPort: get16(b, 2), seq: get32(b, 4), ack: get32(b, 8),
    hlen, flags: b[13], window: get16(b, 14), checksum: get16(b, 16), urgent: get16(b, 18), options };
  if (opt.mss !== undefined) tcp.mss = opt.mss;
  if (opt.wscale !== undefined) tcp.wscale = opt.wscale;
  const f: Frame = { eth, ip, tcp, payload: b.subarray(hlen) };
  if (extra > 0) f.extra = extra;
  return f;
}

const NO_OPTIONS: { mss?: number; wscale?: number } = Object.freeze({});

/** The MSS and window scale options' values (each undefined if absent), null if the options are malformed. */
function synOptions(o: Uint8Array): { mss?: number; wscale?: number } | null {
  const out: { mss?: number; wscale?: number } = {};
  for (let i = 0; i < o.length;) {
    if (o[i] === TCPOPT_END) break;
    if (o[i] === TCPOPT_NOP) { i++; continue; }
    const len = o[i + 1];
    if (i + 1 >= o.length || len < 2 || i + len > o.length) return null;
    if (o[i] === TCPOPT_MSS) { if (len !== MSS_OPT_LEN) return null; out.mss = (o[i + 2] << 8) | o[i + 3]; }
    if (o[i] === TCPOPT_WSCALE) { if (len !== 3) return null; out.wscale = Math.min(o[i + 2], TCP_MAX_WSCALE); }
    i += len;
  }
  return out;
}

export function isMalformed(f: Frame | Malformed): f is Malformed { return "error" in f; }

/** What parseFrame(b) would say, without making the Frame: "bad" (Malformed), "tcp" (a TCP segment
 *  whose checksum is right), "other" (well formed, not TCP). */
export function frameCheck(b: Uint8Array): "bad" | "tcp" | "other" {
  if (b.length < ETH_HLEN) return "bad";
  const type = get16(b, 12), ip = ETH_HLEN;
  if (type === ETH_P_ARP) {
    if (b.length - ETH_HLEN < ARP_LEN) return "bad";
    return get16(b, ip) !== ARP_HRD_ETHER || get16(b, ip + 2) !== ETH_P_IP || b[ip + 4] !== 6 || b[ip + 5] !== 4 ? "bad" : "other";
  }
  if (type !== ETH_P_IP) return "other";
  if (b.length - ETH_HLEN < IP_HLEN) return "bad";
  const hlen = (b[ip] & 0xf) * 4, total = get16(b, ip + 2);
  if (b[ip] >> 4 !== 4 || hlen < IP_HLEN || total < hlen || total > b.length - ETH_HLEN) return "bad";
  if (fold(sumRange(b, ip, ip + hlen, 0)) !== 0) return "bad";
  if (b[ip + 9] !== IPPROTO_TCP || (get16(b, ip + 6) & 0x3fff) !== 0) return "other";
  const t = ip + hlen, end = ip + total, thlen = (b[t + 12] >> 4) * 4;
  if (end - t < TCP_HLEN || thlen < TCP_HLEN || thlen > end - t) return "bad";
  const src = get32(b, ip + 12), dst = get32(b, ip + 16);
  const pseudo = (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + IPPROTO_TCP + (end - t);
  if (fold(sumRange(b, t, end, pseudo)) !== 0) return "bad";
  return optionsValid(b, t + TCP_HLEN, t + thlen) ? "tcp" : "bad";
}

/** synOptions' rules on b[from, to), nothing allocated. */
function optionsValid(o: Uint8Array, from: number, to: number): boolean {
  for (let i = from; i < to;) {
    if (o[i] === TCPOPT_END) break;
    if (o[i] === TCPOPT_NOP) { i++; continue; }
    const len = o[i + 1];
    if (i + 1 >= to || len < 2 || i + len > to) return false;
    if (o[i] === TCPOPT_MSS && len !== MSS_OPT_LEN) return false;
    if (o[i] === TCPOPT_WSCALE && len !== 3) return false;
    i += len;
  }
  return true;
}

/** What TSO makes of one packet: the headers (hdrEnd bytes) repeated before each of `segments`
 *  pieces of at most mss payload bytes (dataLen in all; a packet without data is one segment). */
export interface TsoPlan { ipHlen: number; hdrEnd: number; dataLen: number; mss: number; segments: number }

/** Check that frame is a TCP/IPv4 packet TSO can cut into mss-sized segments; an error string if not.
 *  len: the packet's length when `frame` holds only its headers (the payload lies elsewhere). */
export function tsoPlan(frame: Uint8Array, mss: number, len = frame.length): TsoPlan | string {
  if (!Number.isInteger(mss) || mss <= 0) return `gso_size ${mss}`;
  if (len < ETH_HLEN + IP_HLEN + TCP_HLEN || frame.length < ETH_HLEN + IP_HLEN + TCP_HLEN) return `TSO frame of ${len} bytes`;
  const ipAt = ETH_HLEN;
  if (get16(frame, 12) !== ETH_P_IP || frame[ipAt] >> 4 !== 4) return "TSO frame is not IPv4";
  const ipHlen = (frame[ipAt] & 0xf) * 4, total = get16(frame, ipAt + 2);
  if (frame[ipAt + 9] !== IPPROTO_TCP) return "TSO frame is not TCP";
  if (ipHlen < IP_HLEN || total > len - ETH_HLEN || total < ipHlen + TCP_HLEN) return `TSO frame: IPv4 total length ${total}`;
  const tcpAt = ipAt + ipHlen, tcpHlen = (frame[tcpAt + 12] >> 4) * 4;
  if (tcpHlen < TCP_HLEN || ipHlen + tcpHlen > total) return `TSO frame: TCP header length ${tcpHlen}`;
  if (frame[tcpAt + 13] & TCP_SYN) return "TSO frame is a SYN";
  const dataLen = total - ipHlen - tcpHlen;
  return { ipHlen, hdrEnd: tcpAt + tcpHlen, dataLen, mss, segments: Math.max(1, Math.ceil(dataLen / mss)) };
}

/** TSO: cut one Ethernet/IPv4/TCP frame whose TCP payload exceeds mss into frames of at most mss
 *  payload bytes: IP total length, id (+1 per segment) and checksum, TCP seq and checksum fixed;
 *  FIN and PSH only on the last segment. The input's own checksums are not checked (a driver
 *  using TSO leaves them to the device). Returns an error string for a packet it cannot cut. */
export function tsoSegment(frame: Uint8Array, mss: number): Uint8Array[] | string {
  const p = tsoPlan(frame, mss);
  if (typeof p === "string") return p;
  const ipAt = ETH_HLEN, tcpAt = ipAt + p.ipHlen, hdrEnd = p.hdrEnd;
  const out: Uint8Array[] = [];
  for (let off = 0, i = 0; i < p.segments; off += mss, i++) {
    const n = Math.min(mss, p.dataLen - off), last = i === p.segments - 1;
    const seg = new Uint8Array(hdrEnd + n);
    seg.set(frame.subarray(0, hdrEnd));
    seg.set(frame.subarray(hdrEnd + off, hdrEnd + off + n), hdrEnd);
    fixSegment(seg, p.ipHlen, get16(frame, ipAt + 4) + i, get32(frame, tcpAt + 4) + off, last);
    out.push(seg);
  }
  return out;
}

function fixSegment(seg: Uint8Array, ipHlen: number, id: number, seq: number, last: boolean): void {
  const ipAt = ETH_HLEN, tcpAt = ETH_HLEN + ipHlen;
  put16(seg, ipAt + 2, seg.length - ETH_HLEN);
  put16(seg, ipAt + 4, id & 0xffff);
  put16(seg, ipAt + 10, 0);
  put16(seg, ipAt + 10, checksum(seg.subarray(ipAt, tcpAt)));
  put32(seg, tcpAt + 4, seq >>> 0);
  if (!last) seg[tcpAt + 13] &= ~(TCP_FIN | TCP_PSH);
  put16(seg, tcpAt + 16, 0);
  put16(seg, tcpAt + 16, tcpChecksum(get32(seg, ipAt + 12), get32(seg, ipAt + 16), seg.subarray(tcpAt)));
}

/** Can checksum offload (NEEDS_CSUM) fill in this IPv4/TCP frame's checksum? csumStart/csumOffset
 *  must name the TCP checksum field; len: the frame's length if `frame` is only its headers. An
 *  error string, or null. */
export function checkTcpCsumOffload(frame: Uint8Array, csumStart: number, csumOffset: number, len = frame.length): string | null {
  if (len < ETH_HLEN + IP_HLEN + TCP_HLEN || frame.length < ETH_HLEN + IP_HLEN + TCP_HLEN) return `checksum offload on a ${len}-byte frame`;
  const ipAt = ETH_HLEN, ipHlen = (frame[ipAt] & 0xf) * 4, total = get16(frame, ipAt + 2);
  if (get16(frame, 12) !== ETH_P_IP || frame[ipAt] >> 4 !== 4 || frame[ipAt + 9] !== IPPROTO_TCP) return "checksum offload on a frame that is not IPv4/TCP";
  if (csumStart !== ETH_HLEN + ipHlen || csumOffset !== 16) return `csum_start ${csumStart} / csum_offset ${csumOffset} is not the TCP checksum`;
  if (total < ipHlen + TCP_HLEN || ETH_HLEN + total > len) return `checksum offload: IPv4 total length ${total}`;
  return null;
}

/** Checksum offload (NEEDS_CSUM): write the full TCP checksum (pseudo-header + segment) of an
 *  IPv4/TCP frame in place (checkTcpCsumOffload's rules). Error string or null. */
export function fillTcpChecksum(frame: Uint8Array, csumStart: number, csumOffset: number): string | null {
  const err = checkTcpCsumOffload(frame, csumStart, csumOffset);
  if (err) return err;
  const ipAt = ETH_HLEN, total = get16(frame, ipAt + 2);
  const seg = frame.subarray(csumStart, ETH_HLEN + total);
  put16(frame, csumStart + csumOffset, 0);
  put16(frame, csumStart + csumOffset, tcpChecksum(get32(frame, ipAt + 12), get32(frame, ipAt + 16), seg));
  return null;
}
