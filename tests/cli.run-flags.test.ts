// `wasmos run` as a new user types it: --trace with no value is syscall tracing and never takes the
// program's name as its value; --trace-file alone traces every class; --stats - writes to stdout;
// a bare name is a program in the guest's /bin; exit codes follow the shell's conventions
// (127 not found, 2 usage).
import { afterAll, expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";

const dir = mkdtempSync(join(tmpdir(), "wasmos-runflags-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("--trace followed by the program: syscall tracing of that program with its arguments", () => {
  const r = cli("run", "--trace", "cat", "/etc/motd");
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^Welcome to wasmos/);
  expect(r.stderr).toContain('openat(AT_FDCWD, "/etc/motd", O_RDONLY) = 3');
  expect(r.stderr).not.toMatch(/--- (irq|dma|tlb)/);     // syscall class only, as strace
});

test("--trace with a class list still takes it as the classes", () => {
  const r = cli("run", "--trace", "irq", "/usr/demo/hello");
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/--- irq \d+ ---/);
  expect(r.stderr).not.toContain("write(1,");
});

test("--trace-file alone traces every class into the file", () => {
  const f = join(dir, "t.txt");
  const r = cli("run", "--trace-file", f, "/usr/demo/hello");
  expect(r.status).toBe(0);
  expect(r.stderr).toBe("");
  const t = readFileSync(f, "utf8");
  expect(t).toContain('write(1, "hello, world\\n", 13) = 13');
  expect(t).toMatch(/--- irq \d+ ---/);
});

test("--stats - writes the counters as JSON on stdout after the program's output", () => {
  const r = cli("run", "--stats", "-", "/usr/demo/hello");
  expect(r.status).toBe(0);
  const [first, ...rest] = r.stdout.split("\n");
  expect(first).toBe("hello, world");
  expect(JSON.parse(rest.join("\n")).syscalls).toBeGreaterThan(0);
});

test("a bare name runs /bin/NAME, else /usr/demo/NAME; an unknown one exits 127", () => {
  expect(cli("run", "cat", "/etc/motd").stdout).toMatch(/^Welcome to wasmos/);
  expect(cli("run", "sieve", "100")).toEqual({ status: 0, stdout: "primes below 100: 25\n", stderr: "" });
  expect(cli("run", "/bin/sieve", "100").status).toBe(127);           // the demos are not in /bin
  expect(cli("run", "nosuchtool")).toEqual({ status: 127, stdout: "",
    stderr: "wasmos: nosuchtool: command not found (looked in /bin, /usr/demo)\n" });
});

test("a usage error exits 2", () => {
  const r = cli("run", "--no-such-flag", "/usr/demo/hello");
  expect(r.status).toBe(2);
  expect(r.stderr).toContain("unknown option '--no-such-flag'");
  expect(cli("run", "--ram", "lots", "/usr/demo/hello").status).toBe(2);
});
