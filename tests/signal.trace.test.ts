// Signals in the strace-style trace and at the CLI: a delivery is printed as strace prints it
// (--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---, SI_TKILL with the sender's pid), an
// interrupted read as `= ? ERESTARTSYS (...)`, the signal calls' arguments decoded; a process killed
// by signal N exits the CLI with 128 + N.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, test } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { cli } from "./helpers/cli";
import { testGuest } from "./helpers/machine";

let prog = "";
beforeAll(async () => {
  prog = join(mkdtempSync(join(tmpdir(), "wasmos-sigtrace-")), "sigtest.wasm");
  writeFileSync(prog, await testGuest("sigtest.ts"));
}, 120_000);

test("an alarm interrupting a pipe read, traced as strace shows it", () => {
  const r = cli("run", "--trace=syscall", prog, "restart");
  expect(r.status).toBe(0);
  const lines = r.stderr.split("\n").map((l) => l.replace(/^\[pid \d+\] /, ""));
  expect(lines).toContain("rt_sigaction(SIGALRM, {sa_handler=0x2, sa_mask=[], sa_flags=SA_RESTART}, NULL, 8) = 0");
  expect(lines).toContain("setitimer(ITIMER_REAL, {it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}}, " +
    "{it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=0, tv_usec=0}}) = 0");
  const intr = lines.findIndex((l) => l.startsWith("read(3, ") && l.endsWith("= ? ERESTARTSYS (To be restarted if SA_RESTART is set)"));
  expect(intr).toBeGreaterThan(0);
  expect(lines[intr + 1]).toBe("--- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---");
}, 120_000);

test("masks in the trace, and a raise() that kills: 128 + N at the CLI", () => {
  const m = cli("run", "--trace=syscall", prog, "mask");
  expect(m.stderr).toContain("rt_sigprocmask(SIG_BLOCK, [USR1], [], 8) = 0");
  expect(m.stderr).toContain("rt_sigpending([USR1], 8) = 0");
  const d = cli("run", "--trace=syscall", prog, "die", String(Sig.SIGTERM));
  expect(d.status).toBe(128 + Sig.SIGTERM);
  const tail = d.stderr.trim().split("\n").slice(-3);
  expect(tail).toEqual(["tgkill(1, 1, SIGTERM) = 0", "--- SIGTERM {si_signo=SIGTERM, si_code=SI_TKILL, si_pid=1, si_uid=0} ---",
    "+++ killed by SIGTERM +++"]);
}, 120_000);
