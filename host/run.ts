// Run one program on a fresh machine the way the CLI does: load, run, trace, summarise, report.
// Interface: runProgram(path, args, opts) -> process exit code; parseSize("64M"); parseTraceClasses("syscall,copy");
// parseInspectAt(at, traceMask); isHostProgram(path) (a host .wasm file); EXIT_PANIC, EXIT_TIMEOUT, EXIT_HUNG,
// EXIT_CANNOT_RUN, EXIT_NOT_FOUND, EXIT_USAGE, EXIT_INTERRUPT
// (the exit codes that are not the program's).
import { readFileSync, writeFileSync, openSync, writeSync, closeSync } from "node:fs";
import { basename } from "node:path";
import { Machine, KernelPanic, type NetOptions } from "./machine";
import { LoadError } from "./loader";
import { TraceClass } from "../kernel/abi/trace";
import type { TraceEvent } from "./trace";
import type { CostModel } from "./costmodel";
import type { View } from "./snapshot";
import { Sys } from "../kernel/abi/syscalls";
import { PROGRAM_DIRS } from "./fs/rootfs";
import { formatHungTasks } from "./hung";
import { hostStream, isTerminal } from "./stdio";
import { EXIT_PANIC, EXIT_INTERRUPT, EXIT_TIMEOUT, EXIT_HUNG, EXIT_CANNOT_RUN, EXIT_NOT_FOUND } from "./exitcodes";

export { EXIT_PANIC, EXIT_INTERRUPT, EXIT_TIMEOUT, EXIT_HUNG, EXIT_CANNOT_RUN, EXIT_NOT_FOUND, EXIT_USAGE } from "./exitcodes";
const GUEST_PATH = PROGRAM_DIRS.map((d) => d.image);   // where a bare program name is found, in order
const TRACE_BATCH = 64 * 1024;                          // characters of trace lines per write to a --trace-file

export interface RunOptions {
  ramBytes: number;
  trace: number;
  traceFile?: string;
  format: "text" | "jsonl";
  summary: boolean;
  statsFile?: string;
  strSize?: number;
  disk?: string;              // host image file (default: the embedded image)
  net?: NetOptions;           // NIC features, port forwarding, pcap
  dropCaches?: boolean;       // start with a cold page cache
  stdin?: NodeJS.ReadableStream | Uint8Array | null;
  costModel?: CostModel;      // kernel costs and device timings (host/costmodel.ts)
  perfetto?: string;          // write a Chrome/Perfetto trace (JSON) of the run to this file
  inspect?: View[];           // print these views of the machine (host/snapshot.ts) on stderr...
  inspectAt?: string;         // ...when the run ends ("end", the default) or after each return of this syscall
  timeoutSec?: number;        // wall-clock bound: then every process is killed and the exit is EXIT_TIMEOUT
  env?: string[];             // the program's environment, "K=V" each (--env)
  dirs?: string[];            // WASI: directories of the image preopened after "/" (--dir)
  noRoot?: boolean;           // WASI: no "/" preopen (--no-root)
  seed?: bigint;              // the kernel's random seed: getrandom and WASI's random_get (--seed)
  killOnInterrupt?: boolean;  // with a terminal: the first Ctrl-C ends the machine (--kill-on-interrupt)
  kernel?: WebAssembly.Module; // run on this kernel instead of dist/kernel.wasm (--kernel)
}

// A terminal is behind the console when the program reads the CLI's own stdin and it is a TTY.
function terminalOf(o: RunOptions) {
  return o.stdin === undefined && isTerminal(0) ? { killOnInterrupt: o.killOnInterrupt } : null;
}

/** --inspect-at: "end", or a syscall the trace can see return (throws a usage error otherwise). */
export function parseInspectAt(at: string, trace: number): string {
  if (at === "end") return at;
  if (!(at in Sys) || !isNaN(Number(at))) throw new Error(`--inspect-at ${at}: not a syscall name (e.g. splice, getpid), nor "end"`);
  if (trace && !(trace & TraceClass.syscall)) throw new Error(`--inspect-at ${at} needs syscall events: add syscall to --trace`);
  return at;
}

