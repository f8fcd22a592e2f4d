// The process table grows with demand: a C guest forks 1000 children at once, each blocked reading
// a pipe, then releases and reaps them all. The inspection API sees all 1001 processes while they
// are blocked, the output is what the same program prints natively on Linux, and afterwards every
// frame is back: process records (Owner.proc) and save areas (Owner.kstack) are freed at reap.
import { describe, it, expect } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { meminfo, processes } from "../host/inspect";
import { boot } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/manyproc.c";
const N = 1000;
const hasCc = spawnSync("cc", ["--version"]).status === 0;

// The same source built for this machine and run natively: Linux is the oracle.
function runNatively(n: number): string {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-manyproc-"));
  try {
    execFileSync("cc", ["-O2", "-o", join(dir, "manyproc"), SRC]);
    return execFileSync(join(dir, "manyproc"), [String(n)], { encoding: "utf8" });
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

describe.skipIf(!hasClang)(`1000 processes at once${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("all run, block, are reaped, and every frame comes back", async () => {
    const guest = new Uint8Array(readFileSync(await cGuest(SRC, { wasi: false })));
    let seen = -1;
    const b = await boot({
      ramBytes: 64 << 20,
      onStdout: (bytes) => { if (Buffer.from(bytes).toString().startsWith("forked")) seen = processes(b.m).length; },
    });
    const before = meminfo(b.m);
    const pid = await b.m.spawn(guest, ["manyproc", String(N)]);
    await b.m.run();
    expect(b.stderr()).toBe("");
    expect(b.stdout()).toBe(`forked ${N}\nreaped ${N}, exit codes sum 100500 (written 100500)\nfork again: exit 42\n`);
    expect(b.m.exitOf(pid)).toEqual({ code: 0, signal: null, status: 0 });
    expect(seen).toBe(N + 1);                      // the parent and its children, all blocked
    const after = meminfo(b.m);
    expect(after.free).toBe(before.free);
    expect(after.byOwner).toEqual(before.byOwner);
    expect(after.byOwner.proc).toBe(0);
    expect(after.byOwner.kstack).toBe(0);
    if (hasCc) expect(b.stdout()).toBe(runNatively(N));
  });
});
