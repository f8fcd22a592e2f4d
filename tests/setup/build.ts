// vitest globalSetup: build dist/ (kernel.wasm, guests, cli.mjs) once before any test file runs,
// and make one temporary directory for this run's compiled test guests (tests/helpers/machine.ts
// finds it in WASMOS_TEST_GUESTS), removed when the run ends.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export default function setup(): () => void {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  const r = spawnSync(process.execPath, ["host/build.mjs", "--quiet"], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node host/build.mjs failed (${r.status ?? r.signal}):\n${r.stderr}${r.stdout}`);
  const dir = mkdtempSync(join(tmpdir(), "wasmos-test-guests-"));
  process.env.WASMOS_TEST_GUESTS = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
