// RLIMIT_CPU: a process that computes past its CPU-time limit (user + system time on the virtual
// clock) gets SIGXCPU at the soft limit and SIGKILL at the hard one; the limits read back through
// getrlimit and prlimit64; bad requests get EINVAL / ESRCH; the default is unlimited. A loop
// iteration costs 100 ns here (cost model), so a second of CPU is 10^7 iterations.
import { expect, test } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { run, testGuest } from "./helpers/machine";

const costModel = { userIterNs: 100 };

test("the soft limit sends SIGXCPU", async () => {
  const r = await run(await testGuest("cpulimit.ts"), ["cpulimit", "1", "3"], { costModel });
  expect(r.stdout).toBe("getrlimit 1 3\nprlimit64 1 3\n");
  expect(r.exit).toEqual({ code: null, signal: Sig.SIGXCPU, status: Sig.SIGXCPU });
  const cpu = r.machine.stats().userTimeNs + r.machine.stats().systemTimeNs;
  expect(cpu).toBeGreaterThanOrEqual(1e9);
  expect(cpu).toBeLessThan(1.01e9);                  // stopped within a slice or so of the limit
});

test("the hard limit, reached with the soft one, sends SIGKILL", async () => {
  const r = await run(await testGuest("cpulimit.ts"), ["cpulimit", "1", "1"], { costModel });
  expect(r.exit).toEqual({ code: null, signal: Sig.SIGKILL, status: Sig.SIGKILL });
});

test("EINVAL for soft > hard or an unknown resource, ESRCH for an unknown pid; unlimited by default", async () => {
  const r = await run(await testGuest("cpulimit.ts"), ["cpulimit", "check"], { costModel });
  expect(r.stdout).toBe("soft>hard: EINVAL\nresource 99: EINVAL\npid 99999: ESRCH\nunlimited\n");
  expect(r.exit.code).toBe(0);
});
