// The WASI personality running C programs built with clang and wasi-libc: printf, file I/O through
// stdio on the image, readdir, arguments and environment, preopens (--dir), deterministic
// random_get (--seed), bad pointers (EFAULT, the program goes on), exit codes and traps, an
// unknown WASI import refused at load, both personalities in one program, and --trace/--summary/
// --stats showing the WASI calls under their names. Where node:wasi (a real WASI runtime) can run
// the same program, its output is the oracle.
import { beforeAll, describe, expect, test } from "vitest";
import { mkdtempSync, mkdirSync, openSync, closeSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WASI } from "node:wasi";
import { cli } from "./helpers/cli";
import { buildC, hasClang } from "./helpers/clang";

const dir = mkdtempSync(join(tmpdir(), "wasmos-wasi-"));
const prog = join(dir, "wasitest.wasm");
const run = (...args: string[]) => cli("run", prog, ...args);

/** What node:wasi prints for the same program and arguments, "/" preopened on an empty tree with /data. */
async function oracle(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; status: number }> {
  const root = mkdtempSync(join(dir, "root-"));
  mkdirSync(join(root, "data"));
  const outPath = join(dir, `out-${Math.random().toString(36).slice(2)}`);
  const out = openSync(outPath, "w");
  const wasi = new WASI({ version: "preview1", args: ["wasitest.wasm", ...args], env, preopens: { "/": root },
    stdout: out, returnOnExit: true });
  const inst = await WebAssembly.instantiate(await WebAssembly.compile(readFileSync(prog)), wasi.getImportObject() as WebAssembly.Imports);
  const status = wasi.start(inst);
  closeSync(out);
  const stdout = readFileSync(outPath, "utf8");
  rmSync(root, { recursive: true });
  return { stdout, status };
}

