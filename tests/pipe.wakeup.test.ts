// A reader blocked on an empty pipe is woken by a writer in another process: the parent's read()
// sleeps (strace's <unfinished ...>), the child's write() copies the bytes into a pipe frame, and the
// read resumes with them, copying them out: one copy in under the writer's pid, one out under the reader's.
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";
import type { TraceEvent } from "../host/trace";

type SyscallEvent = Extract<TraceEvent, { type: "syscall" }>;
type CopyEvent = Extract<TraceEvent, { type: "copy" }>;

describe("pipe: blocking read", () => {
  it("a reader sleeping on an empty pipe is woken by a writer in another process", async () => {
    const b = await boot({ traceMask: 0x1f, keepEvents: true });
    const pid = await b.m.spawn(await testGuest("pipes.ts"), ["pipes", "wake"]);
    await b.m.run();
    expect(b.stdout()).toBe("read 8: wake up\nchild exit 0\n");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const evs = b.m.tracer!.events;
    const calls = evs.filter((e): e is SyscallEvent => e.type === "syscall");
    const child = Number(calls.find((e) => e.pid === pid && e.name === "clone" && e.ret! > 0n)!.ret);
    expect(child).toBeGreaterThan(pid);
    const unfinished = evs.findIndex((e) => e.type === "unfinished" && e.pid === pid && e.name === "read");
    const write = evs.findIndex((e) => e.type === "syscall" && e.pid === child && e.name === "write");
    const read = evs.findIndex((e) => e.type === "syscall" && e.pid === pid && e.name === "read");
    expect(unfinished).toBeGreaterThanOrEqual(0);
    expect(unfinished).toBeLessThan(write);              // the reader slept before the writer wrote
    expect(write).toBeLessThan(read);                    // and finished after
    const rd = evs[read] as SyscallEvent, wr = evs[write] as SyscallEvent;
    expect(rd.resumed).toBe(true);
    expect([rd.ret, wr.ret]).toEqual([8n, 8n]);
    const copies = evs.filter((e): e is CopyEvent => e.type === "copy" && (e.cause === rd.seq || e.cause === wr.seq));
    expect(copies.map((c) => [c.pid, c.routine, c.from, c.to, c.bytes])).toEqual([
      [child, "copy_from_user", "user", "frame", 8],
      [pid, "copy_to_user", "frame", "user", 8],
    ]);
  });
});
