// A write larger than the pipe: 100 KiB in one write() through a 16-slot (64 KiB) pipe, read by
// another process 8 KiB at a time. The writer sleeps when the pipe is full and goes on where it
// stopped; its one write returns 102400 and every byte arrives in order. Each byte is copied twice
// by the CPU (in and out), and no pipe frame is left.
import { describe, it, expect } from "vitest";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";
import type { TraceEvent } from "../host/trace";

type SyscallEvent = Extract<TraceEvent, { type: "syscall" }>;
type CopyEvent = Extract<TraceEvent, { type: "copy" }>;

describe("pipe: a large write", () => {
  it("100 KiB through a 64 KiB pipe arrives intact; the writer's one write() returns it all", async () => {
    const b = await boot({ traceMask: 0x1f, keepEvents: true });
    const pid = await b.m.spawn(await testGuest("pipes.ts"), ["pipes", "large"]);
    await b.m.run();
    expect(b.stdout()).toBe("got 102400 intact in 13 reads\nchild exit 0\n");
    const evs = b.m.tracer!.events;
    const child = Number((evs.find((e) => e.type === "syscall" && e.pid === pid && e.name === "clone" && e.ret! > 0n) as SyscallEvent).ret);
    const writes = evs.filter((e): e is SyscallEvent => e.type === "syscall" && e.pid === child && e.name === "write");
    expect(writes.map((w) => w.ret)).toEqual([102400n]);
    expect(evs.some((e) => e.type === "unfinished" && e.pid === child && e.name === "write")).toBe(true);
    const sum = (keep: (c: CopyEvent) => boolean) => evs.reduce((s, e) => s + (e.type === "copy" && keep(e) ? e.bytes : 0), 0);
    expect(sum((c) => c.routine === "copy_from_user" && c.to === "frame" && c.cause === writes[0].seq)).toBe(102400);
    expect(sum((c) => c.routine === "copy_to_user" && c.from === "frame" && c.pid === pid)).toBe(102400);
    expect(meminfo(b.m).byOwner.pipe).toBe(0);
  });
});
