// Tracer: turns raw trace records into events, in the order a reader wants them.
// A sysEnter stays pending per pid (its inputs decoded at once from user memory); its sysExit completes
// it. Copies, faults, TLB flushes and interrupts caused by a pending syscall (directly or through a fault
// it took) wait with it and are emitted right after it. Everything else is emitted at once; when that
// is another process's event while a syscall is pending, the pending one is cut strace's way:
// `read(0,  <unfinished ...>` now, `<... read resumed>"hi", 10) = 2` later.
// Interface: new Tracer({classes, readUser, strSize?, keep?}), push(raw[]), onEvent(cb) -> unsubscribe,
// finish() (cut calls still pending at the end), events (with keep); classOf(kind) -> TraceClass.
import { Ev, Agent, FaultKind, Place, Routine, TraceClass, TRACE_NARGS } from "../../kernel/abi/trace";
import { Sig } from "../../kernel/abi/signals";
import type { RawEvent } from "./decode";
import type { CopyEvent, FaultName, PlaceName, TraceEvent } from "./events";
import { enterCall, exitCall, unfinishedText, type Call } from "./strace";
import { sigName } from "./args";
import { sysName } from "./signatures";
import { Wchan } from "../../kernel/abi/records";
import { UserMem, type ReadUser } from "./usermem";

export interface TracerOptions {
  classes: number;        // TraceClass bits to emit
  readUser: ReadUser;     // a process's memory: (pid, va, len) -> bytes or null when unmapped
  strSize?: number;       // strace -s: longest string or buffer shown (default 32)
  keep?: boolean;         // keep every event in `events`
}

interface Pending {
  seq: number;
  pid: number;
  time: bigint;
  call: Call;
  children: TraceEvent[];
  unfinished: boolean;    // its `<unfinished ...>` line went out
}

// A fault or interrupt that may cause further events.
interface Cause { depth: number; owner: Pending | null; name: string }

const MAX_CAUSES = 1024;   // faults and irqs remembered as causes

/** The TraceClass of a record kind (the kernel's classOf in kernel/trace.ts). */
export function classOf(kind: Ev): TraceClass {
  switch (kind) {
    case Ev.sysEnter: case Ev.sysExit: case Ev.signal: case Ev.exit: case Ev.epollReady: case Ev.hungTask: case Ev.leaseBreak: case Ev.netmapSync: case Ev.pktpoolSend: return TraceClass.syscall;
    case Ev.copy: case Ev.sgHandoff: return TraceClass.copy;
    case Ev.fault: return TraceClass.fault;
    case Ev.irq: return TraceClass.irq;
    default: return TraceClass.sched;
  }
}

const placeName = (p: number): PlaceName => (Place[p] as PlaceName | undefined) ?? "unknown";

export class Tracer {
  readonly events: TraceEvent[] = [];
  private readonly opts: Required<TracerOptions>;
  private readonly listeners: ((ev: TraceEvent) => void)[] = [];
  private readonly byPid = new Map<number, Pending>();
  private readonly bySeq = new Map<number, Pending>();
  private readonly causes = new Map<number, Cause>();
  private readonly segvAddr = new Map<number, number>();   // pid -> va of its last bad access

  constructor(opts: TracerOptions) {
    this.opts = { ...opts, strSize: opts.strSize ?? 32, keep: opts.keep ?? false };
  }

  onEvent(cb: (ev: TraceEvent) => void): () => void {
    this.listeners.push(cb);
    return () => { const i = this.listeners.indexOf(cb); if (i >= 0) this.listeners.splice(i, 1); };
  }

  push(raw: RawEvent[]): void {
    for (const r of raw) if (this.opts.classes & classOf(r.kind)) this.take(r);
  }

  /** End of the run: calls still pending (blocked) get their `<unfinished ...>` line. */
  finish(): void {
    for (const p of this.byPid.values()) this.cut(p);
  }

  private take(r: RawEvent): void {
    switch (r.kind) {
      case Ev.sysEnter: return this.enter(r);
      case Ev.sysExit: return this.exit(r);
      case Ev.exit: return this.procExit(r);
      case Ev.signal: return this.signal(r);
      case Ev.hungTask: return this.hung(r);
      case Ev.procSwitch:
        for (const p of this.byPid.values()) this.cut(p);
        return this.emit({ type: "switch", seq: r.seq, pid: r.pid, time: r.time, from: Number(r.a[0]), to: Number(r.a[1]) });
      default: return this.child(r);
    }
  }

