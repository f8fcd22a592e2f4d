// The WASI conformance suite on the host: where it is, and its tests as the suite's JSON rules
// describe them. Each NAME.wasm is a test; NAME.json beside it (absent: every default) gives its
// arguments, environment, the directory preopened as its root, and the exit code, stdout and stderr
// it must produce exactly. The suite is not part of the project: it is found where its argument or
// WASI_TESTSUITE says, else in a folder named wasi-testsuite in the project root or the nearest
// folder above it that has one.
// Interface: WasiTest, findSuite(explicit?) -> { dir, why }, listTests(dir, filter?) -> WasiTest[],
// readSpec(jsonText, name) -> the spec with defaults (throws SpecError on a malformed file).
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { projectRoot } from "../paths";

export interface WasiSpec {
  args: string[];                 // after argv[0]
  env: Record<string, string>;
  root: string | null;            // relative to the test's folder; null: the guest starts on an empty file system
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface WasiTest extends WasiSpec {
  name: string;                   // "<language>/<program>", e.g. rust/path_open_missing
  wasm: string;                   // host path of the program
  rootDir: string | null;         // host path of the root directory
  specError: string | null;       // the JSON file could not be read as a spec: the test fails with this
}

export class SpecError extends Error {}

const KEYS = new Set(["args", "env", "root", "exit_code", "stdout", "stderr"]);

/** A spec from NAME.json's text: missing keys take their defaults; a wrong type or an unknown key throws. */
export function readSpec(text: string, name: string): WasiSpec {
  let j: unknown;
  try { j = JSON.parse(text); } catch (e) { throw new SpecError(`${name}.json: ${(e as Error).message}`); }
  if (typeof j !== "object" || j === null || Array.isArray(j)) throw new SpecError(`${name}.json: not a JSON object`);
  const o = j as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new SpecError(`${name}.json: unknown key "${k}"`);
  const bad = (k: string, what: string): never => { throw new SpecError(`${name}.json: "${k}" must be ${what}`); };
  const args = o.args ?? [];
  if (!Array.isArray(args) || !args.every((a) => typeof a === "string")) bad("args", "an array of strings");
  const env = o.env ?? {};
  if (typeof env !== "object" || env === null || Array.isArray(env) || !Object.values(env).every((v) => typeof v === "string")) {
    bad("env", "an object of strings");
  }
  const root = o.root ?? null;
  if (root !== null && typeof root !== "string") bad("root", "a string or null");
  const exitCode = o.exit_code ?? 0;
  if (typeof exitCode !== "number" || !Number.isInteger(exitCode)) bad("exit_code", "an integer");
  for (const k of ["stdout", "stderr"]) if (o[k] !== undefined && typeof o[k] !== "string") bad(k, "a string");
  return { args: args as string[], env: env as Record<string, string>, root: root as string | null,
    exitCode: exitCode as number, stdout: (o.stdout as string) ?? "", stderr: (o.stderr as string) ?? "" };
}

/** Where the suite is: the explicit path, else $WASI_TESTSUITE, else a wasi-testsuite folder in the
 *  project root or in a folder above it. `dir` is null when it is absent; `why` says where it looked. */
const SUITE_DIR = "wasi-testsuite";

export function findSuite(explicit?: string): { dir: string | null; why: string } {
  const given = explicit ?? process.env.WASI_TESTSUITE;
  if (given) {
    const d = resolve(given);
    return isDir(d) ? { dir: d, why: d } : { dir: null, why: `${d}: no such directory` };
  }
  const root = projectRoot();
  for (let d = root; ; d = dirname(d)) {
    const cand = join(d, SUITE_DIR);
    if (isDir(cand)) return { dir: resolve(cand), why: resolve(cand) };
    if (dirname(d) === d) break;
  }
  return { dir: null, why: `no ${SUITE_DIR} folder in ${root} or above it (set WASI_TESTSUITE)` };
}

function isDir(p: string): boolean { return existsSync(p) && statSync(p).isDirectory(); }

// Every .wasm under dir, depth first in sorted order (the fs-tests.dir trees hold none).
function wasmFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...wasmFiles(p));
    else if (e.isFile() && e.name.endsWith(".wasm")) out.push(p);
  }
  return out;
}

/** The suite's tests in name order; with a filter, those whose name it matches. */
export function listTests(dir: string, filter?: RegExp): WasiTest[] {
  const tests: WasiTest[] = [];
  for (const wasm of wasmFiles(dir)) {
    const prog = basename(wasm, ".wasm");
    const name = `${relative(dir, wasm).split(sep)[0]}/${prog}`;
    if (filter && !filter.test(name)) continue;
    const json = join(dirname(wasm), `${prog}.json`);
    let spec: WasiSpec = readSpec("{}", prog), specError: string | null = null;
    try { if (existsSync(json)) spec = readSpec(readFileSync(json, "utf8"), prog); }
    catch (e) { specError = (e as Error).message; }
    const rootDir = spec.root === null ? null : join(dirname(wasm), spec.root);
    if (rootDir !== null && !isDir(rootDir) && specError === null) specError = `${prog}.json: root ${spec.root}: no such directory`;
    tests.push({ ...spec, name, wasm, rootDir, specError });
  }
  return tests.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