describe.skipIf(!hasClang())("C guests on the WASI personality", { timeout: 180_000 }, () => {
  beforeAll(() => {
    buildC(["tests/guests/wasi/wasitest.c"], prog);
    expect(run("hello").status).toBe(0);            // the first run translates (and caches) it
  }, 180_000);

  test("printf reaches the console", () => {
    expect(run("hello")).toEqual({ status: 0, stdout: "hello from C\n", stderr: "" });
  });

  test("arguments arrive as node:wasi passes them", async () => {
    const r = run("args", "one", "two words", "--three");
    const o = await oracle(["args", "one", "two words", "--three"]);
    expect(r.stdout).toBe(o.stdout);
    expect(r.stdout).toContain("argv[3]=two words\n");
    expect(r.status).toBe(0);
  });

  test("--env sets the environment", async () => {
    const r = cli("run", "--env", "A=1", "--env", "B=two words", prog, "env", "A", "B", "C");
    expect(r.stdout).toBe("A=1\nB=two words\nC=(unset)\n");
    expect(r.stdout).toBe((await oracle(["env", "A", "B", "C"], { A: "1", B: "two words" })).stdout);
  });

  test("stdio file I/O, stat, rename, mkdir, rmdir, unlink on the image: as node:wasi on a host directory", async () => {
    const r = run("files");
    expect(r.stdout).toBe((await oracle(["files"])).stdout);
    expect(r.stdout).toContain("read 7: line 10\nsize 8890\nstat size 8890 regular 1\n");
    expect(r.status).toBe(0);
  });

  test("readdir lists the image's root as `wasmos ls` does, with . and .. and the mount points", () => {
    const r = run("readdir", "/");
    const names = r.stdout.trim().split("\n").map((l) => l.split(" ")[1]).sort();
    const ls = cli("ls", "dist/rootfs.img", "/").stdout.trim().split("\n").map((l) => l.split(" ").pop()!);
    expect(names).toEqual([".", "..", ...ls, "dev", "proc"].sort());   // and the mount points /proc, /dev
    expect(r.stdout).toMatch(/^d bin$/m);
    expect(r.stdout).toMatch(/^f README$/m);
  });

  test("preopens: / is fd 3; --dir adds fd 4; readdir through it", () => {
    expect(run("preopens").stdout).toBe("fd 3: /\nfd 4: errno 8\n");
    expect(cli("run", "--dir", "/data", "--dir", "/etc", prog, "preopens").stdout).toBe("fd 3: /\nfd 4: /data\nfd 5: /etc\nfd 6: errno 8\n");
    const r = cli("run", "--dir", "/data", prog, "readdir", "/data");
    expect(r.stdout.split("\n").filter((l) => l.startsWith("f ")).sort()).toEqual(["f 4k.bin", "f big.bin"]);
    const bad = cli("run", "--dir", "/nowhere", prog, "hello");
    expect(bad.status).toBe(126);
    expect(bad.stderr).toContain("cannot preopen /nowhere: ENOENT");
  });

  test("random_get is deterministic: the same seed gives the same bytes, another seed others", () => {
    const a = run("random").stdout, b = run("random").stdout;
    const c = cli("run", "--seed", "42", prog, "random").stdout, d = cli("run", "--seed", "42", prog, "random").stdout;
    expect(a).toMatch(/^[0-9a-f]{32}\n$/);
    expect(b).toBe(a);
    expect(d).toBe(c);
    expect(c).not.toBe(a);
  });

  test("a bad pointer in a WASI call is EFAULT (21) and the program goes on", () => {
    const r = run("efault");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n");
    expect(lines.slice(0, -1).map((l) => l.split(": ")[1])).toEqual(["21", "21", "21", "21", "21", "21", "21"]);
    expect(lines.at(-1)).toBe("still running");
  });

  test("more than IOV_MAX iovecs (fd_pread, sock_recv) or FD_SETSIZE subscriptions (poll_oneoff) is EINVAL (28); the limit itself is accepted", () => {
    const r = run("iovmax");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split("\n")).toEqual(["fd_pread 1025: 28", "fd_pread 1024: 0 0", "sock_recv 1025: 28",
      "poll_oneoff 1025: 28", "poll_oneoff 1024: 0 1024"]);
  });

  test("exit codes: main's return, and abort() (a wasm trap: SIGILL) as for other guests", () => {
    expect(run("exit", "7").status).toBe(7);
    expect(run("exit", "0").status).toBe(0);
    expect(run("abort").status).toBe(128 + 4);
  });

  test("nanosleep (poll_oneoff on a clock) sleeps on the virtual clock", () => {
    expect(run("sleep").stdout).toBe("slept at least 250 ms: yes\n");
  });

  test("poll_oneoff: fd readiness, the earlier of two clocks, a bad fd as a BADF event, no subscriptions EINVAL", () => {
    expect(run("poll").stdout).toBe([
      "stdout+clock: errno 0, 1 event(s), first userdata 11 type 2",
      "two clocks: errno 0, 1 event(s), userdata 33, waited 50..80 ms",
      "bad fd: errno 0, 1 event(s), event error 8",
      "no subscriptions: errno 28", ""].join("\n"));
  });

  test("--trace shows fd_write decoded; --summary and --stats count the calls under WASI names", () => {
    const statsFile = join(dir, "stats.json");
    const r = cli("run", "--trace=syscall", "--summary", "--stats", statsFile, prog, "hello");
    expect(r.stdout).toBe("hello from C\n");
    expect(r.stderr).toMatch(/^fd_write\(1, \[\{"hello from C", 12\}, \{"\\n", 1\}\], 2, 0x[0-9a-f]+\) = 0$/m);
    expect(r.stderr).toMatch(/^args_sizes_get\(\[2\], \[\d+\]\) = 0$/m);
    expect(r.stderr).toMatch(/^ +[\d.]+ +[\d.]+ +\d+ +1 +fd_write$/m);
    const stats = JSON.parse(readFileSync(statsFile, "utf8"));
    expect(stats.bySyscall.fd_write.calls).toBe(1);
    expect(stats.bySyscall.fd_write.modeSwitches).toBe(2);
    expect(stats.bySyscall.fd_write.cpuCopies).toBeGreaterThan(0);
    const rows = Object.values(stats.bySyscall as Record<string, { calls: number; modeSwitches: number }>);
    expect(rows.reduce((n, s) => n + s.calls, 0)).toBe(stats.syscalls);
    for (const row of rows) expect(row.modeSwitches).toBe(2 * row.calls);   // each WASI call: one entry, one return
  });

  test("a failing WASI call shows its WASI errno in the trace and counts as an error", () => {
    const r = cli("run", "--trace=syscall", "--summary", prog, "files");
    expect(r.stderr).toMatch(/^path_open\(3, LOOKUP_SYMLINK_FOLLOW, "data\/none", 9, 0, 0, 0x[0-9a-f]+\) = 44 \(ENOENT\)$/m);
    expect(r.stderr).toMatch(/^path_create_directory\(3, "data\/sub", 8\) = 20 \(EEXIST\)$/m);
    expect(r.stderr).toMatch(/^ +[\d.]+ +[\d.]+ +\d+ +2 +1 path_create_directory$/m);
  });
});

describe.skipIf(!hasClang())("loading WASI programs", { timeout: 180_000 }, () => {
  test("an import WASI preview 1 does not have is refused at load, naming it", () => {
    const bad = buildC(["tests/guests/wasi/badimport.c"], join(dir, "bad.wasm"));
    const r = cli("run", bad);
    expect(r.status).toBe(126);
    expect(r.stderr).toContain("wasi_snapshot_preview1.fd_teleport");
  });

  test("one program may import both wasi_snapshot_preview1 and kernel.syscall", () => {
    const mixed = buildC(["tests/guests/wasi/mixed.c"], join(dir, "mixed.wasm"));
    const r = cli("run", "--trace=syscall", mixed);
    expect(r.stdout).toBe("pid 1 uname 0 sysname wasmos\n");
    expect(r.stderr).toMatch(/^getpid\(\) = 1$/m);
    expect(r.stderr).toMatch(/^fd_write\(1, /m);
  });
});
