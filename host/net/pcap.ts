// A pcap capture (the libpcap file format Wireshark and tshark read) of the virtual wire, both
// directions, stamped with the VIRTUAL clock. Records may be handed in out of time order (a frame
// sent now arrives later, answers arrive in between): they are held until flush(nowNs) says no
// earlier record can still come, and written sorted by time.
//   global header (24 bytes, little-endian): magic 0xa1b2c3d4, version 2.4, thiszone 0, sigfigs 0,
//                                            snaplen, linktype 1 (Ethernet)
//   each record: { u32 ts_sec, u32 ts_usec, u32 incl_len, u32 orig_len } then incl_len bytes
// Interface: new PcapWriter(path?); record(frame, tsNs); flush(nowNs); close(); bytes() (the file so
// far, when kept in memory); frames; readPcap(bytes) -> { header, records } for tools and tests.
import { closeSync, openSync, writeSync } from "node:fs";

export const PCAP_MAGIC = 0xa1b2c3d4;
export const PCAP_VERSION_MAJOR = 2;
export const PCAP_VERSION_MINOR = 4;
export const PCAP_SNAPLEN = 65535;
export const LINKTYPE_ETHERNET = 1;
const GLOBAL_HDR = 24;
const RECORD_HDR = 16;

interface Held { tsNs: bigint; seq: number; frame: Uint8Array; orig: number }

export class PcapWriter {
  frames = 0;                              // records written or held
  private held: Held[] = [];
  private chunks: Uint8Array[] = [];       // the file, when there is no path
  private fd: number | null = null;

  /** Write to path as the capture goes; without a path keep the file in memory (bytes()). */
  constructor(path?: string) {
    if (path !== undefined) this.fd = openSync(path, "w");
    this.emit(globalHeader());
  }

  /** One frame seen on the wire at virtual time tsNs. */
  record(frame: Uint8Array, tsNs: bigint): void {
    this.held.push({ tsNs, seq: this.frames++, frame: frame.slice(0, PCAP_SNAPLEN), orig: frame.length });
  }

  /** Write every held record stamped at or before nowNs (no earlier one can be recorded later). */
  flush(nowNs?: bigint): void {
    this.held.sort((a, b) => (a.tsNs < b.tsNs ? -1 : a.tsNs > b.tsNs ? 1 : a.seq - b.seq));
    let n = 0;
    while (n < this.held.length && (nowNs === undefined || this.held[n].tsNs <= nowNs)) n++;
    for (const h of this.held.splice(0, n)) this.emit(recordBytes(h));
  }

  /** Write everything held; close the file. */
  close(): void {
    this.flush();
    if (this.fd !== null) { closeSync(this.fd); this.fd = null; }
  }

  /** The capture written so far (in-memory writers only). */
  bytes(): Uint8Array { return Buffer.concat(this.chunks); }

  private emit(b: Uint8Array): void {
    if (this.fd !== null) writeSync(this.fd, b); else this.chunks.push(b);
  }
}

function globalHeader(): Uint8Array {
  const b = new Uint8Array(GLOBAL_HDR), v = new DataView(b.buffer);
  v.setUint32(0, PCAP_MAGIC, true);
  v.setUint16(4, PCAP_VERSION_MAJOR, true);
  v.setUint16(6, PCAP_VERSION_MINOR, true);
  v.setUint32(16, PCAP_SNAPLEN, true);
  v.setUint32(20, LINKTYPE_ETHERNET, true);
  return b;
}

function recordBytes(h: Held): Uint8Array {
  const b = new Uint8Array(RECORD_HDR + h.frame.length), v = new DataView(b.buffer);
  v.setUint32(0, Number(h.tsNs / 1_000_000_000n), true);
  v.setUint32(4, Number((h.tsNs % 1_000_000_000n) / 1000n), true);
  v.setUint32(8, h.frame.length, true);
  v.setUint32(12, h.orig, true);
  b.set(h.frame, RECORD_HDR);
  return b;
}

export interface PcapHeader { magic: number; major: number; minor: number; snaplen: number; linktype: number }
export interface PcapRecord { tsSec: number; tsUsec: number; origLen: number; frame: Uint8Array }

/** Parse a little-endian pcap file; throws on a truncated or foreign file. */
export function readPcap(b: Uint8Array): { header: PcapHeader; records: PcapRecord[] } {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length < GLOBAL_HDR || v.getUint32(0, true) !== PCAP_MAGIC) throw new Error("not a little-endian pcap file");
  const header = { magic: v.getUint32(0, true), major: v.getUint16(4, true), minor: v.getUint16(6, true),
    snaplen: v.getUint32(16, true), linktype: v.getUint32(20, true) };
  const records: PcapRecord[] = [];
  for (let at = GLOBAL_HDR; at < b.length;) {
    if (at + RECORD_HDR > b.length) throw new Error(`pcap: truncated record header at ${at}`);
    const incl = v.getUint32(at + 8, true);
    if (at + RECORD_HDR + incl > b.length) throw new Error(`pcap: truncated record at ${at}`);
    records.push({ tsSec: v.getUint32(at, true), tsUsec: v.getUint32(at + 4, true), origLen: v.getUint32(at + 12, true),
      frame: b.slice(at + RECORD_HDR, at + RECORD_HDR + incl) });
    at += RECORD_HDR + incl;
  }
  return { header, records };
}
