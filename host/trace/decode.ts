// Trace ring decoder: raw 80-byte records (layout drawn in kernel/abi/trace.ts) into RawEvent objects.
// Interface: decodeRecords(mem, base, count) -> RawEvent[].
//
//   0 u32 seq | 4 u16 kind | 6 u16 pid | 8 u32 cause | 12 u32 sub | 16 u64 time | 24 u64 a[0..6]
//
// The a[] words are read as signed 64-bit (a syscall result is -errno; addresses are positive anyway).
import { Ev, TRACE_REC_SIZE } from "../../kernel/abi/trace";

export interface RawEvent {
  seq: number;      // event number; causes refer to it
  kind: Ev;
  pid: number;      // process running when the event was recorded
  cause: number;    // seq of the syscall, fault or interrupt it happened in (0: none)
  sub: number;      // syscall nr / Routine / FaultKind / device, by kind
  time: bigint;     // virtual ns
  a: bigint[];      // 7 arguments, by kind
}

const A_WORDS = 7;

/** Decode `count` records starting at byte `base` of `mem` (the kernel's memory). */
export function decodeRecords(mem: Uint8Array | DataView, base: number, count: number): RawEvent[] {
  const dv = mem instanceof DataView ? mem : new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: RawEvent[] = [];
  for (let i = 0; i < count; i++) out.push(decodeOne(dv, base + i * TRACE_REC_SIZE));
  return out;
}

function decodeOne(dv: DataView, r: number): RawEvent {
  const a: bigint[] = [];
  for (let k = 0; k < A_WORDS; k++) a.push(dv.getBigInt64(r + 24 + 8 * k, true));
  return {
    seq: dv.getUint32(r, true),
    kind: dv.getUint16(r + 4, true) as Ev,
    pid: dv.getUint16(r + 6, true),
    cause: dv.getUint32(r + 8, true),
    sub: dv.getUint32(r + 12, true),
    time: dv.getBigUint64(r + 16, true),
    a,
  };
}
