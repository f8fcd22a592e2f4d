// tee(2) duplicates a pipe's slots into another pipe without copying: after tee both pipes' slots
// reference the one frame write() filled (refcount 2, seen from a hook on the guest's getpid()),
// the tee call makes no CPU copy, and both pipes then read back the same 4096 bytes.
import { describe, it, expect } from "vitest";
import { frameInfo, meminfo, type FrameInfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

const pattern = Uint8Array.from({ length: 4096 }, (_, i) => (i * 13 + 5) & 0xff);

describe("tee", () => {
  it("duplicates slot references: 0 CPU copies, one frame in both pipes", async () => {
    let pipeFrames: FrameInfo[] = [];
    let bytes = new Uint8Array();
    const b = await boot({ traceMask: 31, keepEvents: true, onEvent: (ev) => {
      if (ev.type !== "syscall" || ev.name !== "getpid") return;
      pipeFrames = Array.from({ length: meminfo(b.m).total }, (_, pfn) => frameInfo(b.m, pfn)).filter((f) => f.owner === "pipe");
      const shared = pipeFrames.find((f) => f.refcount === 2);
      if (shared) bytes = new Uint8Array(b.m.ram.buffer, shared.pfn * 4096, 4096).slice();
    } });
    const pid = await b.m.spawn(await testGuest("splicer.ts"), ["splicer", "tee"]);
    await b.m.run();
    expect(b.stdout()).toBe("tee 4096, read 4096 and 4096, both intact\n");
    const s = b.m.stats(pid);
    expect(s.bySyscall.tee).toMatchObject({ calls: 1, cpuCopies: 0, cpuCopyBytes: 0, dmaCopies: 0 });
    expect(s.bySyscall.write.cpuCopyBytes).toBeGreaterThanOrEqual(4096);   // the one copy: into pipe A
    // two slot rings (refcount 1) and the data frame, referenced by a slot of each pipe
    expect(pipeFrames.map((f) => f.refcount).sort()).toEqual([1, 1, 2]);
    expect(bytes).toEqual(pattern);
    expect(meminfo(b.m).byOwner.pipe).toBe(0);
  });
});
