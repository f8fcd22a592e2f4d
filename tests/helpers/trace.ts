// Test helpers for host/trace: write trace records in the kernel's layout, fake user memory, run a Tracer.
import { Ev, TRACE_REC_SIZE, TraceClass, Routine, Place, Agent, FaultKind } from "../../kernel/abi/trace";
import { Sys } from "../../kernel/abi/syscalls";
import { decodeRecords, Tracer, formatText, type TraceEvent } from "../../host/trace";

export interface Rec {
  seq: number;
  kind: Ev;
  pid?: number;
  cause?: number;
  sub?: number;
  time?: number | bigint;
  a?: (number | bigint)[];
}

/** Records laid out as the kernel writes them, starting at byte `base`. */
export function writeRecords(recs: Rec[], base = 0): Uint8Array {
  const mem = new Uint8Array(base + recs.length * TRACE_REC_SIZE);
  const dv = new DataView(mem.buffer);
  recs.forEach((r, i) => {
    const o = base + i * TRACE_REC_SIZE;
    dv.setUint32(o, r.seq, true);
    dv.setUint16(o + 4, r.kind, true);
    dv.setUint16(o + 6, r.pid ?? 1, true);
    dv.setUint32(o + 8, r.cause ?? 0, true);
    dv.setUint32(o + 12, r.sub ?? 0, true);
    dv.setBigUint64(o + 16, BigInt(r.time ?? 0), true);
    (r.a ?? []).forEach((v, k) => dv.setBigInt64(o + 24 + 8 * k, BigInt(v), true));
  });
  return mem;
}

/** Fake user memory: bytes by (pid, va); reads of unset bytes fail like unmapped pages. */
export class FakeUser {
  private bytes = new Map<string, number>();

  poke(pid: number, va: number, data: string | Uint8Array | number[]): this {
    const b = typeof data === "string" ? new TextEncoder().encode(data) : Uint8Array.from(data);
    b.forEach((x, i) => this.bytes.set(`${pid}:${va + i}`, x));
    return this;
  }

  /** A NUL-terminated string. */
  pokeStr(pid: number, va: number, s: string): this {
    return this.poke(pid, va, s).poke(pid, va + new TextEncoder().encode(s).length, [0]);
  }

  pokeU32(pid: number, va: number, ...v: number[]): this {
    const b = new Uint8Array(4 * v.length);
    v.forEach((x, i) => new DataView(b.buffer).setUint32(4 * i, x, true));
    return this.poke(pid, va, b);
  }

  pokeI64(pid: number, va: number, ...v: bigint[]): this {
    const b = new Uint8Array(8 * v.length);
    v.forEach((x, i) => new DataView(b.buffer).setBigInt64(8 * i, x, true));
    return this.poke(pid, va, b);
  }

  readUser = (pid: number, va: number, len: number): Uint8Array | null => {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      const x = this.bytes.get(`${pid}:${va + i}`);
      if (x === undefined) return null;
      out[i] = x;
    }
    return out;
  };
}

export interface RunOptions { user?: FakeUser; classes?: number; strSize?: number; multiPid?: boolean }

/** Decode records, run them through a Tracer in one push per record (as the kernel flushes). */
export function runTrace(recs: Rec[], o: RunOptions = {}): { events: TraceEvent[]; lines: string[] } {
  const user = o.user ?? new FakeUser();
  const t = new Tracer({ classes: o.classes ?? TraceClass.all, readUser: user.readUser, strSize: o.strSize, keep: true });
  const raw = decodeRecords(writeRecords(recs), 0, recs.length);
  for (const r of raw) t.push([r]);
  t.finish();
  const lines = t.events.map((e) => formatText(e, { multiPid: o.multiPid ?? false })).filter((l): l is string => l !== null);
  return { events: t.events, lines };
}

// Record builders (seq numbers are the caller's).
export const enter = (seq: number, nr: Sys | number, args: (number | bigint)[], pid = 1, time = 0): Rec =>
  ({ seq, kind: Ev.sysEnter, pid, sub: nr, a: args, time });
export const exit = (seq: number, cause: number, nr: Sys | number, ret: number | bigint, pid = 1, time = 0): Rec =>
  ({ seq, kind: Ev.sysExit, pid, cause, sub: nr, a: [ret], time });
export const copy = (seq: number, cause: number, r: Routine, src: number, dst: number, n: number, from: Place, to: Place,
  agent = Agent.cpu, pid = 1): Rec =>
  ({ seq, kind: Ev.copy, pid, cause, sub: r, a: [src, dst, n, from | (to << 8), agent] });
export const fault = (seq: number, cause: number, k: FaultKind, va: number, write: boolean, pid = 1): Rec =>
  ({ seq, kind: Ev.fault, pid, cause, sub: k, a: [va, write ? 1 : 0, 0] });
