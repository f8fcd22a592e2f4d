// End of file comes when the last writer closes, not the first: two children hold the write end,
// one writes "a" and exits at once, the other writes "b" 2 ms later; the parent (its own write end
// closed) reads "a", sleeps, reads "b", then gets 0. Nothing is left behind.
import { describe, it, expect } from "vitest";
import { meminfo, processes } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

describe("pipe: end of file", () => {
  it("read returns 0 only after the last writer has closed", async () => {
    const b = await boot({ traceMask: 0x1f, keepEvents: true });
    const pid = await b.m.spawn(await testGuest("pipes.ts"), ["pipes", "eof"]);
    await b.m.run();
    expect(b.stdout()).toBe("a|b|eof\nchildren exit 1, exit 1\n");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const reads = b.m.tracer!.events.filter((e) => e.type === "syscall" && e.pid === pid && e.name === "read");
    expect(reads.map((e) => e.type === "syscall" && e.ret)).toEqual([1n, 1n, 0n]);
    expect(meminfo(b.m).byOwner.pipe).toBe(0);
    expect(processes(b.m)).toEqual([]);
  });
});
