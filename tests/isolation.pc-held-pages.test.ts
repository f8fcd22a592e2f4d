// Page-cache references are counted (issue 10, findings 6a and 9): truncate and O_DIRECT writes
// take a page out of the cache index but never free or orphan a page a pipe (splice) or a mapping
// still holds. The holder keeps the old, detached page (the pipe reads the old bytes, as on Linux);
// the detached page is never written back, so truncated data never comes back after the file is
// extended; no panic, fsck clean, and every frame is released once the processes are gone.
// Before the fix: `pcRemove: page not in its bucket` (trunc, direct, mapped) and the old bytes
// reappearing after truncate + sync + extend (resurrect).
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, WsFs, fsck } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-pcheld-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runMode(mode: string) {
  const image = join(dir, `${mode}.img`);
  writeFileSync(image, mkfs(8 << 20, {}).bytes);
  const b = await boot({ disk: image });
  const atBoot = meminfo(b.m);
  const pid = await b.m.spawn(await testGuest("pcheld.ts"), ["pcheld", mode, "/f"]);
  await b.m.run();
  const after = meminfo(b.m);
  b.m.dropCaches();
  const dropped = meminfo(b.m);
  return { b, exit: b.m.exitOf(pid), out: b.stdout(), image, atBoot, after, dropped };
}

function noLeak(r: Awaited<ReturnType<typeof runMode>>): void {
  for (const o of ["anon", "pagetable", "pipe", "socket", "kernel"] as const) expect(r.after.byOwner[o]).toBe(r.atBoot.byOwner[o]);
  expect(r.dropped.byOwner.pagecache).toBe(0);           // no orphaned page-cache frame is left behind
  expect(r.dropped.free + r.dropped.byOwner.pagecache).toBe(r.atBoot.free + r.atBoot.byOwner.pagecache);
}

function fsckClean(image: string) {
  const disk = FileStore.open(image, "r");
  expect(fsck(disk).problems).toEqual([]);
  return WsFs.open(disk);
}

describe("isolation: page-cache pages held by a pipe or a mapping", () => {
  it("truncate while a pipe holds the page: the pipe keeps the old bytes, no panic", async () => {
    const r = await runMode("trunc");
    expect(r.out).toBe("splice 4096\ntruncate 0\nwrite 100\ntruncate again 0\nunlink 0\npipe read 4096, 'A' 4096\n");
    expect(r.exit?.code).toBe(0);
    noLeak(r);
  });

  it("an O_DIRECT write over a page a pipe holds: the pipe keeps the old page, the file has the new bytes", async () => {
    const r = await runMode("direct");
    expect(r.out).toBe("splice 4096\ndirect write 4096\nfile read 4096, 'D' 4096\ntruncate 0\npipe read 4096, 'A' 4096\n");
    expect(r.exit?.code).toBe(0);
    noLeak(r);
  });

  it("an O_DIRECT write over a mapped page: the mapping sees the new bytes, truncate does not panic", async () => {
    const r = await runMode("mapped");
    expect(r.out).toBe("mapped first byte A\ndirect write 4096\nmapped first byte after the direct write D\ntruncate 0\nmunmap 0\n");
    expect(r.exit?.code).toBe(0);
    noLeak(r);
  });

  it("a dirty page spliced into a pipe, truncate, sync, extend: the file reads zeros and fsck is clean", async () => {
    const r = await runMode("resurrect");
    expect(r.out).toBe("splice 4096\ntruncate 0\nextend 0\nfile read 4096, zeros 4096\npipe read 4096, 'B' 4096\n");
    expect(r.exit?.code).toBe(0);
    noLeak(r);
    const fs = fsckClean(r.image);
    const data = fs.readFile("/f");
    expect(data.length).toBe(4096);
    expect(data.every((v) => v === 0)).toBe(true);
  });
});
