// fork with copy-on-write: the child's store to a shared page is one cow fault and one CPU copy of
// 4096 bytes; the parent's page is unchanged; pages never written are never copied; wait4 reaps
// the child's status; no frame is left behind.
import { describe, it, expect } from "vitest";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

describe("fork", () => {
  it("shares pages copy-on-write and returns twice", async () => {
    const b = await boot({ traceMask: 0x1f, keepEvents: true });
    const free0 = meminfo(b.m).free;
    const pid = await b.m.spawn(await testGuest("forker.ts"), ["forker"]);
    await b.m.run();
    expect(b.stdout()).toBe("child sees 170 200\nparent: waited ok status 7, sees 0 100\n");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const s = b.m.stats(pid);
    const cowCopies = b.m.tracer!.events.filter((e) => e.type === "copy" && e.routine === "cow_copy");
    expect(s.pageFaults.cow).toBeGreaterThanOrEqual(1);
    expect(cowCopies.every((c) => c.type === "copy" && c.bytes === 4096)).toBe(true);
    // pages the program wrote after fork: the child's data page + its counter/stack pages, the parent's
    // own writes after the child exited reuse sole references (no copy); untouched pages: never copied
    expect(cowCopies.length).toBeLessThan(8);
    const m = meminfo(b.m);
    expect(m.free).toBe(free0);
    expect(m.byOwner.anon).toBe(0);
  });
});
