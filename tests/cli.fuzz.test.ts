// `wasmos fuzz`: a short run prints its totals (programs, syscalls, throughput, failures) and how
// the executors ended, exit 0 with no failure; one program by its seed is printed strace-like with
// its outcome; bad numbers are usage errors (exit 2).
import { expect, test } from "vitest";
import { cli } from "./helpers/cli";

test("a short clean run prints its totals and exits 0", () => {
  const r = cli("fuzz", "--seed", "3", "--programs", "6", "--calls-per-program", "30", "--only", "openat,read,lseek,close,pipe2,dup,fstat");
  // stderr carries only progress lines (one each 10 s of wall time: some on a loaded machine).
  for (const line of r.stderr.split("\n").filter(Boolean)) expect(line).toMatch(/^\d+ programs, \d+ generated calls, /);
  expect(r.stdout).toMatch(/^6 programs, 180 generated calls, \d+ syscalls in [\d.]+ s \(\d+ syscalls\/s\); failures: none\nexecutors ended by code 0: 6\n$/);
  expect(r.status).toBe(0);
});

test("--program-seed prints the program and its outcome", () => {
  const r = cli("fuzz", "--program-seed", "42", "--calls-per-program", "3", "--only", "getpid");
  expect(r.stdout).toBe("r0 = getpid()\nr1 = getpid()\nr2 = getpid()\nok (9 syscalls, executor code 0)\n");
  expect(r.status).toBe(0);
});

test("bad numbers are usage errors", () => {
  expect(cli("fuzz", "--programs", "x")).toEqual({ status: 2, stdout: "", stderr: "wasmos: fuzz: --programs must be a whole number (got x)\n" });
  expect(cli("fuzz", "--only", "nosuchcall")).toEqual({ status: 2, stdout: "", stderr: "wasmos: fuzz: unknown syscall nosuchcall\n" });
});