  private mem(pid: number): UserMem {
    return new UserMem(this.opts.readUser, pid);
  }

  private enter(r: RawEvent): void {
    this.interrupt(r.pid);
    const old = this.byPid.get(r.pid);
    if (old) this.cut(old);
    const p: Pending = {
      seq: r.seq, pid: r.pid, time: r.time, children: [], unfinished: false,
      call: enterCall(r.sub, r.a, this.mem(r.pid), this.opts.strSize),
    };
    this.byPid.set(r.pid, p);
    this.bySeq.set(r.seq, p);
  }

  private exit(r: RawEvent): void {
    this.interrupt(r.pid);
    const bySeq = this.bySeq.get(r.cause);
    // A forked child returns from the parent's clone (same seq): only a call of this pid matches.
    let p = bySeq && bySeq.pid === r.pid ? bySeq : this.byPid.get(r.pid);
    if (!p) {   // entry not seen (tracing began mid-call): show it resumed, arguments unknown
      const call = enterCall(r.sub, [], this.mem(r.pid), this.opts.strSize);
      call.sig = { ...call.sig, args: [] };
      call.text = [];
      call.firstOut = 0;
      p = { seq: r.cause, pid: r.pid, time: r.time, children: [], unfinished: true, call };
    }
    this.complete(p, r.a[0], r.time);
  }

  private procExit(r: RawEvent): void {
    this.interrupt(r.pid);
    const p = this.byPid.get(r.pid);
    if (p) this.complete(p, null, r.time);   // exit_group never returns: `= ?`
    const status = Number(r.a[0]), term = status & 0x7f;
    this.emit({ type: "exit", seq: r.seq, pid: r.pid, time: r.time, status,
      ...(term === 0 ? { code: (status >> 8) & 0xff } : { signal: term }) });
  }

  private signal(r: RawEvent): void {
    const pid = Number(r.a[0]);
    this.interrupt(pid);
    const addr = r.sub === Sig.SIGSEGV || r.sub === Sig.SIGBUS ? this.segvAddr.get(pid) : undefined;
    const known = r.a[1] !== 0n;                 // a1 = si_code + 1, a2 = si_pid (kernel/signal.ts)
    this.emit({ type: "signal", seq: r.seq, pid, time: r.time, sig: r.sub, name: sigName(r.sub),
      ...(addr === undefined ? {} : { addr }),
      ...(known ? { code: Number(BigInt.asIntN(32, r.a[1])) - 1, from: Number(r.a[2]) } : {}),
      ...(r.a[3] !== 0n ? { fd: Number(r.a[3]) - 1 } : {}) });   // a3 = si_fd + 1 (a lease break's)
  }

  // A hung-task report (kernel/wchan.ts): the host sends it between slices, so the pid is a0.
  private hung(r: RawEvent): void {
    const pid = Number(r.a[0]), nr = Number(BigInt.asIntN(64, r.a[1]));
    for (const p of this.byPid.values()) this.cut(p);     // its own call too: it sleeps in it
    this.emit({ type: "hung", seq: r.seq, pid, time: r.time, wchan: Wchan[r.sub] ?? "unknown", syscall: nr < 0 ? null : sysName(nr) });
  }

  // Copies, faults, irqs, TLB flushes, sg hand-offs: attached to the syscall that caused them.
  private child(r: RawEvent): void {
    const direct = this.bySeq.get(r.cause);
    const via = direct ? undefined : this.causes.get(r.cause);
    const owner = direct ?? (via?.owner && this.bySeq.has(via.owner.seq) ? via.owner : null);
    const depth = direct ? 1 : via ? via.depth + 1 : 0;
    const causeName = direct ? direct.call.name : via ? via.name : r.cause === 0 ? "none" : "unknown";
    const ev = this.childEvent(r, depth, causeName);
    if (!ev) return;
    if (r.kind === Ev.fault || r.kind === Ev.irq) this.remember(r.seq, { depth, owner, name: ev.type });
    if (owner) { owner.children.push(ev); return; }
    this.interrupt(r.pid);
    this.emit(ev);
  }

