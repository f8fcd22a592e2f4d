// The command line's V8 code cache (host/cliboot.ts): made by the first run, used by the next, and
// never a reason for a different result: a damaged file is ignored and written again, a folder that
// cannot be made is no error.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { projectRoot } from "../host/paths";

const dir = mkdtempSync(join(tmpdir(), "wasmos-codecache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(cache: string, entry = "dist/cli.mjs") {
  const r = spawnSync(process.execPath, [entry, "run", "hello", "a"], { cwd: projectRoot(), encoding: "utf8", env: { ...process.env, WASMOS_CACHE: cache } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const v8Files = () => readdirSync(join(dir, "v8")).filter((f) => f.endsWith(".bin"));

test("the first run writes the run command's cache; the next gives the same output and leaves it", () => {
  const first = run(dir);
  expect(first.stdout).toContain("hello");
  const files = v8Files();
  expect(files).toHaveLength(1);
  expect(files[0]).toMatch(/-run-/);
  const bytes = readFileSync(join(dir, "v8", files[0]));
  expect(run(dir)).toEqual(first);
  expect(readFileSync(join(dir, "v8", files[0])).equals(bytes)).toBe(true);
  expect(run(dir, "dist/wasmos.cjs")).toEqual(first);
});

test("a damaged cache is ignored and written again", () => {
  const [f] = v8Files();
  const path = join(dir, "v8", f);
  const bad = Buffer.from(readFileSync(path));
  for (let i = 64; i < bad.length; i += 997) bad[i] ^= 0x5a;
  for (const damaged of [bad, bad.subarray(0, 100)]) {
    writeFileSync(path, damaged);
    const r = run(dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("hello");
    const rewritten = readFileSync(path);
    expect(rewritten.equals(damaged)).toBe(false);
    run(dir);
    expect(readFileSync(path).equals(rewritten)).toBe(true);     // accepted: not written again
  }
});

test("a cache folder that cannot be made is no error", () => {
  const file = join(dir, "a-file");
  writeFileSync(file, "");
  const r = run(join(file, "cache"));       // under a file: mkdir fails (ENOTDIR), even for root
  expect(r.status).toBe(0);
  expect(r.stdout).toContain("hello");
});
