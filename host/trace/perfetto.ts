// Chrome trace event JSON (what ui.perfetto.dev and chrome://tracing open) from a machine's trace.
// Tracks: one process per guest pid (its syscalls, CPU copies, faults), one per device (disk 1000,
// NIC 1001: their DMA transfers, interrupts), pid 0 for the kernel outside any process, and machine-
// wide counters (pid 1002) sampled at syscall boundaries. Flow arrows join each cause (a syscall or
// a fault) to the copies and DMA transfers it made. Times are virtual: ts and dur in microseconds.
// A syscall's slice starts before its entry charge (2 mode switches + dispatch), so its dur is
// durNs + that charge and it encloses its copies; DMA slices span the device's real service time.
// Interface: new PerfettoWriter(); machineOptions() (tap + device hook for Machine.create);
// attach(k) (costs, counters); nameProcess(pid, name); add(ev); device(dev, req); counters(t, values);
// toJSON() -> { traceEvents }; save(path, names?).
import { writeFileSync } from "node:fs";
import { Cost } from "../../kernel/abi/cost";
import { Owner, PcStat } from "../../kernel/abi/layout";
import { TraceClass } from "../../kernel/abi/trace";
import { Dev } from "../../kernel/abi/virtio";
import { COST_DEFAULTS } from "../costmodel";
import type { KernelExports } from "../kernel";
import type { BlkRequest } from "../devices/disk";
import type { NetRequest } from "../devices/nic";
import type { CopyEvent, TraceEvent } from "./events";

export type Phase = "X" | "B" | "E" | "i" | "C" | "s" | "t" | "f" | "M";

/** One Chrome trace event. */
export interface ChromeEvent {
  name: string; ph: Phase; ts: number; pid: number; tid: number;
  cat?: string; dur?: number; id?: number; bp?: "e"; s?: "t" | "p" | "g"; args?: Record<string, unknown>;
}

export const DISK_PID = 1000;       // the virtio disk's track
export const NIC_PID = 1001;        // the virtio NIC's track
export const COUNTER_PID = 1002;    // machine-wide counters
const KERNEL_PID = 0;               // events outside any process (interrupts while idle)

type DeviceName = "disk" | "nic";
type Lane = "disk" | "nic tx" | "nic rx";
interface Anchor { pid: number; ts: number }                 // where a cause's flows start
interface Slice { ev: ChromeEvent; order: number }
interface DmaSlice { lane: Lane; ev: ChromeEvent; flow?: number }
interface DeviceDone { dev: DeviceName; start: bigint; done: bigint; key: string }
type Sampler = () => Record<string, number>;
type Costs = { copyBytesPerUs: number; faultNs: number; modeSwitchNs: number; syscallNs: number };

// Internally every ts and dur is in whole virtual ns (exact); toJSON divides by 1000.
const ns = (t: bigint | number) => Number(t);
const MAX_DEVICE_PENDING = 4096;    // device requests remembered while their DMA event is awaited

export class PerfettoWriter {
  private slices: Slice[] = [];                  // X events on process tracks, nested per thread at the end
  private dma: DmaSlice[] = [];
  private other: ChromeEvent[] = [];             // instants, counters, flows
  private anchors = new Map<number, Anchor>();   // seq of a syscall or fault -> its slice
  private unfinished = new Map<number, { pid: number; ts: number; name: string }>();
  private pending: DeviceDone[] = [];
  private names = new Map<number, string>();
  private lastCounters = new Map<string, number>();
  private flows = 0;
  private endTs = 0;
  private costs: Costs = { copyBytesPerUs: COST_DEFAULTS.copyBytesPerUs, faultNs: COST_DEFAULTS.faultNs,
    modeSwitchNs: COST_DEFAULTS.modeSwitchNs, syscallNs: COST_DEFAULTS.syscallNs };
  private sample: Sampler | null = null;
  private clock: (() => bigint) | null = null;

