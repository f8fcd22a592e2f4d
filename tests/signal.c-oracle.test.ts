// A C program using signal(), sigaction(), raise(), kill(), setitimer(), alarm(), sigprocmask(),
// sigpending(), sigsuspend() and waitpid() with WUNTRACED/WCONTINUED (tests/guests/c/signals.c),
// built with the host's gcc and run on Linux, then built for wasmos (guests/c, clang and wasi-libc)
// and run there: the outputs must be the same, Linux being the oracle.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../host/paths";
import { run } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/signals.c";
const hasGcc = spawnSync("gcc", ["--version"]).status === 0;

test.skipIf(!hasClang || !hasGcc)(`signals in C: wasmos prints what Linux prints${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const exe = join(mkdtempSync(join(tmpdir(), "wasmos-sig-")), "signals");
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), SRC)]);
  const native = spawnSync(exe, [], { encoding: "utf8" });
  expect(native.status).toBe(0);
  const r = await run(new Uint8Array(readFileSync(await cGuest(SRC))), ["signals"], { net: null });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toBe(native.stdout);
  expect(r.stdout).toContain("read without: -1 EINTR");     // the native run did what the test is about
}, TRANSLATE_TIMEOUT);
