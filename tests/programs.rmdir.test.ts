// Programs: rmdir removes empty directories; a non-empty one is ENOTEMPTY, a file ENOTDIR.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distGuest } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-rmdir-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("programs: rmdir", () => {
  it("removes an empty directory, refusing a full one and a file", async () => {
    const img = join(dir, "a.img");
    const store = mkfs(8 << 20, { files: [{ path: "/full/f", data: new Uint8Array(3) }] });
    const host = WsFs.open(store, true);
    host.mkdir("/empty");
    host.sync();
    store.saveTo(img);
    const r = await run(distGuest("rmdir"), ["rmdir", "/empty", "/full", "/full/f"], { disk: img });
    expect(r.stderr).toBe("rmdir: failed to remove '/full': Directory not empty\nrmdir: failed to remove '/full/f': Not a directory\n");
    expect(r.exit.code).toBe(1);
    const fs = WsFs.open(FileStore.open(img, "r"));
    expect(() => fs.stat("/empty")).toThrow(/ENOENT/);
    expect(fs.stat("/full/f").size).toBe(3);
    expect(fs.stat("/").nlink).toBe(3);     // ".", "..", and /full's ".."
  });
});