  /** The Machine.create options that feed this writer: every trace class through a tap, device requests. */
  machineOptions() {
    return { tap: { classes: TraceClass.all, onEvent: (ev: TraceEvent) => this.add(ev) },
      onDeviceDone: (dev: DeviceName, req: BlkRequest | NetRequest) => this.device(dev, req) };
  }

  /** Read the machine's costs (copy and fault slices get their charged length) and sample its counters. */
  attach(k: Pick<KernelExports, "getCost" | "ownerFrames" | "pcStats" | "clockNowNs">): void {
    this.costs = { copyBytesPerUs: Number(k.getCost(Cost.copyBytesPerUs)), faultNs: Number(k.getCost(Cost.faultNs)),
      modeSwitchNs: Number(k.getCost(Cost.modeSwitchNs)), syscallNs: Number(k.getCost(Cost.syscallNs)) };
    this.sample = () => ({ "free frames": k.ownerFrames(Owner.free), "page cache pages": k.pcStats(PcStat.pages), "dirty pages": k.pcStats(PcStat.dirty) });
    this.clock = () => k.clockNowNs();
  }

  nameProcess(pid: number, name: string): void { this.names.set(pid, name); }

  /** One trace event (a tracer's onEvent). */
  add(ev: TraceEvent): void {
    switch (ev.type) {
      case "syscall": return this.syscall(ev);
      case "unfinished": {     // a blocked call: its slice comes when it returns (same start), its copies may come first
        const ts = ns(ev.time) - this.entryNs();
        this.unfinished.set(ev.seq, { pid: ev.pid, ts, name: ev.name });
        this.anchors.set(ev.seq, { pid: ev.pid, ts });
        return;
      }
      case "copy": return ev.agent === "dma" ? this.dmaCopy(ev) : this.cpuCopy(ev);
      case "fault": {
        const cost = this.costs.faultNs + (ev.depth === 0 ? 2 * this.costs.modeSwitchNs : 0);
        const slice = this.slice(ev.pid, `${ev.fault} fault`, "fault", ns(ev.time) - cost, cost,
          { va: hex(ev.va), write: ev.write, seq: ev.seq });
        this.anchors.set(ev.seq, { pid: slice.pid, ts: slice.ts });
        return this.flowFrom(ev.cause, slice);
      }
      case "irq": return this.instant(ev.device === Dev.blk ? DISK_PID : NIC_PID, "irq", "irq", ev.time, { pid: ev.pid });
      case "switch": return this.instant(KERNEL_PID, `switch ${ev.from} -> ${ev.to}`, "sched", ev.time);
      case "tlbflush": return this.instant(ev.pid, "tlb flush", "sched", ev.time, { entries: ev.entries });
      case "signal": return this.instant(ev.pid, ev.name, "signal", ev.time, ev.addr === undefined ? {} : { addr: hex(ev.addr) });
      case "exit": return this.instant(ev.pid, "exit", "exit", ev.time, { status: ev.status });
      case "sg": return this.instant(ev.pid, "sg handoff", "copy", ev.time, { frame: hex(ev.frame), offset: ev.offset, bytes: ev.bytes });
      case "epoll": return this.instant(ev.pid, "epoll ready", "syscall", ev.time, { epfd: ev.epfd, count: ev.count, fds: ev.ready.map((r) => r.fd).join(",") });
      case "netmap": return this.instant(ev.pid, `netmap ${ev.ring}sync`, "syscall", ev.time, { slots: ev.slots, bytes: ev.bytes });
      case "pktpool": return this.instant(ev.pid, "packet tx ring", "syscall", ev.time, { frames: ev.frames, bytes: ev.bytes });
      case "hung": return this.instant(ev.pid, "hung task", "signal", ev.time, { wchan: ev.wchan, syscall: ev.syscall ?? "" });
    }
  }

