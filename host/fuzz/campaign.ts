// A fuzzing campaign: program after program (seeded from the campaign's seed and the program's
// index), each run by the watchdog pool on a fresh machine, until a count of programs or syscalls or
// a wall time is reached. Failures are counted by signature (kind and detail, numbers blanked); the
// first of each is minimised (same kind of failure) and kept with its program seed, the minimised
// program as strace-like text and as a ready-to-paste test.
// Interface: FuzzOptions, Failure, Summary, signature(kind, detail), programSeed(seed, i), fuzz(opts) -> Summary,
// runProgram(program, opts?) -> Outcome (one program, for tests), openPool(opts).
import { generate, type GenOptions } from "./gen";
import { encode, type Program } from "./program";
import { minimise } from "./minimise";
import { Pool } from "./pool";
import { executorWasm } from "./image";
import { formatProgram, testSource } from "./print";
import type { FailureKind, Outcome, RunOptions } from "./runner";
import { nowMs } from "../clock";

export interface FuzzOptions extends RunOptions {
  seed: number;
  programs?: number;          // stop after this many programs
  syscalls?: number;          // ... or this many syscalls served
  timeS?: number;             // ... or this much wall time (whichever comes first)
  gen?: GenOptions;           // calls per program, which calls
  timeoutMs?: number;         // the watchdog's limit per program
  minimise?: boolean;         // default true
  maxFailures?: number;       // stop after this many (default 20)
  onProgram?: (i: number, o: Outcome, s: Summary) => void;
  onFailure?: (f: Failure) => void;
}
export interface Failure {
  index: number; programSeed: number; kind: FailureKind; detail: string;
  program: Program; minimised: Program; text: string; test: string;
}
export interface Summary {
  programs: number; syscalls: number; calls: number; wallMs: number;
  failures: Failure[];                        // the first failure of each signature, minimised
  byKind: Partial<Record<FailureKind, number>>;
  bySignature: Record<string, number>;        // every failure, by signature (kind + detail, numbers as N)
  seedsBySignature: Record<string, number[]>; // the program seeds of the first five of each
  exits: Record<string, number>;              // how the executors ended
}

/** What makes two failures the same: the kind and the detail with its numbers blanked. */
export function signature(kind: FailureKind, detail: string): string {
  return `${kind}: ${detail.replace(/\d+/g, "N")}`;
}

/** The seed of program i of a campaign. */
export function programSeed(seed: number, i: number): number {
  let h = (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca77)) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 0;
  return (h ^ (h >>> 12)) >>> 0;
}

export async function openPool(opts: RunOptions & { timeoutMs?: number } = {}): Promise<Pool> {
  return new Pool({ ramBytes: opts.ramBytes, quantum: opts.quantum, timeoutMs: opts.timeoutMs, executor: await executorWasm() });
}

/** Run one program on a fresh machine under the watchdog; the outcome of its invariants. */
export async function runProgram(p: Program, opts: RunOptions & { timeoutMs?: number } = {}): Promise<Outcome> {
  const pool = await openPool(opts);
  try { return await pool.run(encode(p)); } finally { await pool.close(); }
}

async function shrink(pool: Pool, p: Program, kind: FailureKind): Promise<Program> {
  const still = async (q: Program) => { const o = await pool.run(encode(q)); return !o.ok && o.kind === kind; };
  return (await minimise(p, still, kind === "hang" ? { maxTries: 16, prefixFirst: true } : { maxTries: 400 })).program;
}

export async function fuzz(opts: FuzzOptions): Promise<Summary> {
  const t0 = nowMs();
  const s: Summary = { programs: 0, syscalls: 0, calls: 0, wallMs: 0, failures: [], byKind: {}, bySignature: {}, seedsBySignature: {}, exits: {} };
  const pool = await openPool(opts);
  const done = () => (opts.programs !== undefined && s.programs >= opts.programs) ||
    (opts.syscalls !== undefined && s.syscalls >= opts.syscalls) ||
    (opts.timeS !== undefined && nowMs() - t0 >= opts.timeS * 1000) ||
    Object.values(s.bySignature).reduce((a, b) => a + b, 0) >= (opts.maxFailures ?? 20);
  try {
    for (let i = 0; !done(); i++) {
      const seed = programSeed(opts.seed, i);
      const p = generate(seed, opts.gen);
      const o = await pool.run(encode(p));
      s.programs++; s.syscalls += o.syscalls; s.calls += p.calls.length;
      if (o.exit) s.exits[o.exit] = (s.exits[o.exit] ?? 0) + 1;
      if (!o.ok) {
        const kind = o.kind!;
        s.byKind[kind] = (s.byKind[kind] ?? 0) + 1;
        const sig = signature(kind, o.detail ?? "");
        s.bySignature[sig] = (s.bySignature[sig] ?? 0) + 1;
        if (s.bySignature[sig] <= 5) (s.seedsBySignature[sig] ??= []).push(seed);
        if (s.bySignature[sig] > 1) { s.wallMs = nowMs() - t0; opts.onProgram?.(i, o, s); continue; }
        const m = opts.minimise === false ? p : await shrink(pool, p, kind);
        const f: Failure = { index: i, programSeed: seed, kind, detail: o.detail ?? "", program: p, minimised: m,
          text: formatProgram(m),
          test: testSource(m, `fuzz program ${seed}: no ${kind}`, `${kind}: ${o.detail ?? ""}\n(wasmos fuzz --seed ${opts.seed}: program ${i}, seed ${seed})`) };
        s.failures.push(f);
        opts.onFailure?.(f);
      }
      s.wallMs = nowMs() - t0;
      opts.onProgram?.(i, o, s);
    }
  } finally {
    await pool.close();
  }
  s.wallMs = nowMs() - t0;
  return s;
}
