// Hung tasks through the API: Machine.hungTasks lists every process that slept with nothing to wake
// it (pid, parent, name, call, wait channel), each is traced (a "hung" event) and counted
// (Stats.hungTasks), procWchan names the same channel while the process still sleeps, and the
// processes are then killed by SIGKILL. A run that ends normally reports none.
import { describe, it, expect } from "vitest";
import { boot, distDemo, testGuest } from "./helpers/machine";
import { Wchan } from "../kernel/abi/records";
import { Sig } from "../kernel/abi/signals";
import { TraceClass } from "../kernel/abi/trace";
import type { TraceEvent } from "../host/trace";

describe("Machine.hungTasks", () => {
  it("a parent in wait4 and its child on a pipe: both listed, traced, counted, then killed", async () => {
    const events: TraceEvent[] = [];
    const live: Record<number, number> = {};
    const b = await boot({ traceMask: TraceClass.syscall, onEvent: (e) => {
      events.push(e);
      if (e.type === "hung") live[e.pid] = b.m.k.procWchan(e.pid);   // still asleep when reported
    } });
    const parent = await b.m.spawn(await testGuest("hang.ts"), ["hang", "child"]);
    await b.m.run();
    const child = Number(/pid (\d+) child/.exec(b.stdout())![1]);
    expect(b.m.hungTasks).toEqual([
      { pid: parent, ppid: 0, name: "hang", syscall: "wait4", wchan: "do_wait", waitsOn: "wait4 for children" },
      { pid: child, ppid: parent, name: "hang", syscall: "read", wchan: "pipe_read", waitsOn: "pipe read" },
    ]);
    expect(live).toEqual({ [parent]: Wchan.do_wait, [child]: Wchan.pipe_read });
    const hung = events.filter((e) => e.type === "hung");
    expect(hung.map((e) => [e.pid, e.type === "hung" && e.wchan, e.type === "hung" && e.syscall]))
      .toEqual([[parent, "do_wait", "wait4"], [child, "pipe_read", "read"]]);
    expect(b.m.stats(parent).hungTasks).toBe(2);
    expect(b.m.exitOf(parent)?.signal).toBe(Sig.SIGKILL);
    expect(b.stderr()).toBe("");                      // the machine never prints; the CLI reports
  });

  it("a run that ends normally reports none", async () => {
    const b = await boot();
    const pid = await b.m.spawn(distDemo("hello"), ["hello"]);
    await b.m.run();
    expect(b.m.exitOf(pid)?.code).toBe(0);
    expect(b.m.hungTasks).toEqual([]);
    expect(b.m.stats(pid).hungTasks).toBe(0);
  });
});
