// The lab grader: a lab is a list of checks, each worth points, each a TypeScript function that
// boots the kernel under test through the public API (host/index.ts), runs guests on it and
// compares exact outputs and counts. The kernel and the guests are deterministic (virtual time,
// a fixed random seed), so the same kernel earns the same report, byte for byte.
// Interface: Lab, Check, CheckFailure, fail(msg), expectEq(what, actual, expected), expectExit(run, code); runGuest(kernel,
// program, args, opts) -> GuestRun; watGuest(text) -> wasm bytes; grade(lab, kernel) -> Report;
// formatReport(report) (the `make grade` text); failedReport(lab, error); LAB_TIMEOUT_MS.
import { Machine, KernelPanic } from "../index";
import type { ExitInfo, MachineOptions } from "../index";
import type { Stats, TraceEvent } from "../trace";

export interface Check {
  name: string;                    // one line: what is checked
  points: number;
  run: (kernel: WebAssembly.Module) => Promise<void>;   // throws CheckFailure (or anything) to fail
}

export interface Lab {
  name: string;                    // the CLI's NAME (labs/NAME/)
  title: string;
  checks: Check[];
}

export interface CheckResult { name: string; points: number; earned: number; pass: boolean; detail: string }
export interface Report { lab: string; checks: CheckResult[]; score: number; max: number; error?: string }

export class CheckFailure extends Error {}

/** Wall-clock bound on one guest run: guests that never finish (a deadlock, a lost wakeup) fail their check. */
export const LAB_TIMEOUT_MS = 120_000;

export function fail(msg: string): never { throw new CheckFailure(msg); }

export function expectEq<T>(what: string, actual: T, expected: T): void {
  if (actual !== expected) fail(`${what}: got ${fmt(actual)}, expected ${fmt(expected)}`);
}

/** The guest exited with status `code`; else say how it ended (a signal, its last stderr line). */
export function expectExit(r: GuestRun, code = 0): void {
  if (r.exit?.code === code) return;
  const how = r.exit?.signal ? `killed by signal ${r.exit.signal}` : r.exit ? `exit status ${r.exit.code}` : "it never exited";
  const last = r.stderr.trim().split("\n").pop();
  fail(`${how}, expected exit status ${code}${last ? ` (stderr: ${last})` : ""}`);
}

function fmt(v: unknown): string { return typeof v === "string" ? JSON.stringify(v) : String(v); }

export interface GuestOptions {
  ramBytes?: number; trace?: number; stdin?: Uint8Array; disk?: MachineOptions["disk"];
  onEvent?: (ev: TraceEvent, m: Machine) => void;   // each trace event as it is decoded (a syscall's at its exit)
}
export interface GuestRun { stdout: string; stderr: string; exit: ExitInfo | undefined; stats: Stats; events: TraceEvent[]; machine: Machine }

/** Boot `kernel`, run one program (a path on the default image, or wasm bytes) to the end. */
export async function runGuest(kernel: WebAssembly.Module, program: string | Uint8Array, args: string[],
  o: GuestOptions = {}): Promise<GuestRun> {
  const out: Buffer[] = [], err: Buffer[] = [];
  let machine: Machine | null = null;
  const onEvent = o.onEvent ? (ev: TraceEvent) => o.onEvent!(ev, machine!) : undefined;
  const m = machine = await Machine.create({ kernel, onEvent, ramBytes: o.ramBytes, traceMask: o.trace ?? 0, keepEvents: !!o.trace,
    stdin: o.stdin ?? null, net: null, disk: o.disk, timeoutMs: LAB_TIMEOUT_MS,
    stdout: (b) => { out.push(Buffer.from(b)); }, stderr: (b) => { err.push(Buffer.from(b)); } });
  try {
    const argv0 = typeof program === "string" ? program : "guest";
    const pid = typeof program === "string" ? await m.spawnPath(program, [argv0, ...args]) : await m.spawn(program, [argv0, ...args]);
    await m.run();
    if (m.timedOut) fail(`${argv0} did not finish within ${LAB_TIMEOUT_MS / 1000} s of wall time`);
    return { stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString(), exit: m.exitOf(pid), stats: m.stats(pid), events: m.tracer?.events ?? [], machine: m };
  } finally {
    m.close();
  }
}

/** A guest written in WebAssembly text against the raw ABI (kernel.syscall), assembled with binaryen. */
export async function watGuest(text: string): Promise<Uint8Array> {
  const binaryen = (await import("binaryen")).default;
  const mod = binaryen.parseText(text);
  try { return mod.emitBinary(); } finally { mod.dispose(); }
}

/** Run every check of `lab` on `kernel`; a check that throws earns nothing, with the reason. */
export async function grade(lab: Lab, kernel: WebAssembly.Module): Promise<Report> {
  const checks: CheckResult[] = [];
  for (const c of lab.checks) {
    let detail = "";
    try { await c.run(kernel); } catch (e) { detail = reason(e); }
    checks.push({ name: c.name, points: c.points, earned: detail ? 0 : c.points, pass: !detail, detail });
  }
  return { lab: lab.name, checks, score: sum(checks.map((c) => c.earned)), max: sum(lab.checks.map((c) => c.points)) };
}

/** A report for a kernel that never ran (it does not compile): every check failed with `error`. */
export function failedReport(lab: Lab, error: string): Report {
  const checks = lab.checks.map((c) => ({ name: c.name, points: c.points, earned: 0, pass: false, detail: "not run: no kernel (see above)" }));
  return { lab: lab.name, checks, score: 0, max: sum(lab.checks.map((c) => c.points)), error };
}

function reason(e: unknown): string {
  if (e instanceof CheckFailure) return e.message;
  if (e instanceof KernelPanic) return e.message;
  if (e instanceof Error) return `${e.constructor.name}: ${e.message}`;
  return String(e);
}

function sum(xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }

/** xv6's `make grade` layout: one line per check, the reason under a failure, then the score. */
export function formatReport(r: Report): string {
  const width = Math.max(...r.checks.map((c) => c.name.length), 20);
  const lines = r.error ? [r.error, ""] : [];
  for (const c of r.checks) {
    lines.push(`== ${c.name.padEnd(width)} ${c.pass ? "OK  " : "FAIL"} (${c.earned}/${c.points})`);
    if (!c.pass) for (const l of c.detail.split("\n")) lines.push(`     ${l}`);
  }
  lines.push(`Score: ${r.score}/${r.max}`);
  return lines.join("\n") + "\n";
}
