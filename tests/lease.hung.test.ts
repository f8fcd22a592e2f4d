// A lease break that can never end (lease-break-time 0, a holder that ignores SIGIO and pauses):
// the hung-task report names the breaker's wait channel, break_lease (Linux's __break_lease), and
// the call it sleeps in, openat; the holder is reported in sigsuspend. Both are then killed.
import { expect, test } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { boot, testGuest } from "./helpers/machine";

test("the breaker with no time limit is reported hung in break_lease", async () => {
  const b = await boot({ disk: undefined });
  const parent = await b.m.spawn(await testGuest("leasehang.ts"), ["leasehang", "/leasefile"]);
  await b.m.run();
  const child = Number(/child (\d+)/.exec(b.stdout())![1]);
  expect(b.m.hungTasks).toEqual([
    { pid: parent, ppid: 0, name: "leasehang", syscall: "rt_sigsuspend", wchan: "sigsuspend", waitsOn: "sigsuspend/pause (a signal)" },
    { pid: child, ppid: parent, name: "leasehang", syscall: "openat", wchan: "break_lease", waitsOn: "a file lease's release (open)" },
  ]);
  expect(b.m.exitOf(parent)?.signal).toBe(Sig.SIGKILL);
});
