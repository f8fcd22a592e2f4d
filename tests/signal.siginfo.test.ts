// An SA_SIGINFO handler gets the siginfo_t of its signal (kernel/signal.ts writes it into the
// process's signal-frame page): si_signo, si_code (SI_TKILL for raise, SI_USER for kill, CLD_EXITED
// and CLD_KILLED for SIGCHLD), si_pid and si_status, also in a nested handler and when two signals
// are pending at once (each keeps its own sender). tests/guests/c/siginfo.c is built with the host's
// gcc and run on Linux, then for wasmos; the outputs must be the same.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../host/paths";
import { run } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/siginfo.c";
const hasGcc = spawnSync("gcc", ["--version"]).status === 0;

test.skipIf(!hasClang || !hasGcc)(`SA_SIGINFO handlers see what Linux shows them${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const exe = join(mkdtempSync(join(tmpdir(), "wasmos-siginfo-")), "siginfo");
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), SRC)]);
  const native = spawnSync(exe, [], { encoding: "utf8" });
  expect(native.status).toBe(0);
  expect(native.stdout).toContain("chld: signo 17 (17) code 1 pid child 1 status 7\n");
  const r = await run(new Uint8Array(readFileSync(await cGuest(SRC))), ["siginfo"], { net: null });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toBe(native.stdout);
  expect(r.stdout.split("\n").length).toBe(8);
}, TRANSLATE_TIMEOUT);
