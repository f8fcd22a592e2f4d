// A pipeline of three processes, `cat F | wc | cat`: the right output and status, four processes
// (sh and three children) each exiting 0, and nothing left behind: no pipe frame, no anonymous
// frame, no process record (sh reaped its children; the host reaped sh).
import { describe, it, expect } from "vitest";
import { meminfo, processes } from "../host/inspect";
import { boot, distGuest } from "./helpers/machine";

describe("sh: a three-process pipeline", () => {
  it("gives the right output and status and leaves no frame, pipe or process behind", async () => {
    const b = await boot({ disk: undefined, traceMask: 1, keepEvents: true });
    const pid = await b.m.spawn(distGuest("sh"), ["sh", "-c", "cat /data/4k.bin | wc | cat"]);
    await b.m.run();
    expect(b.stdout()).toBe("     16      97    4096\n");
    expect(b.stderr()).toBe("");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const exits = b.m.tracer!.events.filter((e) => e.type === "exit");
    expect(exits.length).toBe(4);
    expect(exits.every((e) => e.type === "exit" && e.code === 0)).toBe(true);
    const execs = b.m.tracer!.events.filter((e) => e.type === "syscall" && e.name === "execve");
    expect(execs.map((e) => e.type === "syscall" && e.ret)).toEqual([0n, 0n, 0n]);
    const mem = meminfo(b.m);
    expect(mem.byOwner.pipe).toBe(0);
    expect(mem.byOwner.anon).toBe(0);
    expect(processes(b.m)).toEqual([]);
  });
});
