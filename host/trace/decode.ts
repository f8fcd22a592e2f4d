// Trace ring decoder: raw 80-byte records (layout drawn in kernel/abi/trace.ts) into RawEvent objects.
// Interface: decodeRecords(mem, base, count) -> RawEvent[].
//
// The a[] words are read as signed 64-bit (a syscall result is -errno; addresses are positive anyway).
import { Ev, TRACE_REC_SIZE, TRACE_SEQ, TRACE_KIND, TRACE_PID, TRACE_CAUSE, TRACE_SUB, TRACE_TIME, TRACE_ARGS, TRACE_NARGS } from "../../kernel/abi/trace";

export interface RawEvent {
  seq: number;      // event number; causes refer to it
  kind: Ev;
  pid: number;      // process running when the event was recorded
  cause: number;    // seq of the syscall, fault or interrupt it happened in (0: none)
  sub: number;      // syscall nr / Routine / FaultKind / device, by kind
  time: bigint;     // virtual ns
  a: bigint[];      // 7 arguments, by kind
}

/** Decode `count` records starting at byte `base` of `mem` (the kernel's memory). */
export function decodeRecords(mem: Uint8Array | DataView, base: number, count: number): RawEvent[] {
  const dv = mem instanceof DataView ? mem : new DataView(mem.buffer, mem.byteOffset, mem.byteLength);
  const out: RawEvent[] = [];
  for (let i = 0; i < count; i++) out.push(decodeOne(dv, base + i * TRACE_REC_SIZE));
  return out;
}

function decodeOne(dv: DataView, r: number): RawEvent {
  const a: bigint[] = [];
  for (let k = 0; k < TRACE_NARGS; k++) a.push(dv.getBigInt64(r + TRACE_ARGS + 8 * k, true));
  return {
    seq: dv.getUint32(r + TRACE_SEQ, true),
    kind: dv.getUint16(r + TRACE_KIND, true) as Ev,
    pid: dv.getUint16(r + TRACE_PID, true),
    cause: dv.getUint32(r + TRACE_CAUSE, true),
    sub: dv.getUint32(r + TRACE_SUB, true),
    time: dv.getBigUint64(r + TRACE_TIME, true),
    a,
  };
}