function inspectPoint(o: RunOptions): string | null {
  if (!o.inspect) return null;
  try { return parseInspectAt(o.inspectAt ?? "end", o.trace); } catch (e) { throw new LoadError((e as Error).message); }
}

// Where trace lines go: a file, or stderr. A file gets them in batches of about TRACE_BATCH
// characters (one write(2) each, not one per line); close() writes the last batch.
function traceSink(o: RunOptions): { write: (line: string) => void; close: () => void } {
  if (!o.traceFile) return { write: (l) => { process.stderr.write(l + "\n"); }, close: () => {} };
  let fd: number;
  try { fd = openSync(o.traceFile, "w"); }
  catch (e) { throw new LoadError(`${o.traceFile}: cannot write trace (${(e as NodeJS.ErrnoException).code})`); }
  let batch: string[] = [], size = 0;
  const flush = () => { if (batch.length > 0) writeSync(fd, batch.join("")); batch = []; size = 0; };
  return {
    write: (l) => { batch.push(l, "\n"); size += l.length + 1; if (size >= TRACE_BATCH) flush(); },
    close: () => { flush(); closeSync(fd); },
  };
}

// The trace formatting, Perfetto export and inspection views, loaded only for a run that asks for
// them: a plain run starts without parsing them.
async function tools(o: RunOptions) {
  return {
    trace: o.trace || o.summary ? await import("./trace") : null,
    perfetto: o.perfetto ? await import("./trace/perfetto") : null,
    snapshot: o.inspect ? (await import("./snapshot")).snapshot : null,
  };
}
type Tools = Awaited<ReturnType<typeof tools>>;

function eventWriter(o: RunOptions, sink: { write: (l: string) => void }, { formatJsonl, formatText }: NonNullable<Tools["trace"]>): (ev: TraceEvent) => void {
  let multiPid = false;
  const pids = new Set<number>();
  return (ev) => {
    if ("pid" in ev && typeof ev.pid === "number" && ev.pid !== 0) { pids.add(ev.pid); multiPid ||= pids.size > 1; }
    const line = o.format === "jsonl" ? formatJsonl(ev) : formatText(ev, { multiPid });
    if (line !== null) sink.write(line);
  };
}

export function parseSize(s: string): number {
  const m = /^(\d+)([KMG]?)i?B?$/i.exec(s.trim());
  if (!m) throw new Error(`bad size '${s}' (use e.g. 64M, 1G, 65536)`);
  const mult = { "": 1, K: 1024, M: 1 << 20, G: 1 << 30 }[m[2].toUpperCase() as "" | "K" | "M" | "G"];
  return Number(m[1]) * mult;
}

export function parseTraceClasses(s: string): number {
  let mask = 0;
  for (const c of s.split(",").map((x) => x.trim()).filter(Boolean)) {
    const bit = (TraceClass as unknown as Record<string, number>)[c];
    if (bit === undefined) throw new Error(`unknown trace class '${c}' (use syscall, copy, fault, irq, sched, all)`);
    mask |= bit;
  }
  return mask;
}

function readProgram(path: string): Uint8Array {
  try { return readFileSync(path); }
  catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LoadError(code === "ENOENT" ? `${path}: no such file` : `${path}: cannot read (${code})`, code === "ENOENT");
  }
}

// A program is a host file when its name ends in .wasm, else a path on the guest file system.
export function isHostProgram(path: string): boolean { return path.endsWith(".wasm"); }

