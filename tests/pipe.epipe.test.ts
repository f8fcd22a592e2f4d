// A write to a pipe with no reader left fails with EPIPE and the writer gets SIGPIPE (13), whose
// default action kills it, as in Linux: both when the reader is gone before the write, and when it
// goes while the writer sleeps on a full pipe (the write is woken and ends the same way).
import { describe, it, expect } from "vitest";
import { boot, testGuest } from "./helpers/machine";
import type { TraceEvent } from "../host/trace";

type SyscallEvent = Extract<TraceEvent, { type: "syscall" }>;

async function runMode(mode: string) {
  const b = await boot({ traceMask: 0x1f, keepEvents: true });
  const pid = await b.m.spawn(await testGuest("pipes.ts"), ["pipes", mode]);
  await b.m.run();
  const evs = b.m.tracer!.events;
  const child = Number((evs.find((e) => e.type === "syscall" && e.pid === pid && e.name === "clone" && e.ret! > 0n) as SyscallEvent).ret);
  return { b, pid, evs, child };
}

describe("pipe: no reader", () => {
  it("write gets EPIPE and the writer dies by SIGPIPE", async () => {
    const { b, pid, evs, child } = await runMode("epipe");
    expect(b.stdout()).toBe("child signal 13\n");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const w = evs.find((e): e is SyscallEvent => e.type === "syscall" && e.pid === child && e.name === "write")!;
    expect(w.errno).toBe("EPIPE");
    expect(evs.some((e) => e.type === "signal" && e.pid === child && e.sig === 13)).toBe(true);
    expect(evs.some((e) => e.type === "exit" && e.pid === child && e.signal === 13)).toBe(true);
  });

  it("a writer asleep on a full pipe is woken when the reader closes, and dies by SIGPIPE", async () => {
    const { b, evs, child } = await runMode("fullpipe");
    expect(b.stdout()).toBe("read 4096\nchild signal 13\n");
    expect(evs.some((e) => e.type === "unfinished" && e.pid === child && e.name === "write")).toBe(true);
    const w = evs.find((e): e is SyscallEvent => e.type === "syscall" && e.pid === child && e.name === "write")!;
    expect(w.ret).toBe(BigInt(16 * 4096));               // what it moved before the reader left (as Linux)
    expect(evs.some((e) => e.type === "signal" && e.pid === child && e.sig === 13)).toBe(true);
  });
});
