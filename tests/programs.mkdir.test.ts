// Programs: mkdir makes each directory named (mode 0755); a missing parent is ENOENT, an existing
// name EEXIST, and the others are still made.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distGuest } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-mkdir-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("programs: mkdir", () => {
  it("makes directories, parents first; the image then holds them", async () => {
    const img = join(dir, "a.img");
    mkfs(8 << 20, {}).saveTo(img);
    const r = await run(distGuest("mkdir"), ["mkdir", "/a", "/a/b", "/c"], { disk: img });
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    const fs = WsFs.open(FileStore.open(img, "r"));
    for (const p of ["/a", "/a/b", "/c"]) expect(fs.stat(p)).toMatchObject({ isDir: true, mode: 0o40755 });
    expect(fs.stat("/a").nlink).toBe(3);
  });

  it("reports EEXIST and ENOENT, makes the rest and exits 1", async () => {
    const img = join(dir, "b.img");
    mkfs(8 << 20, { files: [{ path: "/f", data: new Uint8Array(1) }] }).saveTo(img);
    const r = await run(distGuest("mkdir"), ["mkdir", "/f", "/x/y", "/ok"], { disk: img });
    expect(r.stderr).toBe("mkdir: cannot create directory '/f': File exists\nmkdir: cannot create directory '/x/y': No such file or directory\n");
    expect(r.exit.code).toBe(1);
    expect(WsFs.open(FileStore.open(img, "r")).stat("/ok").isDir).toBe(true);
  });
});
