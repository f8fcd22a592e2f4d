// bench/outputs.mjs's diff mode: two saves that differ only in wall-clock figures are the same;
// any other difference (a count, a virtual time, a missing file) is reported and exits 1.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const script = join(__dirname, "..", "bench", "outputs.mjs");

const SUMMARY = (wall: string, virt: string) =>
  `$ wasmos run --trace=all --summary /bin/cat /data/4k.bin\n--- stderr\n` +
  `time              virtual ${virt} s (user 0.000000 s, system 0.000028 s), wall ${wall} s\n--- exit 0\n`;
const STATS = (wallNs: number, copies: number) =>
  JSON.stringify({ syscalls: 4, cpuCopies: copies, virtualTimeNs: 824314, wallTimeNs: wallNs }, null, 2) + "\n";

function diff(a: Record<string, string>, b: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), "outputs-test-"));
  try {
    for (const [side, files] of [["a", a], ["b", b]] as const) {
      mkdirSync(join(dir, side));
      for (const [n, text] of Object.entries(files)) writeFileSync(join(dir, side, n), text);
    }
    const r = spawnSync(process.execPath, [script, "diff", join(dir, "a"), join(dir, "b")], { encoding: "utf8" });
    return { status: r.status, out: r.stdout };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

describe("bench/outputs.mjs diff", () => {
  it("ignores wall-clock figures in summaries and stats", () => {
    const r = diff({ "s.txt": SUMMARY("0.011335", "0.001490"), "s.json": STATS(8208567, 35) },
      { "s.txt": SUMMARY("2.279411", "0.001490"), "s.json": STATS(12, 35) });
    expect(r.status).toBe(0);
    expect(r.out).toContain("2 files, identical");
  });

  it("reports a changed virtual time, a changed count and a missing file", () => {
    const t = diff({ "s.txt": SUMMARY("0.011335", "0.001490") }, { "s.txt": SUMMARY("0.011335", "0.001491") });
    expect(t.status).toBe(1);
    expect(t.out).toContain("+time              virtual 0.001491 s");
    const c = diff({ "s.json": STATS(1, 35) }, { "s.json": STATS(1, 36) });
    expect(c.status).toBe(1);
    expect(c.out).toContain('+  "cpuCopies": 36,');
    const m = diff({ "s.json": STATS(1, 35), "t.txt": "x\n" }, { "s.json": STATS(1, 35) });
    expect(m.status).toBe(1);
    expect(m.out).toContain("t.txt");
  });
});
