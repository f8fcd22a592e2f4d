// /proc and /dev are seen where Linux shows them: the root's listing (getdents64 for /bin/ls,
// WASI's fd_readdir for a wasi-libc program) names them, stat says they are directories, and a
// shell can cd into /proc, /proc/PID and /dev, list them, and climb back out with "..".
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { distPath } from "../host/paths";
import { cli } from "./helpers/cli";
import { run } from "./helpers/machine";
import { cGuest, hasClang, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const lines = (s: string) => s.trimEnd().split("\n");

it("ls / names proc and dev among the disk's entries; ls -ld calls them directories", () => {
  const r = cli("run", "/bin/ls", "/");
  expect(r.status).toBe(0);
  const names = lines(r.stdout);
  expect(names).toContain("proc");
  expect(names).toContain("dev");
  expect(names).toContain("bin");
  expect(names).toEqual([...names].sort());
  const l = cli("run", "/bin/ls", "-ld", "/proc", "/dev");
  expect(l.status).toBe(0);
  expect(lines(l.stdout).map((x) => x.slice(0, 1) + " " + x.split(" ").pop())).toEqual(["d /dev", "d /proc"]);
});

it("ls /proc, /proc/1 and /dev list their nodes", () => {
  const p = cli("run", "/bin/ls", "/proc");
  expect(p.status).toBe(0);
  expect(lines(p.stdout)).toEqual(["1", "loadavg", "meminfo", "self", "stat", "sys", "uptime", "version", "vmstat"]);
  const one = cli("run", "/bin/ls", "/proc/1");
  expect(lines(one.stdout)).toEqual(["cmdline", "fd", "maps", "stat", "status", "wchan"]);
  const d = cli("run", "/bin/ls", "/dev");
  expect(lines(d.stdout)).toEqual(["console", "full", "netmap", "null", "random", "tty", "urandom", "zero"]);
});

it("cd /proc, cd 1, cd .., cd ../bin, cd /dev: pwd and relative paths follow", () => {
  const r = cli("run", "/bin/sh", "-c",
    "cd /proc && pwd && ls -d meminfo self && cd 1 && pwd && head -n 1 status && cd .. && pwd && " +
    "head -n 1 ../README && cd ../bin && pwd && cd /dev && pwd && ls -d null && cd /proc/meminfo; cd /proc/99999; pwd");
  expect(lines(r.stdout)).toEqual(["/proc", "meminfo", "self", "/proc/1", "Name:\tsh", "/proc",
    "wasmos root file system", "/bin", "/dev", "null", "/dev"]);
  expect(r.stderr).toMatch(/can't cd to \/proc\/meminfo/);
  expect(r.stderr).toMatch(/can't cd to \/proc\/99999/);
});

it.skipIf(!hasClang)("a wasi-libc program lists /, /proc and /dev through fd_readdir", async () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-lsroot-"));
  try {
    const disk = join(dir, "disk.img");
    copyFileSync(distPath("rootfs.img"), disk);
    const r = await run(new Uint8Array(readFileSync(await cGuest("tests/guests/c/lsroot.c"))), ["lsroot", "/", "/proc", "/dev"], { net: null, disk });
    expect(r.exit.code).toBe(0);
    const out = lines(r.stdout);
    expect(out[0]).toMatch(/^\/ \(dir 1\): .*\bbin\b.* dev .* proc\b/);
    expect(out[1]).toBe("/proc (dir 1): 1 loadavg meminfo self stat sys uptime version vmstat");
    expect(out[2]).toBe("/dev (dir 1): console full netmap null random tty urandom zero");
  } finally { rmSync(dir, { recursive: true, force: true }); }
}, TRANSLATE_TIMEOUT);
