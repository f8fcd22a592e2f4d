// The signal mask of epoll_pwait, epoll_pwait2, ppoll and pselect6 is applied for the wait only
// (tests/guests/c/waitmask.c): a signal the mask lets through ends the wait with EINTR and its
// handler runs under that mask; one it keeps blocked stays pending and the call times out; the old
// mask is back afterwards. Built with the host's gcc and run on Linux, then built for wasmos and
// run there: the outputs must be the same, Linux being the oracle.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { projectRoot } from "../host/paths";
import { run } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/waitmask.c";
const hasGcc = spawnSync("gcc", ["--version"]).status === 0;

test.skipIf(!hasClang || !hasGcc)(`wait masks: wasmos prints what Linux prints${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const exe = join(mkdtempSync(join(tmpdir(), "wasmos-waitmask-")), "waitmask");
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), SRC)]);
  const native = spawnSync(exe, [], { encoding: "utf8" });
  expect(native.status).toBe(0);
  // the native run did what the test is about: EINTR with the handler run under the wait's mask
  expect(native.stdout).toContain("epoll_pwait\n  pending, mask opens it: -1 EINTR, handler ran 1 (usr1 blocked in it 1, usr2 0)");
  const r = await run(new Uint8Array(readFileSync(await cGuest(SRC))), ["waitmask"], { net: null });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toBe(native.stdout);
}, TRANSLATE_TIMEOUT);