  /** A device request whose interrupt was taken (the machine's onDeviceDone): its real service time. */
  device(dev: DeviceName, req: BlkRequest | NetRequest): void {
    if (req.bytes === 0) return;
    const start = "startNs" in req ? req.startNs : req.submitNs;
    this.pending.push({ dev, start, done: req.doneNs, key: requestKey(dev, req) });
    if (this.pending.length > MAX_DEVICE_PENDING) this.pending.shift();
  }

  /** Counter values at virtual time t (ns); a series gets a point only when its value changes. */
  counters(t: bigint | number, values: Record<string, number>): void {
    for (const [name, v] of Object.entries(values)) {
      if (this.lastCounters.get(name) === v) continue;
      this.lastCounters.set(name, v);
      this.push({ name, ph: "C", ts: ns(t), pid: COUNTER_PID, tid: COUNTER_PID, cat: "memory", args: { value: v } });
    }
  }

  toJSON(): { traceEvents: ChromeEvent[] } {
    const events = [...this.closeUnfinished(), ...nest(this.slices), ...this.laneDma(), ...this.other];
    events.sort(byTime);
    const micro = events.map((e) => ({ ...e, ts: e.ts / 1000, ...(e.dur === undefined ? {} : { dur: e.dur / 1000 }) }));
    return { traceEvents: [...this.metadata(events), ...micro] };
  }

  /** Write the trace to `path`; `names` names guest processes (pid -> name). */
  save(path: string, names: Record<number, string> = {}): void {
    for (const [pid, name] of Object.entries(names)) this.nameProcess(Number(pid), name);
    writeFileSync(path, JSON.stringify(this.toJSON()) + "\n");
  }

  // ---- events ----

  // The slice starts before the entry's two mode switches and dispatch (charged before the kernel
  // records the entry), so it covers all the time charged to the call and encloses its copies.
  private entryNs(): number { return 2 * this.costs.modeSwitchNs + this.costs.syscallNs; }

  private syscall(ev: Extract<TraceEvent, { type: "syscall" }>): void {
    this.unfinished.delete(ev.seq);
    const entry = this.entryNs();
    const slice = this.slice(ev.pid, ev.name, "syscall", ns(ev.time) - entry, ev.durNs + entry,
      { call: ev.text, ret: ev.ret === null ? null : Number(ev.ret), seq: ev.seq, durNs: ev.durNs });
    this.anchors.set(ev.seq, { pid: slice.pid, ts: slice.ts });
    if (this.sample) this.counters(this.clock!(), this.sample());
  }

  private cpuCopy(ev: CopyEvent): void {
    // At least 1 ns long: a zero-length slice at the call's end would look like the next call's child.
    const cost = Math.max(1, Math.floor((ev.bytes * 1000) / this.costs.copyBytesPerUs));
    const slice = this.slice(ev.pid, ev.routine, "copy", ns(ev.time) - cost, cost, copyArgs(ev));
    this.flowFrom(ev.cause, slice);
  }

  private dmaCopy(ev: CopyEvent): void {
    const dev: DeviceName = ev.routine === "disk_dma" ? "disk" : "nic";
    const lane: Lane = dev === "disk" ? "disk" : ev.to === "device" ? "nic tx" : "nic rx";
    const i = this.pending.findIndex((p) => p.dev === dev && p.key === copyKey(dev, ev));
    const done = i >= 0 ? this.pending.splice(i, 1)[0] : null;
    const ts = done ? ns(done.start) : ns(ev.time), dur = done ? ns(done.done - done.start) : 0;
    const out: ChromeEvent = { name: ev.routine, ph: "X", cat: "dma", ts, dur, pid: dev === "disk" ? DISK_PID : NIC_PID, tid: 0,
      args: copyArgs(ev) };
    this.endTs = Math.max(this.endTs, ts + dur);
    const dma: DmaSlice = { lane, ev: out };
    this.dma.push(dma);
    const a = this.anchors.get(ev.cause);
    if (a && ts >= a.ts) dma.flow = this.flowStart(a);
  }

