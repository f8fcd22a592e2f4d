// A fuzz program: calls with typed arguments, and the bytes of its buffer (paths, iovecs, sockaddrs,
// offsets) that the executor copies to BUF_BASE before the first call. Arguments are values or
// references resolved when the call is issued (host/fuzz/wire.ts).
// Interface: Arg, Call, Program; val(v), res(k, add), mem32(off, add); encode(program) -> the executor's
// stdin; callCount(program); six(...args), bufferOf(runs) for program literals.
import { ArgKind, BUF_SIZE, CALL_BYTES, HEADER_BYTES, MAX_CALLS, WIRE_MAGIC } from "./wire";

/** One argument: a value, or (result of call `ref`) + value, or (the i32 at BUF_BASE + ref) + value. */
export interface Arg { kind: ArgKind; ref: number; value: bigint }
export interface Call { nr: number; args: Arg[] }    // always six arguments
export interface Program { data: Uint8Array; calls: Call[] }

export const val = (value: bigint): Arg => ({ kind: ArgKind.value, ref: 0, value: BigInt.asUintN(64, value) });
export const res = (ref: number, add = 0n): Arg => ({ kind: ArgKind.result, ref, value: BigInt.asUintN(64, add) });
export const mem32 = (off: number, add = 0n): Arg => ({ kind: ArgKind.mem32, ref: off, value: BigInt.asUintN(64, add) });

export function encode(p: Program): Uint8Array {
  if (p.calls.length > MAX_CALLS || p.data.length > BUF_SIZE) throw new RangeError("fuzz program too large");
  const out = new Uint8Array(HEADER_BYTES + p.data.length + p.calls.length * CALL_BYTES);
  const v = new DataView(out.buffer);
  v.setUint32(0, WIRE_MAGIC, true);
  v.setUint32(4, p.calls.length, true);
  v.setUint32(8, p.data.length, true);
  out.set(p.data, HEADER_BYTES);
  let at = HEADER_BYTES + p.data.length;
  for (const c of p.calls) {
    v.setUint32(at, c.nr, true);
    for (let i = 0; i < 6; i++) {
      const a = c.args[i] ?? val(0n), o = at + 4 + i * 16;
      v.setUint8(o, a.kind);
      v.setUint32(o + 4, a.ref, true);
      v.setBigUint64(o + 8, BigInt.asUintN(64, a.value), true);
    }
    at += CALL_BYTES;
  }
  return out;
}

export function callCount(p: Program): number { return p.calls.length; }

/** Six arguments: the given ones, then zeros (for program literals in tests). */
export function six(...args: Arg[]): Arg[] {
  const out = args.slice(0, 6);
  while (out.length < 6) out.push(val(0n));
  return out;
}

/** A buffer from runs of bytes [[offset, "hex"], ...] (for program literals in tests). */
export function bufferOf(runs: [number, string][]): Uint8Array {
  const end = runs.reduce((n, [at, h]) => Math.max(n, at + h.length / 2), 0);
  const out = new Uint8Array(end);
  for (const [at, h] of runs) out.set(Buffer.from(h, "hex"), at);
  return out;
}
