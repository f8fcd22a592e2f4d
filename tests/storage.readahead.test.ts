// Readahead (kernel/readahead.ts) on a cold 64-page file, by the disk requests each read makes:
// read sequentially 4 KiB at a time, the file comes in with windows of 4, 8, 16 and 32 pages (the
// last one cut at the end of the file), one request each (plus, before the third window, the one
// block of the file's indirect block: the file's data blocks 12.. follow it on the disk); reads far
// from the last one read only their page; a mapped file faulted page by page reads a 32-page window
// around each major fault (its first window split at the indirect block) and maps the cached pages
// of the 16-page window around each fault (fault-around); a program is loaded in runs of blocks too. The bytes read back are checked by their sum.
import { describe, it, expect } from "vitest";
import { mkfs, dataBytes } from "../host/fs";
import { boot, testGuest, distGuest } from "./helpers/machine";

const PAGES = 64;
const data = dataBytes(PAGES * 4096);
const sum = (b: Uint8Array) => b.reduce((t, x) => (t + x) >>> 0, 0);

/** Run rareader MODE /f on a fresh machine (cold cache): its output and the disk reads (pages each) by cause. */
async function rareader(mode: string) {
  const img = mkfs(8 << 20, { files: [{ path: "/f", data }] });
  const b = await boot({ disk: img.bytes, traceMask: 31, keepEvents: true });
  const pid = await b.m.spawn(await testGuest("rareader.ts"), ["rareader", mode, "/f"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const reads = (cause: string) => b.m.tracer!.events
    .filter((e) => e.type === "copy" && e.routine === "disk_dma" && e.to === "frame" && e.causeName === cause)
    .map((e) => (e.type === "copy" ? e.bytes / 4096 : 0));
  return { out: b.stdout(), reads, stats: b.m.stats(pid), events: b.m.tracer!.events };
}

describe("readahead", () => {
  it("sequential reads: windows of 4, 8, 16, 32 pages, one request each", async () => {
    const r = await rareader("seq");
    expect(r.out).toBe(`seq ${PAGES * 4096} ${sum(data)}\n`);
    expect(r.reads("read")).toEqual([4, 8, 1, 16, 32, 4]);        // the 1: the indirect block
    expect(r.stats.pageCache).toMatchObject({ misses: 5, hits: PAGES - 5 });
  });

  it("random reads: only the page asked for", async () => {
    const r = await rareader("rand");
    const pages = [40, 10, 50, 20, 30];
    expect(r.out).toBe(`rand ${pages.length * 4096} ${pages.reduce((t, p) => t + sum(data.subarray(p * 4096, p * 4096 + 4096)), 0) >>> 0}\n`);
    expect(r.reads("pread64")).toEqual([1, 1, 1, 1, 1, 1]);        // 40 needs the indirect block first
    expect(r.stats.pageCache).toMatchObject({ misses: 5, hits: 0 });
  });

  it("a mapped file: a 32-page window around each major fault, 16 cached pages mapped per fault", async () => {
    const r = await rareader("mmap");
    let firsts = 0;
    for (let p = 0; p < PAGES; p++) firsts += data[p * 4096];
    const [, sumText, baseText] = r.out.trim().split(" ");
    expect(r.out).toBe(`mmap ${firsts} ${baseText}\n`);
    expect(Number(sumText)).toBe(firsts);
    // faults in the mapping: page 0 (major: reads 0-31, maps 0-15), 16 (minor: maps 16-31),
    // 32 (major: reads 32-47, maps them), 48 (major: reads 48-63, maps them)
    const base = Number(baseText);
    const faults = r.events.filter((e) => e.type === "fault" && e.va >= base && e.va < base + PAGES * 4096)
      .map((e) => (e.type === "fault" ? [e.fault, (e.va - base) / 4096] : []));
    expect(faults).toEqual([["major", 0], ["minor", 16], ["major", 32], ["major", 48]]);
    // the indirect block (found while mapping page 12 to its block), pages 0-11, 12-31, 32-47, 48-63
    expect(r.reads("fault")).toEqual([1, 12, 20, 16, 16]);
    expect(r.stats.pageFaults.major).toBe(3);
  });

  it("execve reads the program in runs of blocks: 64 KiB staging chunks, split at the indirect block", async () => {
    const cat = distGuest("cat"), pages = Math.ceil(cat.length / 4096);
    const b = await boot({ disk: mkfs(8 << 20, { files: [{ path: "/bin/cat", data: cat }, { path: "/f", data: data.subarray(0, 100) }] }).bytes,
      traceMask: 31, keepEvents: true });
    const pid = await b.m.spawn(await testGuest("execer.ts"), ["execer", "/bin/cat", "/f"]);
    await b.m.run();
    expect(b.stdoutBytes()).toEqual(data.subarray(0, 100));
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const reads = b.m.tracer!.events.filter((e) => e.type === "copy" && e.routine === "disk_dma" && e.causeName === "execve")
      .map((e) => (e.type === "copy" ? e.bytes / 4096 : 0));
    expect(pages).toBeGreaterThan(16);                              // more than one 16-page chunk
    // the path's blocks (directory, inode table), one each; then chunk 1: the indirect block (met
    // while mapping page 12), pages 0-11, pages 12-15; then the rest in 16-page chunks
    const rest = Array.from({ length: Math.ceil((pages - 16) / 16) }, (_, k) => Math.min(16, pages - 16 - 16 * k));
    const program = [1, 12, 4, ...rest];
    expect(reads.slice(-program.length)).toEqual(program);
    expect(reads.slice(0, -program.length).every((n) => n === 1)).toBe(true);
  });
});