  private slice(pid: number, name: string, cat: string, ts: number, dur: number, args: Record<string, unknown>): ChromeEvent {
    const ev: ChromeEvent = { name, ph: "X", cat, ts, dur: Math.max(0, dur), pid, tid: pid, args };
    this.slices.push({ ev, order: this.slices.length });
    this.endTs = Math.max(this.endTs, ts + ev.dur!);
    return ev;
  }

  private instant(pid: number, name: string, cat: string, time: bigint, args: Record<string, unknown> = {}): void {
    this.push({ name, ph: "i", s: "t", cat, ts: ns(time), pid, tid: pid, args });
  }

  private push(ev: ChromeEvent): void {
    this.other.push(ev);
    this.endTs = Math.max(this.endTs, ev.ts);
  }

  // A flow arrow from the slice of `cause` (a syscall or fault) to `to`, if the cause is known.
  private flowFrom(cause: number, to: ChromeEvent): void {
    const a = this.anchors.get(cause);
    if (!a || to.ts < a.ts) return;
    const id = this.flowStart(a);
    this.push({ name: "cause", ph: "f", bp: "e", cat: "flow", id, ts: to.ts, pid: to.pid, tid: to.tid });
  }

  private flowStart(a: Anchor): number {
    const id = ++this.flows;
    this.push({ name: "cause", ph: "s", cat: "flow", id, ts: a.ts, pid: a.pid, tid: a.pid });
    return id;
  }

  // Calls that never returned (blocked at the end of the run) become slices up to the end.
  private closeUnfinished(): ChromeEvent[] {
    const out: ChromeEvent[] = [];
    for (const [seq, u] of this.unfinished) {
      out.push({ name: u.name, ph: "X", cat: "syscall", ts: u.ts, dur: Math.max(0, this.endTs - u.ts), pid: u.pid, tid: u.pid,
        args: { seq, unfinished: true } });
    }
    return out;
  }

  // DMA transfers may overlap (a NIC link carries several frames at once): each device gets as many
  // lanes (threads) as it needs so that slices on one lane never overlap; flow ends land on the lane.
  private laneDma(): ChromeEvent[] {
    const out: ChromeEvent[] = [];
    const ends = new Map<Lane, number[]>();
    const sorted = [...this.dma].sort((a, b) => a.ev.ts - b.ev.ts || a.ev.dur! - b.ev.dur!);
    for (const d of sorted) {
      const lanes = ends.get(d.lane) ?? [];
      ends.set(d.lane, lanes);
      let i = lanes.findIndex((end) => end <= d.ev.ts);
      if (i < 0) { i = lanes.length; lanes.push(0); }
      lanes[i] = d.ev.ts + d.ev.dur!;
      d.ev.tid = laneTid(d.lane, i);
      out.push(d.ev);
      if (d.flow !== undefined) out.push({ name: "cause", ph: "f", bp: "e", cat: "flow", id: d.flow, ts: d.ev.ts, pid: d.ev.pid, tid: d.ev.tid });
    }
    return out;
  }

  // process_name for every pid, thread_name for every (pid, tid) used.
  private metadata(events: ChromeEvent[]): ChromeEvent[] {
    const threads = new Map<string, ChromeEvent>();
    for (const e of events) threads.set(`${e.pid}/${e.tid}`, e);
    const out: ChromeEvent[] = [];
    const pids = [...new Set([...threads.values()].map((e) => e.pid))].sort((a, b) => a - b);
    for (const pid of pids) {
      out.push({ name: "process_name", ph: "M", ts: 0, pid, tid: 0, args: { name: processName(pid, this.names.get(pid)) } });
      out.push({ name: "process_sort_index", ph: "M", ts: 0, pid, tid: 0, args: { sort_index: pid } });
    }
    const keys = [...threads.values()].sort((a, b) => a.pid - b.pid || a.tid - b.tid);
    for (const e of keys) out.push({ name: "thread_name", ph: "M", ts: 0, pid: e.pid, tid: e.tid, args: { name: threadName(e.pid, e.tid) } });
    return out;
  }
}

