// File leases against Linux: tests/guests/c/leases.c, built with the host's gcc and run natively
// (on a file it creates, so it owns it), and tests/guests/leases.ts, the same steps on wasmos, print
// the same lines: F_SETLEASE's refusals (EAGAIN: a read lease on a file open for writing, even by
// the caller; a write lease with another open; F_UNLCK without a lease. EINVAL: a bad type, a pipe,
// a directory. EBADF), F_GETLEASE's values (the target type while a break is pending), F_SETSIG and
// its reset by F_UNLCK, the O_NONBLOCK breaker's EWOULDBLOCK, a writer's and a reader's break (release,
// downgrade, what the holder may not take while a breaker waits) and a breaker interrupted by SIGALRM.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../host/paths";
import { run, testGuest } from "./helpers/machine";

const hasGcc = spawnSync("gcc", ["--version"]).status === 0;

test.skipIf(!hasGcc)("leases: wasmos prints what Linux prints", async () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-lease-"));
  const exe = join(dir, "leases");
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), "tests/guests/c/leases.c")]);
  const native = spawnSync(exe, [join(dir, "file")], { encoding: "utf8", cwd: dir });
  expect(native.status).toBe(0);
  const r = await run(await testGuest("leases.ts"), ["leases", "/leasefile"], { disk: undefined });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toBe(native.stdout);
  expect(r.stdout).toContain("child-open-nonblock EAGAIN\nholder-got 29\ngetlease-breaking 2\n");   // the native run broke a lease
});
