// Memory pressure (issue 10, findings 6b and 15, and the done-when case): a process that takes all
// the memory of a small machine is killed by the OOM killer (SIGKILL, never SIGBUS, logged
// `Out of memory: Killed process N (name)` on the console), while another process doing ordinary
// work (reading a file through the page cache) finishes normally with the right output. The
// kernel never panics for want of a frame: a 2 GiB MAP_POPULATE on a 16 MiB machine fails with
// ENOMEM (and its process is the OOM victim), and metadata reads by other processes go on. Every
// frame is back once the processes are gone, and fsck is clean.
// Before the fix: the toucher died by SIGBUS with no log, and the MAP_POPULATE left the machine
// with no free frame: the reader's next metadata read panicked `meta: cannot read a metadata block`.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, fsck } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { meminfo } from "../host/inspect";
import { TraceClass } from "../kernel/abi/trace";
import { Sig } from "../kernel/abi/signals";
import { boot, distDemo, testGuest, type BootOptions } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-oom-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** FNV-1a, 32 bits, as readfile prints it. */
function fnv1a(data: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of data) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return "0x" + h.toString(16).padStart(8, "0");
}

const data = Uint8Array.from({ length: 4 << 20 }, (_, i) => (i * 2654435761) >>> 24);

/** A 16 MiB machine with a disk holding /f.bin; the programs (argv: memhog MODE ... or readfile
 *  FILE) start together and run to their ends. */
async function pressure(name: string, argvs: string[][], opts: BootOptions = {}) {
  const image = join(dir, `${name}.img`);
  writeFileSync(image, mkfs(8 << 20, { files: [{ path: "/f.bin", data }] }).bytes);
  const b = await boot({ ramBytes: 16 << 20, disk: image, ...opts });
  const atBoot = meminfo(b.m);
  const pids: number[] = [];
  for (const argv of argvs) pids.push(await b.m.spawn(argv[0] === "memhog" ? await testGuest("memhog.ts") : distDemo(argv[0]), argv));
  await b.m.run();
  const after = meminfo(b.m);
  b.m.dropCaches();
  const dropped = meminfo(b.m);
  const disk = FileStore.open(image, "r");
  let problems: string[];
  try { problems = fsck(disk).problems; } finally { disk.close(); }
  return { b, pids, hog: pids[0], reader: pids[1], atBoot, after, dropped, problems, out: b.stdout(), err: b.stderr() };
}

function allFramesBack(r: Awaited<ReturnType<typeof pressure>>): void {
  for (const o of ["anon", "pagetable", "pipe", "socket", "kernel"] as const) expect(r.after.byOwner[o]).toBe(r.atBoot.byOwner[o]);
  expect(r.dropped.byOwner.pagecache).toBe(0);
  expect(r.dropped.free + r.dropped.byOwner.pagecache).toBe(r.atBoot.free + r.atBoot.byOwner.pagecache);
}

describe("isolation: memory pressure and the OOM killer", () => {
  it("two processes: the one touching memory is killed by the OOM killer, the reader finishes normally", async () => {
    const r = await pressure("touch", [["memhog", "touch"], ["readfile", "/f.bin"]], { traceMask: TraceClass.syscall, keepEvents: true });
    const ev = r.b.m.tracer!.events;
    const killed = ev.find((e) => e.type === "exit" && e.pid === r.hog)!;
    const reads = ev.filter((e) => e.type === "syscall" && e.name === "read" && e.pid === r.reader);
    expect(reads[0].time).toBeLessThan(killed.time);            // the OOM kill came in the middle of the reader's job
    expect(reads.at(-1)!.time).toBeGreaterThan(killed.time);
    expect(r.b.m.stats().pageCache.evicted).toBeGreaterThan(0); // reclaim ran before the OOM killer
    expect(r.b.m.exitOf(r.hog)).toMatchObject({ signal: Sig.SIGKILL, code: null });
    expect(r.b.m.exitOf(r.reader)).toMatchObject({ code: 0, signal: null });
    expect(r.out).toBe(`read ${data.length} bytes in ${data.length / 4096 + 1} calls, fnv1a ${fnv1a(data)}\n`);
    expect(r.err).toBe(`Out of memory: Killed process ${r.hog} (memhog)\n`);
    allFramesBack(r);
    expect(r.problems).toEqual([]);
  });

  it("MAP_POPULATE of 2 GiB on 16 MiB: mmap fails with ENOMEM, its process is the OOM victim, the other reads on", async () => {
    const r = await pressure("populate", [["memhog", "populate"], ["readfile", "/f.bin"]], { traceMask: TraceClass.syscall, keepEvents: true });
    const mmaps = r.b.m.tracer!.events.filter((e) => e.type === "syscall" && e.name === "mmap" && e.pid === r.hog);
    expect(mmaps.map((e) => e.type === "syscall" && e.errno)).toEqual(["ENOMEM"]);
    expect(r.b.m.exitOf(r.hog)).toMatchObject({ signal: Sig.SIGKILL });
    expect(r.b.m.exitOf(r.reader)).toMatchObject({ code: 0 });
    expect(r.out).toBe(`read ${data.length} bytes in ${data.length / 4096 + 1} calls, fnv1a ${fnv1a(data)}\n`);
    expect(r.err).toBe(`Out of memory: Killed process ${r.hog} (memhog)\n`);
    allFramesBack(r);
    expect(r.problems).toEqual([]);
  });

  it("the victim may be asleep: its memory is freed at once (the reaper), it dies with SIGKILL, the other goes on", async () => {
    const r = await pressure("reaper", [["memhog", "hold", "8"], ["memhog", "use", "6", "20"]]);
    const [holder, user] = r.pids;
    expect(r.b.m.exitOf(holder)).toMatchObject({ signal: Sig.SIGKILL });
    expect(r.b.m.exitOf(user)).toMatchObject({ code: 0 });
    expect(r.out).toBe("used 6 MiB\n");
    expect(r.err).toBe(`Out of memory: Killed process ${holder} (memhog)\n`);
    allFramesBack(r);
  });

  it("reclaim unmaps clean file pages (through the reverse map) before the OOM killer kills", async () => {
    const r = await pressure("mapped", [["memhog", "mapread", "/f.bin"], ["memhog", "touch"]], { traceMask: TraceClass.syscall | TraceClass.fault, keepEvents: true });
    const [mapper, hog] = r.pids;
    const ev = r.b.m.tracer!.events;
    const slept = ev.find((e) => e.type === "syscall" && e.name === "nanosleep" && e.pid === mapper)!;
    const killed = ev.find((e) => e.type === "exit" && e.pid === hog)!;
    expect(killed.time).toBeLessThan(slept.time + BigInt(slept.type === "syscall" ? slept.durNs : 0));   // the hog died while the mapper slept
    const refaults = ev.filter((e) => e.type === "fault" && e.fault === "major" && e.pid === mapper && e.time > slept.time);
    expect(refaults.length).toBeGreaterThan(0);       // its pages had been unmapped and freed: read again
    expect(r.b.m.exitOf(hog)).toMatchObject({ signal: Sig.SIGKILL });
    expect(r.b.m.exitOf(mapper)).toMatchObject({ code: 0 });
    expect(r.out).toBe(`fnv1a ${fnv1a(data)}\n`);
    expect(r.err).toBe(`Out of memory: Killed process ${hog} (memhog)\n`);
    allFramesBack(r);
  });
});
