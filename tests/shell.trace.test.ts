// The trace fact of `cat /data/4k.bin | wc` under sh: the 4096 bytes are copied by the CPU into the
// pipe by cat's write() and out of it by wc's read(), each copy attributed to its own process (the
// trace events carry the pid; sh forked cat first, then wc): the frame cat's write() filled is the
// one wc's read() copies from. sh itself copies none of the data.
import { describe, it, expect } from "vitest";
import { boot, distGuest } from "./helpers/machine";
import type { TraceEvent } from "../host/trace";

type SyscallEvent = Extract<TraceEvent, { type: "syscall" }>;
type CopyEvent = Extract<TraceEvent, { type: "copy" }>;

async function traced() {
  const b = await boot({ disk: undefined, traceMask: 31, keepEvents: true });
  const sh = await b.m.spawn(distGuest("sh"), ["sh", "-c", "cat /data/4k.bin | wc"]);
  await b.m.run();
  const evs = b.m.tracer!.events;
  const forks = evs.filter((e): e is SyscallEvent => e.type === "syscall" && e.name === "clone" && e.pid === sh && e.ret! > 0n);
  return { b, sh, evs, children: forks.map((e) => Number(e.ret)) };
}

describe("sh: trace of cat | wc", () => {
  it("the write into the pipe and the read out of it are CPU copies of the two processes", async () => {
    const { b, sh, evs, children } = await traced();
    expect(b.stdout()).toBe("     16      97    4096\n");
    expect(children.length).toBe(2);
    const [cat, wc] = children;
    expect(new Set([sh, cat, wc]).size).toBe(3);
    const into = evs.filter((e): e is CopyEvent => e.type === "copy" && e.agent === "cpu" && e.to === "frame" && e.routine === "copy_from_user");
    expect(into.map((c) => [c.pid, c.causeName])).toEqual([[cat, "write"]]);
    const pipePage = Math.floor(into[0].dst / 4096);
    const outOf = evs.filter((e): e is CopyEvent => e.type === "copy" && e.agent === "cpu" && e.from === "frame" &&
      Math.floor(e.src / 4096) === pipePage);                  // cat's own read copies from a page-cache frame
    expect(outOf.map((c) => [c.pid, c.causeName, c.routine])).toEqual([[wc, "read", "copy_to_user"]]);
    expect(into[0].bytes + outOf[0].bytes).toBe(2 * 4096);
    const dataCopies = evs.filter((e) => e.type === "copy" && e.bytes === 4096 && e.routine !== "exec_load" && e.pid === sh);
    expect(dataCopies).toEqual([]);
  });

  // The child's return from clone carries the parent's entry seq (kernel/fork.ts forkDone); the
  // tracer matches a call by seq only within the same pid, so each process shows its own result.
  it("fork: the child's return from clone is not reported as the parent's", async () => {
    const { evs, sh } = await traced();
    const parentClones = evs.filter((e) => e.type === "syscall" && e.name === "clone" && e.pid === sh);
    expect(parentClones.map((e) => e.type === "syscall" && e.ret! > 0n)).toEqual([true, true]);
  });

  // clone's arguments in arm64 order (flags, newsp, ...): fork shows flags=SIGCHLD.
  it("fork: strace shows clone's flags as SIGCHLD", async () => {
    const { evs, sh } = await traced();
    const clone = evs.find((e) => e.type === "unfinished" && e.name === "clone" && e.pid === sh);
    expect(clone?.type === "unfinished" && clone.text).toMatch(/^clone\(child_stack=NULL, flags=/);
    expect(clone?.type === "unfinished" && clone.text).toContain("flags=SIGCHLD");   // today: flags=0
  });
});