// ---- helpers ----

const hex = (v: number) => "0x" + v.toString(16);

function copyArgs(ev: CopyEvent): Record<string, unknown> {
  return { bytes: ev.bytes, from: ev.from, to: ev.to, src: hex(ev.src), dst: hex(ev.dst), cause: ev.causeName, seq: ev.seq };
}

// A device request and the kernel's DMA copy event for it meet on the device-side address and length:
// disk: byte offset on the disk; NIC transmit: the first data buffer (the kernel counts from it);
// NIC receive: the buffer written.
function requestKey(dev: DeviceName, req: BlkRequest | NetRequest): string {
  if (dev === "disk") return `${(req as BlkRequest).sector * 512}/${req.bytes}`;
  const n = req as NetRequest;
  return n.queue === 0 ? `rx ${n.descs[0]?.addr}` : `tx ${(n.descs[1] ?? n.descs[0])?.addr}/${n.bytes}`;
}

function copyKey(dev: DeviceName, ev: CopyEvent): string {
  if (dev === "disk") return `${ev.from === "device" ? ev.src : ev.dst}/${ev.bytes}`;
  return ev.to === "device" ? `tx ${ev.src}/${ev.bytes}` : `rx ${ev.dst}`;
}

const LANE_BASE: Record<Lane, number> = { disk: 1, "nic tx": 1, "nic rx": 101 };
function laneTid(lane: Lane, i: number): number { return (lane === "disk" ? DISK_PID : NIC_PID) * 1000 + LANE_BASE[lane] + i; }

function processName(pid: number, name?: string): string {
  if (pid === DISK_PID) return "disk (virtio-blk)";
  if (pid === NIC_PID) return "NIC (virtio-net)";
  if (pid === COUNTER_PID) return "memory (machine-wide)";
  if (pid === KERNEL_PID) return "kernel (no process)";
  return name ? `${name} (pid ${pid})` : `pid ${pid}`;
}

function threadName(pid: number, tid: number): string {
  if (pid === DISK_PID) return tid === DISK_PID ? "interrupts" : `DMA ${tid - laneTid("disk", 0) + 1}`;
  if (pid === NIC_PID) {
    if (tid === NIC_PID) return "interrupts";
    const rx = tid >= laneTid("nic rx", 0);
    return `${rx ? "RX" : "TX"} DMA ${tid - laneTid(rx ? "nic rx" : "nic tx", 0) + 1}`;
  }
  if (pid === COUNTER_PID) return "counters";
  return pid === KERNEL_PID ? "kernel" : `pid ${pid}`;
}

// Slices on one thread must nest: sort them and clip any that would end after its parent.
function nest(slices: Slice[]): ChromeEvent[] {
  const sorted = [...slices].sort((a, b) => a.ev.pid - b.ev.pid || a.ev.ts - b.ev.ts || b.ev.dur! - a.ev.dur! || a.order - b.order);
  const stack: number[] = [];
  let pid = -1;
  for (const { ev } of sorted) {
    if (ev.pid !== pid) { stack.length = 0; pid = ev.pid; }
    while (stack.length && stack[stack.length - 1] <= ev.ts) stack.pop();
    const end = ev.ts + ev.dur!;
    if (stack.length && end > stack[stack.length - 1]) ev.dur = stack[stack.length - 1] - ev.ts;
    stack.push(ev.ts + ev.dur!);
  }
  return sorted.map((s) => s.ev);
}

const PHASE_ORDER: Record<Phase, number> = { M: 0, X: 1, B: 1, s: 2, t: 3, f: 4, i: 5, E: 6, C: 7 };

// By time; at equal times a slice comes before the flow events that bind to it, longer slices first.
function byTime(a: ChromeEvent, b: ChromeEvent): number {
  return a.ts - b.ts || PHASE_ORDER[a.ph] - PHASE_ORDER[b.ph] || (b.dur ?? 0) - (a.dur ?? 0) || a.pid - b.pid || a.tid - b.tid;
}
