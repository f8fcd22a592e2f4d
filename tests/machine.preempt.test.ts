// Preemption: a process that computes without ever making a system call is interrupted when its
// time slice runs out, so hello, spawned after it, prints and exits while spin is still running.
import { expect, test } from "vitest";
import { processes, type ProcInfo } from "../host/inspect";
import { Stat } from "../kernel/abi/layout";
import { boot, distDemo, stat } from "./helpers/machine";

const SPINS = 50_000_000;

test("hello finishes while a CPU-bound spin spawned before it is still running", async () => {
  let atHello: { procs: ProcInfo[]; userNs: number } | null = null;
  const b = await boot({
    onStdout: () => { atHello ??= { procs: processes(b.m), userNs: stat(b.m, Stat.userTimeNs) }; },
  });
  const spin = await b.m.spawn(distDemo("spin"), ["spin", String(SPINS)]);
  const hello = await b.m.spawn(distDemo("hello"), ["hello"]);
  await b.m.run();

  expect(b.stdout()).toBe(`hello, world\nspun ${SPINS}\n`);   // spin's only line is its last act
  expect(b.m.exitOf(spin)).toEqual({ code: 0, signal: null, status: 0 });
  expect(b.m.exitOf(hello)).toEqual({ code: 0, signal: null, status: 0 });
  // When hello printed, spin had already run (user time is charged at the end of a slice) and
  // was waiting for the CPU, not finished.
  expect(atHello!.procs.find((p) => p.pid === spin)?.state).toBe("runnable");
  expect(atHello!.userNs).toBeGreaterThan(0);
  expect(stat(b.m, Stat.processSwitches)).toBeGreaterThanOrEqual(2);
});
