// Runs the WASI conformance suite's tests (host/wasi/suite.ts) one by one, each on a fresh machine:
// a new disk image made from the test's root directory (without the `*.cleanup` artefacts a run in
// place leaves), the program spawned with its arguments and environment, no input, no network. The
// guest file system's root is what the WASI personality preopens as fd 3 ("/"), so the test's root
// is that preopen; a test without a root gets no disk, hence no preopen (fd 3 is closed, as the
// suite's C tests of bad descriptors expect). Exit code, stdout and stderr are compared with the
// spec exactly, byte for byte.
// Interface: Outcome, TestResult, rootImage(rootDir) -> BlockStore, runOnWasmos(test, opts) ->
// Outcome, judge(test, outcome) -> TestResult, excused(test, result, exception) -> the failure is
// the listed one, resultLine(test, result, exception?) -> "PASS rust/x" | "FAIL rust/x (why)" [+
// the exception's verdict], runSuite(tests, opts, onResult) -> results in order.
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Machine, KernelPanic } from "../machine";
import { LoadError } from "../loader";
import { mkfs, defaultImageBytes } from "../fs/mkfs";
import type { BlockStore } from "../devices/blockstore";
import type { WasiTest } from "./suite";
import type { WasiException } from "./exceptions";

/** What a run produced; `error` when the program did not run to an exit (not loadable, panic, timeout). */
export interface Outcome { exitCode: number | null; stdout: Uint8Array; stderr: Uint8Array; error: string | null }

export interface TestResult { name: string; pass: boolean; why: string; outcome: Outcome }

export interface RunnerOptions {
  ramBytes?: number;            // default 64 MiB, as `wasmos run`
  timeoutMs?: number;           // wall-clock bound per test (translation excluded: the loader bounds it)
  cacheDir?: string;            // translation cache (default: host/translate/cache.ts's)
}

const EMPTY_IMAGE_BYTES = 8 << 20;
const DEFAULT_TIMEOUT_MS = 60_000;

/** A fresh in-memory image holding rootDir's tree (no `*.cleanup` entries); empty when rootDir is null. */
export function rootImage(rootDir: string | null): BlockStore {
  if (rootDir === null) return mkfs(EMPTY_IMAGE_BYTES);
  // mkfs copies a whole tree: give it a copy without the artefacts (the suite stays untouched).
  const tmp = mkdtempSync(join(tmpdir(), "wasmos-wasi-root-"));
  try {
    const tree = join(tmp, "root");
    cpSync(rootDir, tree, { recursive: true, filter: (src) => !basename(src).endsWith(".cleanup") });
    return mkfs(defaultImageBytes(tree), { from: tree });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs one test on a fresh wasmos machine. argv[0] is the program's file name, as wasmtime gives it. */
export async function runOnWasmos(t: WasiTest, o: RunnerOptions = {}): Promise<Outcome> {
  const out: Uint8Array[] = [], err: Uint8Array[] = [];
  const outcome = (exitCode: number | null, error: string | null): Outcome =>
    ({ exitCode, stdout: Buffer.concat(out), stderr: Buffer.concat(err), error });
  let m: Machine;
  try {
    // No root in the spec: no file system, so nothing is preopened (fd 3 is closed), as in wasmtime.
    const disk = t.rootDir === null ? null : rootImage(t.rootDir);
    m = await Machine.create({ ramBytes: o.ramBytes ?? 64 << 20, disk, net: null, stdin: null,
      stdout: (b) => { out.push(b.slice()); }, stderr: (b) => { err.push(b.slice()); },
      cacheDir: o.cacheDir, timeoutMs: o.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  } catch (e) { return outcome(null, `the machine did not start: ${(e as Error).message}`); }
  try {
    const env = Object.entries(t.env).map(([k, v]) => `${k}=${v}`);
    let pid: number;
    try { pid = await m.spawn(readFileSync(t.wasm), [basename(t.wasm), ...t.args], env); }
    catch (e) {
      if (e instanceof LoadError || e instanceof KernelPanic) return outcome(null, `not loaded: ${e.message}`);
      throw e;
    }
    try { await m.run(); }
    catch (e) { if (e instanceof KernelPanic) return outcome(null, e.message); throw e; }
    if (m.timedOut) return outcome(null, `timed out after ${(o.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s`);
    const exit = m.exitOf(pid);
    if (!exit) return outcome(null, "no exit status after the run");
    return outcome(exit.signal ? 128 + exit.signal : exit.code, null);
  } finally {
    m.close();
  }
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0;

// A short, exact rendering of a (possibly long) output for a FAIL line.
function show(b: Uint8Array | string): string {
  const s = typeof b === "string" ? b : Buffer.from(b).toString("utf8");
  const j = JSON.stringify(s);
  return j.length <= 160 ? j : `${j.slice(0, 157)}..."`;
}

/** The verdict: every difference from the spec, in the order exit code, stdout, stderr. */
export function judge(t: WasiTest, r: Outcome): TestResult {
  const whys: string[] = [];
  if (t.specError) whys.push(t.specError);
  else if (r.error) whys.push(r.error);
  else if (r.exitCode !== t.exitCode) whys.push(`exit code: expected ${t.exitCode}, got ${r.exitCode}`);
  if (!t.specError) {
    if (!same(r.stdout, Buffer.from(t.stdout))) whys.push(`stdout: expected ${show(t.stdout)}, got ${show(r.stdout)}`);
    if (!same(r.stderr, Buffer.from(t.stderr))) whys.push(`stderr: expected ${show(t.stderr)}, got ${show(r.stderr)}`);
  }
  return { name: t.name, pass: whys.length === 0, why: whys.join("; "), outcome: r };
}

/** A listed test fails as its exception says: it fails, and when the exception names one stream,
 *  that stream differs and everything else matches the spec. */
export function excused(t: WasiTest, r: TestResult, e: WasiException): boolean {
  if (r.pass) return false;
  if (!e.differs) return true;
  const actual = Buffer.from(r.outcome[e.differs]).toString("utf8");
  return judge({ ...t, [e.differs]: actual }, r.outcome).pass;
}

/** One line per test: "PASS name", or "FAIL name (why)"; a listed exception adds its verdict. */
export function resultLine(t: WasiTest, r: TestResult, e?: WasiException): string {
  const line = r.pass ? `PASS ${r.name}` : `FAIL ${r.name} (${r.why})`;
  if (e === undefined) return line;
  if (r.pass) return `${line} [listed as an exception: take it off host/wasi/exceptions.ts]`;
  if (!excused(t, r, e)) return `${line} [listed as an exception for its ${e.differs} only: it fails otherwise too]`;
  return `${line} [exception: ${e.reason}]`;
}

/** Runs the tests in order, one machine each; onResult sees each result as it comes. */
export async function runSuite(tests: WasiTest[], o: RunnerOptions, onResult?: (r: TestResult) => void,
  engine: (t: WasiTest, o: RunnerOptions) => Promise<Outcome> = runOnWasmos): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const r = judge(t, t.specError ? { exitCode: null, stdout: new Uint8Array(), stderr: new Uint8Array(), error: null } : await engine(t, o));
    results.push(r);
    onResult?.(r);
  }
  return results;
}
