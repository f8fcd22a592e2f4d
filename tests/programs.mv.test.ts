// Programs: mv renames with renameat: across directories, over an existing file (which it
// replaces); a missing OLD and a move into itself are refused with GNU mv's messages.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { WsFs, fsck } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distGuest } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-mv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const enc = (s: string) => new TextEncoder().encode(s);

describe("programs: mv", () => {
  it("moves a file to another directory, then over an existing file", async () => {
    const img = join(dir, "a.img");
    mkfs(8 << 20, { files: [{ path: "/a/x", data: enc("x data\n") }, { path: "/b/old", data: enc("old\n") }] }).saveTo(img);
    const r1 = await run(distGuest("mv"), ["mv", "/a/x", "/b/y"], { disk: img });
    expect(r1.stderr).toBe("");
    expect(r1.exit.code).toBe(0);
    const r2 = await run(distGuest("mv"), ["mv", "/b/y", "/b/old"], { disk: img });
    expect(r2.exit.code).toBe(0);
    const fs = WsFs.open(FileStore.open(img, "r"));
    expect(new TextDecoder().decode(fs.readFile("/b/old"))).toBe("x data\n");
    expect(fs.list("/b").map((e) => e.name)).toEqual(["old"]);
    expect(fs.list("/a").map((e) => e.name)).toEqual([]);
  });

  it("moves a directory to another parent: its '..' follows it and the image stays whole", async () => {
    const img = join(dir, "b.img");
    mkfs(8 << 20, { files: [{ path: "/a/sub/f", data: enc("f\n") }, { path: "/b/x", data: enc("x\n") }] }).saveTo(img);
    const r = await run(distGuest("mv"), ["mv", "/a/sub", "/b/sub"], { disk: img });
    expect(r.exit.code).toBe(0);
    const fs = WsFs.open(FileStore.open(img, "r"));
    expect(fs.stat("/b/sub/..").ino).toBe(fs.stat("/b").ino);
    expect([fs.stat("/a").nlink, fs.stat("/b").nlink]).toEqual([2, 3]);
    expect(fsck(FileStore.open(img, "r")).problems).toEqual([]);
  });

  it("refuses to move a directory into itself, as GNU mv does (before renameat's EINVAL)", async () => {
    const img = join(dir, "c.img");
    mkfs(8 << 20, { files: [{ path: "/a/b/f", data: enc("f\n") }] }).saveTo(img);
    const r = await run(distGuest("mv"), ["mv", "/a", "/a/b/c"], { disk: img });
    expect(r.stderr).toBe("mv: cannot move '/a' to a subdirectory of itself, '/a/b/c'\n");
    expect(r.exit.code).toBe(1);
    expect(fsck(FileStore.open(img, "r")).problems).toEqual([]);
  });

  it("reports a missing OLD as GNU mv does, with exit 1", async () => {
    const r = await run(distGuest("mv"), ["mv", "/nope", "/x"], { disk: mkfs(8 << 20, {}).bytes });
    expect(r.stderr).toBe("mv: cannot stat '/nope': No such file or directory\n");
    expect(r.exit.code).toBe(1);
  });
});
