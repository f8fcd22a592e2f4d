// Test helpers for whole-machine tests: a Machine whose console output is captured, the built
// guests in dist/guests, test guests from tests/guests compiled once per run, and the kernel's
// counters. Interface: boot(opts) -> Booted, run(guest, argv, opts) -> RunResult, distGuest(name), distDemo(name),
// testGuest(file), stat(m, Stat.x).
import { existsSync, mkdtempSync, readFileSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, extname, join } from "node:path";
import { Machine, type ExitInfo, type MachineOptions } from "../../host/machine";
import { distPath, projectRoot } from "../../host/paths";
import { STATS_BASE, type Stat } from "../../kernel/abi/layout";
// @ts-expect-error: guests/build.mjs is plain JavaScript without type declarations
import { buildGuest } from "../../guests/build.mjs";

/** One chunk of console output, in the order the kernel wrote it. */
export interface Chunk { fd: 1 | 2; bytes: Uint8Array }

export interface Booted {
  m: Machine;
  chunks: Chunk[];             // every write to the console, in order
  stdout(): string;            // fd 1 so far, as UTF-8
  stderr(): string;
  stdoutBytes(): Uint8Array;
}

export interface RunResult { exit: ExitInfo; stdout: string; stderr: string; stdoutBytes: Uint8Array; machine: Machine }

export type BootOptions = Omit<MachineOptions, "stdout" | "stderr" | "stdin"> & {
  onStdout?: (bytes: Uint8Array) => void;   // called synchronously, inside the guest's write
};

const concat = (cs: Chunk[], fd: 1 | 2) => Buffer.concat(cs.filter((c) => c.fd === fd).map((c) => c.bytes));

/** A machine (16 MiB, no disk unless `disk` is given) with no input and its console captured. */
export async function boot(opts: BootOptions = {}): Promise<Booted> {
  const chunks: Chunk[] = [];
  const { onStdout, ...rest } = opts;
  const m = await Machine.create({
    ramBytes: 16 << 20, disk: null, ...rest, stdin: null,
    stdout: (b) => { chunks.push({ fd: 1, bytes: b }); onStdout?.(b); },
    stderr: (b) => { chunks.push({ fd: 2, bytes: b }); },
  });
  return {
    m, chunks,
    stdout: () => concat(chunks, 1).toString("utf8"),
    stderr: () => concat(chunks, 2).toString("utf8"),
    stdoutBytes: () => new Uint8Array(concat(chunks, 1)),
  };
}

/** Boot a machine, run one guest to its exit, return its exit and output. */
export async function run(guest: Uint8Array, argv: string[], opts: BootOptions = {}): Promise<RunResult> {
  const b = await boot(opts);
  const pid = await b.m.spawn(guest, argv);
  await b.m.run();
  const exit = b.m.exitOf(pid);
  if (!exit) throw new Error(`pid ${pid} has no exit status after run()`);
  return { exit, stdout: b.stdout(), stderr: b.stderr(), stdoutBytes: b.stdoutBytes(), machine: b.m };
}

/** A tool built by host/build.mjs (guests/programs, /bin on the image): dist/guests/<name>.wasm. */
export function distGuest(name: string): Uint8Array {
  return readFileSync(distPath("guests", `${name}.wasm`));
}

/** A demo or benchmark built by host/build.mjs (guests/demos, /usr/demo on the image): dist/demos/<name>.wasm. */
export function distDemo(name: string): Uint8Array {
  return readFileSync(distPath("demos", `${name}.wasm`));
}

const built = new Map<string, Promise<Uint8Array>>();

/** The directory for this run's compiled test guests (made by tests/setup/build.ts). */
function guestDir(): string {
  return process.env.WASMOS_TEST_GUESTS ??= mkdtempSync(join(tmpdir(), "wasmos-test-guests-"));
}

/** A test guest, tests/guests/<file> (.ts or .wat), compiled once per test run: the first test
 *  file to need it builds it (to a private name, then renamed into place), the others reuse it. */
export function testGuest(file: string): Promise<Uint8Array> {
  const cached = built.get(file);
  if (cached) return cached;
  const out = join(guestDir(), `${basename(file, extname(file))}${extname(file) === ".wat" ? "-wat" : ""}.wasm`);
  const p = (async () => {
    if (!existsSync(out)) {
      const tmp = out.replace(/\.wasm$/, `.${process.pid}.tmp.wasm`);
      await buildGuest(join(projectRoot(), "tests", "guests", file), tmp);
      renameSync(tmp, out);
    }
    return new Uint8Array(readFileSync(out));
  })();
  built.set(file, p);
  return p;
}

/** A kernel counter (layout.ts Stat), read from RAM at STATS_BASE. */
export function stat(m: Machine, s: Stat): number {
  return Number(new DataView(m.ram.buffer).getBigUint64(STATS_BASE + 8 * s, true));
}
