// Programs: rm unlinks files; a directory is EISDIR (rmdir's job), a missing name ENOENT.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distGuest } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-rm-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (path: string) => ({ path, data: new Uint8Array(5000).fill(1) });

describe("programs: rm", () => {
  it("removes the files named and leaves the rest", async () => {
    const img = join(dir, "a.img");
    mkfs(8 << 20, { files: [file("/d/a"), file("/d/b"), file("/d/c")] }).saveTo(img);
    const r = await run(distGuest("rm"), ["rm", "/d/a", "/d/c"], { disk: img });
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    const names = WsFs.open(FileStore.open(img, "r")).list("/d").map((e) => e.name);
    expect(names).toEqual(["b"]);
  });

  it("refuses a directory (EISDIR) and a missing file (ENOENT) with exit 1", async () => {
    const r = await run(distGuest("rm"), ["rm", "/d", "/nope"], { disk: mkfs(8 << 20, { files: [file("/d/a")] }).bytes });
    expect(r.stderr).toBe("rm: cannot remove '/d': Is a directory\nrm: cannot remove '/nope': No such file or directory\n");
    expect(r.exit.code).toBe(1);
  });

  it("refuses a file named with a trailing slash (ENOTDIR), as Linux does", async () => {
    const img = join(dir, "b.img");
    mkfs(8 << 20, { files: [file("/f")] }).saveTo(img);
    const r = await run(distGuest("rm"), ["rm", "/f/"], { disk: img });
    expect(r.stderr).toBe("rm: cannot remove '/f/': Not a directory\n");
    expect(r.exit.code).toBe(1);
    expect(WsFs.open(FileStore.open(img, "r")).stat("/f").size).toBe(5000);
  });
});
