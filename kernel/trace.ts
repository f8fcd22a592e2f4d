// Trace ring: event records the host decodes (abi/trace.ts has the layout). Off by default; when off,
// nothing is written and the only cost is one test of `traceMask`.
// Interface: tracing(kind), traceEmit(seq, kind, sub, a0..a5, a6 = 0), nextSeq() (for causes without a
// record), curCause / setCause (the syscall, fault or interrupt being served), traceMask /
// setTraceMask(m), traceBase / setTraceBase(addr), traceCount, traceReset, traceFlushNow() (the
// ring is full).
import { TRACE_REC, TRACE_RECS } from "./param";
import { Ev, TraceClass, TRACE_SEQ, TRACE_KIND, TRACE_PID, TRACE_CAUSE, TRACE_SUB, TRACE_TIME, TRACE_ARGS } from "./abi/trace";
import { hostTraceFlush } from "./host";
import { clockNow } from "./clock";
import { curPid } from "./cpu";

export let traceMask: u32 = 0;       // TraceClass bits enabled
export let traceBase: usize = 0;     // ring address (set at boot)
export let traceCount: u32 = 0;      // records in the ring
let seq: u32 = 0;                    // last event number handed out
export let curCause: u32 = 0;        // seq of the syscall / fault / irq being served

export function setTraceMask(m: u32): void { traceMask = m; }
export function setTraceBase(a: usize): void { traceBase = a; traceCount = 0; }
export function setCause(c: u32): void { curCause = c; }
export function traceReset(): void { traceCount = 0; }

// Event numbers are handed out even when tracing is off, so causes stay stable.
@inline export function nextSeq(): u32 { return ++seq; }

function classOf(kind: Ev): u32 {
  if (kind == Ev.sysEnter || kind == Ev.sysExit || kind == Ev.signal || kind == Ev.exit || kind == Ev.epollReady || kind == Ev.hungTask || kind == Ev.leaseBreak || kind == Ev.netmapSync || kind == Ev.pktpoolSend) return TraceClass.syscall;
  if (kind == Ev.copy || kind == Ev.sgHandoff) return TraceClass.copy;
  if (kind == Ev.fault) return TraceClass.fault;
  if (kind == Ev.irq) return TraceClass.irq;
  return TraceClass.sched;
}

@inline export function tracing(kind: Ev): bool {
  return traceMask != 0 && (traceMask & classOf(kind)) != 0;
}

// Write one record with sequence number `s` (from nextSeq) if its class is traced.
export function traceEmit(s: u32, kind: Ev, sub: u32, a0: u64, a1: u64, a2: u64, a3: u64, a4: u64, a5: u64, a6: u64 = 0): void {
  if (!tracing(kind)) return;
  if (traceCount >= <u32>TRACE_RECS) traceFlushNow();
  const r = traceBase + <usize>traceCount * TRACE_REC;
  store<u32>(r + TRACE_SEQ, s);
  store<u16>(r + TRACE_KIND, <u16>kind);
  store<u16>(r + TRACE_PID, <u16>curPid());
  store<u32>(r + TRACE_CAUSE, kind == Ev.sysEnter ? 0 : curCause);
  store<u32>(r + TRACE_SUB, sub);
  store<u64>(r + TRACE_TIME, clockNow());
  store<u64>(r + TRACE_ARGS, a0); store<u64>(r + TRACE_ARGS + 8, a1); store<u64>(r + TRACE_ARGS + 16, a2);
  store<u64>(r + TRACE_ARGS + 24, a3); store<u64>(r + TRACE_ARGS + 32, a4); store<u64>(r + TRACE_ARGS + 40, a5);
  store<u64>(r + TRACE_ARGS + 48, a6);
  traceCount++;
}

// Let the host decode the ring now (it resets traceCount through traceReset).
export function traceFlushNow(): void {
  if (traceCount == 0) return;
  hostTraceFlush();
  traceCount = 0;
}
