// An O_DIRECT write over pages whose cached copies are dirty (issue 11, item 5: callers own their
// buffers). Before the DMA each dirty cached page is written back; that write-back used to go through
// the same global page list (IOV) the direct request was being built in, so it replaced the first
// user page by a cache page: the file got the old bytes of a later page, the user page stayed pinned
// and the cache page lost a reference it never had. Now each caller passes its own list.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, WsFs, fsck } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-directdirty-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("isolation: O_DIRECT write over dirty cached pages", () => {
  it("writes the user's bytes to every block, leaks no frame, leaves fsck clean", async () => {
    const image = join(dir, "d.img");
    writeFileSync(image, mkfs(8 << 20, {}).bytes);
    const b = await boot({ disk: image });
    const atBoot = meminfo(b.m);
    const pid = await b.m.spawn(await testGuest("directdirty.ts"), ["directdirty", "/f"]);
    await b.m.run();
    expect(b.stdout()).toBe("write 16384\ndirect write 16384\ndirect read 16384: 4096 4096 4096 4096\n" +
      "read 16384: 4096 4096 4096 4096\n");
    expect(b.m.exitOf(pid)?.code).toBe(0);
    const after = meminfo(b.m);
    for (const o of ["anon", "pagetable", "pipe", "socket", "kernel"] as const) expect(after.byOwner[o]).toBe(atBoot.byOwner[o]);
    b.m.dropCaches();
    const dropped = meminfo(b.m);
    expect(dropped.byOwner.pagecache).toBe(0);
    expect(dropped.free).toBe(atBoot.free + atBoot.byOwner.pagecache);
    const disk = FileStore.open(image, "r");
    expect(fsck(disk).problems).toEqual([]);
    const data = WsFs.open(disk).readFile("/f");
    expect(Array.from({ length: 4 }, (_, p) => data.subarray(p * 4096, (p + 1) * 4096).every((c) => c === 0x61 + p))).toEqual([true, true, true, true]);
  });
});