  private childEvent(r: RawEvent, depth: number, causeName: string): TraceEvent | null {
    const base = { seq: r.seq, pid: r.pid, time: r.time, cause: r.cause, depth };
    const n = (i: number) => Number(r.a[i]);
    switch (r.kind) {
      case Ev.copy: {
        const ev: CopyEvent = { type: "copy", ...base, causeName, agent: n(4) === Agent.dma ? "dma" : "cpu",
          routine: Routine[r.sub] ?? `routine_${r.sub}`, bytes: n(2), src: n(0), dst: n(1),
          from: placeName(n(3) & 0xff), to: placeName((n(3) >> 8) & 0xff) };
        return ev;
      }
      case Ev.fault: {
        const fault = (FaultKind[r.sub] ?? "segv") as FaultName;
        if (fault === "segv" || fault === "sigbus") this.segvAddr.set(r.pid, n(0));
        return { type: "fault", ...base, fault, va: n(0), write: n(1) !== 0 };
      }
      case Ev.irq: return { type: "irq", ...base, device: r.sub };
      case Ev.tlbFlush: return { type: "tlbflush", ...base, entries: n(0) };
      case Ev.sgHandoff: return { type: "sg", ...base, frame: n(0), offset: n(1), bytes: n(2) };
      case Ev.epollReady: return { type: "epoll", ...base, epfd: r.sub, count: n(0), ready: epollReady(r) };
      case Ev.leaseBreak: return { type: "lease", ...base, sig: r.sub, holder: n(0), ino: n(1) };
      case Ev.pktpoolSend: return { type: "pktpool", ...base, frames: n(0), bytes: n(1) };
      case Ev.netmapSync: return { type: "netmap", ...base, ring: r.sub === 0 ? "tx" : "rx", slots: n(0), bytes: n(1) };
      default: return null;
    }
  }

  private remember(seq: number, c: Cause): void {
    this.causes.set(seq, c);
    if (this.causes.size > MAX_CAUSES) this.causes.delete(this.causes.keys().next().value!);
  }

  /** Another process's event is coming: cut the calls other processes have pending. */
  private interrupt(pid: number): void {
    for (const p of this.byPid.values()) if (p.pid !== pid) this.cut(p);
  }

  private cut(p: Pending): void {
    if (p.unfinished) return;
    p.unfinished = true;
    const c = p.call;
    this.emit({ type: "unfinished", seq: p.seq, pid: p.pid, time: p.time, nr: c.nr, name: c.name,
      text: unfinishedText(c) });
    this.flushChildren(p);
  }

  private complete(p: Pending, ret: bigint | null, time: bigint): void {
    this.byPid.delete(p.pid);
    this.bySeq.delete(p.seq);
    const t = exitCall(p.call, ret, this.mem(p.pid));
    this.emit({
      type: "syscall", seq: p.seq, pid: p.pid, time: p.time, nr: p.call.nr, name: p.call.name,
      args: p.call.args, ret, ...(t.errno ? { errno: t.errno } : {}),
      text: p.unfinished ? t.resumedText : t.text, durNs: Number(time - p.time),
      ...(p.unfinished ? { resumed: true } : {}),
    });
    this.flushChildren(p);
  }

  private flushChildren(p: Pending): void {
    const kids = p.children;
    p.children = [];
    for (const ev of kids) this.emit(ev);
  }

  private emit(ev: TraceEvent): void {
    if (this.opts.keep) this.events.push(ev);
    for (const cb of this.listeners) cb(ev);
  }
}

/** An epollReady record's fd | events << 32 words, as many as it carries (at most six). */
function epollReady(r: RawEvent): { fd: number; events: number }[] {
  const out: { fd: number; events: number }[] = [];
  for (let k = 1; k <= Math.min(Number(r.a[0]), TRACE_NARGS - 1); k++) {
    const w = BigInt.asUintN(64, r.a[k]);
    out.push({ fd: Number(BigInt.asIntN(32, w)), events: Number(w >> 32n) });
  }
  return out;
}
