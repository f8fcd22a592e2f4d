// Linux is the oracle: tests/guests/c/pgrp.c (process groups, sessions, their errnos, the job
// control ioctls on a pipe) built natively with cc and for wasmos; every line it prints on Linux it
// prints on wasmos. Skipped with a message where clang for wasm32-wasi or a native cc is missing.
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/pgrp.c";
const dir = mkdtempSync(join(tmpdir(), "wasmos-pgrp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const exe = join(dir, "pgrp");
const native = spawnSync("cc", ["-O2", "-o", exe, join(__dirname, "..", SRC)], { encoding: "utf8" });
const haveCc = !native.error && native.status === 0;
if (!haveCc) console.warn(`tty.pgrp-oracle: skipped (cc failed: ${native.error?.message ?? native.stderr})`);

describe.skipIf(!hasClang || !haveCc)(`process groups and sessions against Linux${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("setpgid, getpgid, setsid, getsid and the pgrp ioctls answer as Linux does", async () => {
    const linux = spawnSync(exe, [], { encoding: "utf8", input: "" });
    expect(linux.status).toBe(0);
    const lines = linux.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(25);
    expect(lines.at(-1)).toBe("done");
    const r = cli("run", await cGuest(SRC));
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(lines);
    expect(r.status).toBe(0);
  });
});
