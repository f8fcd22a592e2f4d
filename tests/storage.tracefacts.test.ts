// The storage issue's trace facts on a cold cache, /data/4k.bin, a page-aligned 4096-byte buffer:
// read() = 2 mode switches, 1 DMA (disk -> page cache), 1 CPU copy (copy_to_user), 1 miss; again:
// 0 DMA, 1 CPU, 1 hit. mmap: no CPU copy of the data, one major fault whose DMA names the fault,
// the user page is the page-cache frame. O_DIRECT: 1 DMA into the user's frame, 0 CPU, cache untouched.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { pageTable, frameInfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";
import type { TraceEvent } from "../host/trace";

const data = new Uint8Array(4096).map((_, i) => (i * 31 + 1) & 0xff);
const expectSum = data.reduce((s, b) => s + b, 0) & 0xff;
const image = () => mkfs(8 << 20, { files: [{ path: "/data/4k.bin", data }] }).bytes;

async function trace(mode: string) {
  let table: { va: number; frame: number; owner: string }[] = [];
  let pid = 0;
  const b = await boot({ disk: image(), traceMask: 31, keepEvents: true, onEvent: (ev) => {
    if (ev.type === "syscall" && ev.name === "getpid") {
      table = pageTable(b.m, pid).map((e) => ({ va: e.va, frame: e.frame, owner: frameInfo(b.m, e.frame).owner }));
    }
  } });
  pid = await b.m.spawn(await testGuest("iopath.ts"), ["iopath", mode, "/data/4k.bin"]);
  await b.m.run();
  const evs = b.m.tracer!.events;
  return { m: b.m, pid, evs, stats: b.m.stats(pid), table };
}

const calls = (evs: TraceEvent[], name: string) => evs.filter((e) => e.type === "syscall" && e.name === name) as Extract<TraceEvent, { type: "syscall" }>[];
const children = (evs: TraceEvent[], seq: number) => evs.filter((e) => (e.type === "copy" || e.type === "fault") && e.cause === seq);

describe("storage trace facts (cold cache, /data/4k.bin)", () => {
  it("read(): 1 DMA + 1 CPU copy and a miss, then 0 DMA + 1 CPU copy and a hit", async () => {
    const { evs, stats } = await trace("read");
    expect(stats.exitCode).toBe(expectSum);
    const reads = calls(evs, "read");
    expect(reads.length).toBe(2);
    const [first, second] = reads.map((r) => children(evs, r.seq).filter((e) => e.type === "copy"));
    expect(first.map((c) => c.type === "copy" && [c.agent, c.routine, c.bytes])).toEqual([["dma", "disk_dma", 4096], ["cpu", "copy_to_user", 4096]]);
    expect(second.map((c) => c.type === "copy" && [c.agent, c.routine, c.bytes])).toEqual([["cpu", "copy_to_user", 4096]]);
    expect(stats.bySyscall.read).toMatchObject({ calls: 2, modeSwitches: 4, cpuCopies: 2, cpuCopyBytes: 8192, dmaCopies: 1, dmaCopyBytes: 4096 });
    expect(stats.pageCache.misses).toBe(1);
    expect(stats.pageCache.hits).toBe(1);
  });

  it("mmap(): no CPU copy of the data; one major fault whose DMA names the fault; same frame as the cache", async () => {
    const { evs, stats, m, table } = await trace("mmap");
    expect(stats.exitCode).toBe(expectSum);
    const majors = evs.filter((e) => e.type === "fault" && e.fault === "major");
    expect(majors.length).toBe(1);
    const dma = evs.filter((e) => e.type === "copy" && e.agent === "dma" && e.routine === "disk_dma" && e.to === "frame");
    const fromFault = dma.filter((e) => e.type === "copy" && e.cause === majors[0].seq);
    expect(fromFault.length).toBe(1);
    expect(stats.pageFaults.major).toBe(1);
    const cpuData = evs.filter((e) => e.type === "copy" && e.agent === "cpu" && e.bytes === 4096 && e.routine !== "exec_load");
    expect(cpuData).toEqual([]);
    expect(stats.bySyscall.mmap?.cpuCopies ?? 0).toBe(0);
    const mmapCall = calls(evs, "mmap")[0];
    const mapped = table.find((e) => e.va === Number(mmapCall.ret));
    expect(mapped?.owner).toBe("pagecache");          // the user's page IS the page-cache frame
    const dmaDst = fromFault[0].type === "copy" ? fromFault[0].dst : -1;
    expect(mapped!.frame).toBe(Math.floor(Number(dmaDst) / 4096));   // the frame the disk DMA'd into
    void m;
  });

  it("O_DIRECT read: 1 DMA straight into the user's frame, 0 CPU copies, page cache untouched", async () => {
    const { evs, stats } = await trace("direct");
    expect(stats.exitCode).toBe(expectSum);
    const [rd] = calls(evs, "read");
    const kids = children(evs, rd.seq).filter((e) => e.type === "copy");
    expect(kids.map((c) => c.type === "copy" && [c.agent, c.from, c.to, c.bytes])).toEqual([["dma", "device", "user", 4096]]);
    expect(stats.bySyscall.read).toMatchObject({ calls: 1, cpuCopies: 0, dmaCopies: 1, dmaCopyBytes: 4096 });
    expect(stats.pageCache.misses).toBe(0);
    expect(stats.pageCache.hits).toBe(0);
  });
});