export async function runProgram(path: string, args: string[], o: RunOptions): Promise<number> {
  let sink: ReturnType<typeof traceSink>;
  let at: string | null;
  try { sink = traceSink(o); at = inspectPoint(o); } catch (e) { return fail(e); }
  try {
    let m: Machine;
    const t = await tools(o);
    const perfetto = t.perfetto ? new t.perfetto.PerfettoWriter() : null;
    const write = o.trace ? eventWriter(o, sink, t.trace!) : null;
    const inspect = at && at !== "end" ? (ev: TraceEvent) => {
      if (ev.type !== "syscall" || ev.name !== at) return;
      process.stderr.write(`--- inspect after ${at} = ${ev.ret} (pid ${ev.pid}) ---\n${t.snapshot!(m, o.inspect!, ev.pid)}\n`);
    } : null;
    try {
      m = await Machine.create({ ramBytes: o.ramBytes, traceMask: o.trace | (inspect ? TraceClass.syscall : 0), strSize: o.strSize,
        disk: o.disk, net: o.net, stdin: o.stdin === undefined ? () => hostStream(0) : o.stdin,
        onEvent: write || inspect ? (ev) => { write?.(ev); inspect?.(ev); } : undefined,
        costModel: o.costModel, timeoutMs: o.timeoutSec === undefined ? undefined : o.timeoutSec * 1000,
        wasiDirs: o.dirs, wasiNoRoot: o.noRoot, randomSeed: o.seed, terminal: terminalOf(o), kernel: o.kernel, ...perfetto?.machineOptions() });
    } catch (e) {
      if (!(e instanceof KernelPanic)) return fail(new LoadError((e as Error).message));
      process.stderr.write(`wasmos: ${e.message}\n`);
      return EXIT_PANIC;
    }
    perfetto?.attach(m.k);
    let pid: number;
    try {
      if (isHostProgram(path)) pid = await m.spawn(readProgram(path), [basename(path), ...args], o.env);
      else pid = await m.spawnPath(guestProgram(m, path), [path, ...args], o.env);
    } catch (e) { return fail(e); }
    if (o.dropCaches) m.dropCaches();
    for (const [i, port] of m.hostPorts.entries()) process.stderr.write(`wasmos: ${o.net!.hostfwd![i]} listening on 127.0.0.1:${port}\n`);
    try {
      await m.run();
    } catch (e) {
      if (!(e instanceof KernelPanic)) throw e;
      m.close();
      process.stderr.write(`wasmos: ${e.message}\n`);
      return EXIT_PANIC;
    }
    m.close();
    if (m.interrupted) {
      process.stderr.write(`wasmos: interrupted (Ctrl-C): every process was killed\n`);
      return EXIT_INTERRUPT;
    }
    if (m.timedOut) {
      process.stderr.write(`wasmos: timed out after ${o.timeoutSec} s (wall clock): every process was killed\n`);
      return EXIT_TIMEOUT;
    }
    if (m.hungTasks.length > 0) process.stderr.write(formatHungTasks(m.hungTasks, EXIT_HUNG) + "\n");
    if (at === "end") process.stderr.write(`--- inspect at the end of the run ---\n${t.snapshot!(m, o.inspect!, 0)}\n`);
    if (o.summary || o.statsFile) {
      const stats = m.stats(pid);
      if (o.summary) process.stderr.write(t.trace!.formatSummary(stats) + "\n");
      if (o.statsFile) writeStats(o.statsFile, JSON.stringify(stats, null, 2) + "\n");
    }
    if (perfetto) perfetto.save(o.perfetto!, { [pid]: basename(path) });
    if (m.hungTasks.length > 0) return EXIT_HUNG;
    const exit = m.exitOf(pid);
    return exit?.signal ? 128 + exit.signal : exit?.code ?? 0;
  } finally {
    sink.close();
  }
}

// A name without a slash is looked up in /bin (as the guest shell does: `wasmos run cat`), then in
// /usr/demo (`wasmos run sieve`).
function guestProgram(m: Machine, name: string): string {
  if (name.includes("/")) return name;
  for (const dir of GUEST_PATH) {
    const path = `${dir}/${name}`;
    try { m.guestFileSize(path); return path; } catch { /* not here: the next directory */ }
  }
  throw new LoadError(`${name}: command not found (looked in ${GUEST_PATH.join(", ")})`, true);
}

// "-" is stdout, as for most Unix tools.
function writeStats(file: string, json: string): void {
  if (file === "-") process.stdout.write(json);
  else writeFileSync(file, json);
}

function fail(e: unknown): number {
  if (e instanceof LoadError) { process.stderr.write(`wasmos: ${e.message}\n`); return e.notFound ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN; }
  throw e;
}
