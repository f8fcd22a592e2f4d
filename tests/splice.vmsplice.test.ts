// vmsplice puts the user's own page into the pipe: no CPU copy of the data (only of the iovec); between vmsplice and the read (a hook
// on the guest's getpid()) the process's page and the pipe's slot are one frame with two references.
// A store to the page after vmsplice is what the reader sees, as Linux documents (the program must not
// change the page while the pipe holds it); the rest of the page arrives as it was.
import { describe, it, expect } from "vitest";
import { frameInfo, pageTable, type FrameInfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

describe("vmsplice", () => {
  it("the user's page goes into the pipe by reference", async () => {
    let pid = 0;
    let mapped: number[] = [];
    let info: (pfn: number) => FrameInfo = () => { throw new Error("hook not run"); };
    const infos = new Map<number, FrameInfo>();
    const b = await boot({ traceMask: 31, keepEvents: true, onEvent: (ev) => {
      if (ev.type !== "syscall" || ev.name !== "getpid") return;
      mapped = pageTable(b.m, pid).map((e) => e.frame);
      for (const f of mapped) infos.set(f, frameInfo(b.m, f));
      info = (pfn) => infos.get(pfn)!;
    } });
    pid = await b.m.spawn(await testGuest("splicer.ts"), ["splicer", "vmsplice"]);
    await b.m.run();
    expect(b.stdout()).toBe("vmsplice 4096, read 4096, first byte 0xee, rest intact\n");
    const s = b.m.stats(pid);
    expect(s.bySyscall.vmsplice).toMatchObject({ calls: 1, cpuCopies: 1, cpuCopyBytes: 8, dmaCopies: 0 });
    const evs = b.m.tracer!.events;
    const call = evs.find((e) => e.type === "syscall" && e.name === "vmsplice")!;
    const copies = evs.filter((e) => e.type === "copy" && e.cause === call.seq);
    expect(copies.map((c) => c.type === "copy" && [c.routine, c.from, c.to, c.bytes]))
      .toEqual([["copy_from_user", "user", "kernel", 8]]);    // the struct iovec only, never the data
    const sg = evs.filter((e) => e.type === "sg" && e.cause === call.seq);
    expect(sg.length).toBe(1);
    const frame = sg[0].type === "sg" ? sg[0].frame : -1;
    expect(mapped).toContain(frame);                          // the pipe's page is the process's page
    expect(info(frame)).toMatchObject({ owner: "anon", refcount: 2 });
  });
});
