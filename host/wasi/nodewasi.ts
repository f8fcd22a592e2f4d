// A reference engine for the conformance runner: node's own WASI runtime (node:wasi, uvwasi) runs a
// test natively, on a fresh host copy of its root preopened as "/" (no preopen without a root). It
// checks the runner's rules (arguments, environment, preopen, comparisons) independently of
// wasmos's WASI personality; it is not the oracle for behaviour (wasmtime is; uvwasi differs from
// it in a few tests).
// Interface: runOnNode(test, opts) -> Outcome.
import { chmodSync, closeSync, cpSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import type { Outcome, RunnerOptions } from "./conformance";
import type { WasiTest } from "./suite";

// The suite's files may be read-only; a test writes into its root, so the copy is made writable.
function writable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) writable(p); else if (e.isFile()) chmodSync(p, 0o644);
  }
}

export async function runOnNode(t: WasiTest, _o: RunnerOptions = {}): Promise<Outcome> {
  const { WASI } = await import("node:wasi");
  const tmp = mkdtempSync(join(tmpdir(), "wasmos-wasi-node-"));
  try {
    const root = join(tmp, "root");
    if (t.rootDir) {
      cpSync(t.rootDir, root, { recursive: true, filter: (src) => !basename(src).endsWith(".cleanup") });
      writable(root);
    }
    const outPath = join(tmp, "stdout"), errPath = join(tmp, "stderr");
    const out = openSync(outPath, "w"), err = openSync(errPath, "w"), none = openSync("/dev/null", "r");
    let exitCode: number | null = null, error: string | null = null;
    try {
      const wasi = new WASI({ version: "preview1", args: [basename(t.wasm), ...t.args], env: t.env,
        preopens: t.rootDir ? { "/": root } : {}, returnOnExit: true, stdin: none, stdout: out, stderr: err });
      const inst = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(t.wasm)),
        wasi.getImportObject() as WebAssembly.Imports);
      exitCode = wasi.start(inst);
    } catch (e) { error = `trap: ${(e as Error).message}`; }
    finally { closeSync(out); closeSync(err); closeSync(none); }
    return { exitCode, stdout: readFileSync(outPath), stderr: readFileSync(errPath), error };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
