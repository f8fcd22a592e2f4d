// /proc/self/status's signal lines (SigPnd, ShdPnd, SigBlk, SigIgn, SigCgt: 16 hex digits) and
// /proc/self/stat's signal, blocked, sigignore and sigcatch fields, for a process that blocks,
// raises, kills itself with, ignores and catches known signals (tests/guests/c/sigstatus.c):
// built with the host's gcc and run on Linux, then for wasmos; the outputs must be the same.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { distPath, projectRoot } from "../host/paths";
import { run } from "./helpers/machine";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/sigstatus.c";
const hasGcc = spawnSync("gcc", ["--version"]).status === 0;

test.skipIf(!hasClang || !hasGcc)(`status signal masks: wasmos prints what Linux prints${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-sigstatus-"));
  const exe = join(dir, "sigstatus"), disk = join(dir, "disk.img");
  copyFileSync(distPath("rootfs.img"), disk);              // wasi-libc opens files under a preopened "/"
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), SRC)]);
  const native = spawnSync(exe, [], { encoding: "utf8" });
  expect(native.status).toBe(0);
  expect(native.stdout).toContain("SigBlk:\t0000000000004200\n");   // SIGUSR1 (10) and SIGTERM (15)
  expect(native.stdout).toContain("SigQ:\t2+/rlimit\n");            // both pending, below the limit getrlimit reads
  const r = await run(new Uint8Array(readFileSync(await cGuest(SRC))), ["sigstatus"], { net: null, disk });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toBe(native.stdout);
}, TRANSLATE_TIMEOUT);

test("SigQ counts the signals pending for the user; its limit is Linux's default for the RAM (pages / 64)", () => {
  const r = cli("run", "/bin/sh", "-c", "grep SigQ /proc/self/status; grep MemTotal /proc/meminfo");
  expect(r.status).toBe(0);
  const kb = Number(/MemTotal:\s+(\d+) kB/.exec(r.stdout)![1]);
  expect(r.stdout.split("\n")[0]).toBe(`SigQ:\t0/${Math.floor(kb / 4 / 64)}`);
});
