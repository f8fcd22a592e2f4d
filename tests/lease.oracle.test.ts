// File leases against Linux: tests/guests/c/leases.c, built with the host's gcc and run natively
// (on a file it creates, so it owns it), prints what wasmos prints for the same C program (built
// with guests/c, clang and wasi-libc) and for tests/guests/leases.ts, the same steps in the SDK: F_SETLEASE's refusals (EAGAIN: a read lease on a file open for writing, even by
// the caller; a write lease with another open; F_UNLCK without a lease. EINVAL: a bad type, a pipe,
// a directory. EBADF), F_GETLEASE's values (the target type while a break is pending), F_SETSIG and
// its reset by F_UNLCK, the O_NONBLOCK breaker's EWOULDBLOCK, a writer's and a reader's break (release,
// downgrade, what the holder may not take while a breaker waits) and a breaker interrupted by SIGALRM.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../host/paths";
import { run, testGuest } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const hasGcc = spawnSync("gcc", ["--version"]).status === 0;

const SRC = "tests/guests/c/leases.c";

function linux(): string {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-lease-"));
  const exe = join(dir, "leases");
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), SRC)]);
  const native = spawnSync(exe, [join(dir, "file")], { encoding: "utf8", cwd: dir });
  expect(native.status).toBe(0);
  expect(native.stdout).toContain("child-open-nonblock EAGAIN\nholder-got 29\ngetlease-breaking 2\n");   // it broke a lease
  return native.stdout;
}

test.skipIf(!hasGcc)("leases in the SDK: wasmos prints what Linux prints", async () => {
  const r = await run(await testGuest("leases.ts"), ["leases", "/leasefile"], { disk: undefined });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toBe(linux());
});

test.skipIf(!hasGcc || !hasClang)(`leases in C: wasmos prints what Linux prints${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const r = await run(new Uint8Array(readFileSync(await cGuest(SRC))), ["leases", "/leasefile"], { disk: undefined });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toBe(linux());
}, TRANSLATE_TIMEOUT);
