// Records Linux's answers: builds every program (or those named) natively with the host's C
// compiler, runs each in a fresh empty directory, and writes its output to expected/NAME.txt.
// Run it on Linux, as root (the wasmos guest runs as uid 0): `node tests/linux/record.mjs [NAME...]`.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HERE, dispatchSource, expectedPath, programs } from "./suite.mjs";

const all = programs();
const names = process.argv.length > 2 ? process.argv.slice(2) : all;
const dir = mkdtempSync(join(tmpdir(), "wasmos-linuxsuite-"));
const main = join(dir, "dispatch.c");
writeFileSync(main, dispatchSource(all));
const exe = join(dir, "linuxsuite");
const cc = spawnSync(process.env.CC ?? "cc", ["-O1", "-w", "-o", exe, main, ...all.map((n) => join(HERE, `${n}.c`))],
  { encoding: "utf8" });
if (cc.status !== 0) { console.error(cc.stderr || cc.error?.message); process.exit(1); }
for (const name of names) {
  const cwd = mkdtempSync(join(dir, `${name}-`));
  const r = spawnSync(exe, [name], { cwd, encoding: "utf8" });
  writeFileSync(expectedPath(name), r.stdout);
  console.log(`${name}: ${r.stdout.split("\n").length - 1} lines, exit ${r.status}${r.stderr ? `, stderr: ${r.stderr.trim()}` : ""}`);
}
rmSync(dir, { recursive: true, force: true });
