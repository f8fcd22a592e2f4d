// The splice trace fact on a cold cache: /data/4k.bin spliced into a pipe, then from the pipe to a
// TCP socket to the discard service at 10.0.2.2:9, two splice calls: 4 mode switches, 2 DMA copies
// (disk -> page cache, page cache -> NIC), 0 CPU copies; the discard service gets the 4096 bytes
// intact. Between the two calls (the guest's getpid(), seen from an onEvent hook) the pipe's slot
// holds the very page-cache frame the disk DMA'd into: the only page-cache frame with two references
// (the cache's and the slot's), the frame the sg hand-off names, and the frame slot 0 of the pipe
// points at (host/inspect.ts pipes()).
import { describe, it, expect } from "vitest";
import { frameInfo, meminfo, pipes, type FrameInfo, type PipeInfo } from "../host/inspect";
import { dataBytes } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { boot, testGuest } from "./helpers/machine";
import type { TraceEvent } from "../host/trace";
import type { Machine } from "../host/machine";

type SyscallEvent = Extract<TraceEvent, { type: "syscall" }>;
const data = dataBytes(4096);

function allFrames(m: Machine): FrameInfo[] {
  return Array.from({ length: meminfo(m).total }, (_, pfn) => frameInfo(m, pfn));
}

describe("splice: file -> pipe -> socket (cold cache, /data/4k.bin)", () => {
  it("2 splices: 4 mode switches, 2 DMA, 0 CPU copies; the pipe slot is the page-cache frame", async () => {
    let seen: { shared: FrameInfo[]; rings: FrameInfo[]; pipes: PipeInfo[]; bytes: Uint8Array } | null = null;
    const b = await boot({ disk: undefined, net: { discardHash: true }, traceMask: 31, keepEvents: true, onEvent: (ev) => {
      if (ev.type !== "syscall" || ev.name !== "getpid") return;
      const frames = allFrames(b.m);
      const shared = frames.filter((f) => f.owner === "pagecache" && f.refcount === 2);
      const rings = frames.filter((f) => f.owner === "pipe");
      seen = { shared, rings, pipes: pipes(b.m),
        bytes: shared.length === 1 ? new Uint8Array(b.m.ram.buffer, shared[0].pfn * 4096, 4096).slice() : new Uint8Array() };
    } });
    const pid = await b.m.spawn(await testGuest("splicer.ts"), ["splicer", "trace", "/data/4k.bin"]);
    await b.m.run();
    expect(b.stdout()).toBe("file -> pipe 4096, pipe -> socket 4096\n");
    expect(b.m.exitOf(pid)?.code).toBe(0);

    const s = b.m.stats(pid);
    expect(s.bySyscall.splice).toMatchObject({ calls: 2, modeSwitches: 4, dmaCopies: 2, cpuCopies: 0, cpuCopyBytes: 0 });
    const conns = b.m.slirp!.services!.discard.connections;
    expect(conns.length).toBe(1);
    expect(conns[0].bytes).toBe(4096);
    expect(conns[0].fnv).toBe(fnv1a(data));

    const evs = b.m.tracer!.events;
    const [first] = evs.filter((e): e is SyscallEvent => e.type === "syscall" && e.name === "splice");
    const under = evs.filter((e) => (e.type === "copy" || e.type === "sg") && e.cause === first.seq);
    const dma = under.find((e) => e.type === "copy" && e.routine === "disk_dma");
    const sg = under.find((e) => e.type === "sg");
    expect(dma && dma.type === "copy" && dma.to).toBe("frame");
    const frame = dma!.type === "copy" ? Math.floor(dma!.dst / 4096) : -1;

    expect(seen).not.toBeNull();
    const at = seen!;
    expect(at.shared.map((f) => f.pfn)).toEqual([frame]);           // cache + pipe slot: refcount 2
    expect(at.bytes).toEqual(data);
    expect(sg && sg.type === "sg" && [sg.frame, sg.offset, sg.bytes]).toEqual([frame, 0, 4096]);
    expect(at.rings.length).toBe(1);                                  // the pipe's own frame: its slot ring
    expect(at.pipes).toEqual([{ index: 0, readers: 1, writers: 1, capacity: 16, bytes: 4096, ring: at.rings[0].pfn,
      slots: [{ frame, offset: 0, len: 4096, flags: [] }] }]);
  });
});
