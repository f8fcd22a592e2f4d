// Linux is the oracle: tests/guests/c/epoll.c is built natively (gcc or clang, Linux's
// <sys/epoll.h>) and for wasmos (guests/c/include/sys/epoll.h; with wasi-libc and with --no-wasi), and every line
// they print must be the same: level vs edge triggered on pipes (a partial read is no new edge, a write while bytes
// wait is), EPOLLONESHOT and its re-arm by EPOLL_CTL_MOD, EPOLLHUP/EPOLLERR when a pipe's other end
// closes (also with no event asked), a timeout and a wait a child's write ends, the errnos of
// epoll_create1, epoll_ctl and epoll_pwait, an epoll inside an epoll and ELOOP, the round robin
// when maxevents cuts the list, and an fd leaving the interest list with its file's last reference.
import { afterAll, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/epoll.c";
const dir = mkdtempSync(join(tmpdir(), "wasmos-epoll-oracle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const exe = join(dir, "epoll");
const cc = ["gcc", "cc", "clang"].find((c) => spawnSync(c, ["-O2", "-o", exe, join(__dirname, "..", SRC)]).status === 0);
if (!cc) console.warn("epoll.oracle: skipped (no native C compiler)");

for (const wasi of [true, false]) {
  test.skipIf(!cc || !hasClang)(`epoll${wasi ? "" : " (--no-wasi)"}: the same answers as Linux${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
    const linux = spawnSync(exe, [join(__dirname, "..", SRC)], { encoding: "utf8" });
    expect(linux.status).toBe(0);
    const lines = linux.stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(50);
    const r = cli("run", await cGuest(SRC, { wasi }), "/bin/sh");   // any regular file of the image: EPERM
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(lines);
  }, TRANSLATE_TIMEOUT);
}
