// Linux is the oracle: tests/oracle/fslinks.c makes the same calls as tests/guests/fslinks.ts on
// the host's own file system (built natively with clang; skipped with a message where clang is
// missing), and every line it prints must be the line the guest prints on wasmos.
import { afterAll, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { onImage } from "./helpers/fsimage";

const dir = mkdtempSync(join(tmpdir(), "wasmos-oracle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const exe = join(dir, "fslinks");
const built = spawnSync("clang", ["-O2", "-o", exe, join(__dirname, "oracle", "fslinks.c")], { encoding: "utf8" });
const haveClang = !built.error && built.status === 0;
if (!haveClang) console.warn(`fs.links-oracle: skipped (clang -O2 failed: ${built.error?.message ?? built.stderr})`);

for (const what of ["symlinks", "hardlinks", "space"]) {
  test.skipIf(!haveClang)(`${what}: the same answers as Linux`, async () => {
    const root = join(dir, what);
    mkdirSync(root);
    const linux = spawnSync(exe, [root, what], { encoding: "utf8" });
    expect(linux.status).toBe(0);
    const r = await onImage(mkfs(4 << 20).bytes, "fslinks.ts", ["fslinks", what]);
    const ours = new Map(r.out.trim().split("\n").map((l) => [l.slice(0, l.indexOf(" ")), l] as const));
    const lines = linux.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(9);
    expect(lines.map((l) => ours.get(l.slice(0, l.indexOf(" "))) ?? `(missing) ${l}`)).toEqual(lines);
  }, 120_000);
}
