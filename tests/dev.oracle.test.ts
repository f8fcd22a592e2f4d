// Linux is the oracle for /dev and /proc semantics: tests/oracle/devproc.c reads and writes
// /dev/null, zero, full, urandom and random, stats the devices (mode, major/minor), and checks
// /proc's errnos (write EIO or EINVAL, SEEK_END EINVAL, ENOENT, ENOTDIR, EISDIR, no O_CREAT) and
// readlink of /proc/self/fd links. Built natively with gcc and run on this machine's Linux, then
// for wasmos (with and without wasi-libc's startup: the Linux calls and the WASI personality's
// path_open reach the same lookup); every line must be the same.
import { afterAll, describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/oracle/devproc.c";
const dir = mkdtempSync(join(tmpdir(), "wasmos-devproc-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const exe = join(dir, "devproc");
const built = spawnSync("gcc", ["-O2", "-o", exe, join(__dirname, "oracle", "devproc.c")], { encoding: "utf8" });
const haveGcc = !built.error && built.status === 0;
if (!haveGcc) console.warn(`dev.oracle: skipped (gcc failed: ${built.error?.message ?? built.stderr})`);

function linux(): string {
  const r = spawnSync(exe, [], { encoding: "utf8" });
  expect(r.status).toBe(0);
  return r.stdout;
}

describe.skipIf(!hasClang || !haveGcc)(`/dev and /proc against Linux${hasClang ? "" : ` (${NO_CLANG})`}`, { timeout: TRANSLATE_TIMEOUT }, () => {
  it("--no-wasi: the same lines as Linux", async () => {
    const want = linux();
    expect(want.split("\n").length).toBeGreaterThan(40);
    const r = cli("run", await cGuest(SRC, { wasi: false }));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(want);
    expect(r.status).toBe(0);
  });

  it("with wasi-libc (path_open, fd_read): the same lines as Linux", async () => {
    const r = cli("run", await cGuest(SRC));
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe(linux());
    expect(r.status).toBe(0);
  });
});
