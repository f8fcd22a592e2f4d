// Programs: stat prints size, mode, inode and links as newfstatat reports them, in GNU stat's layout
// (tests/userland.stat.test.ts compares it with GNU stat); they match the image's own inodes.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { run, distGuest } from "./helpers/machine";

const img = mkfs(8 << 20, { files: [{ path: "/data/t.txt", data: new Uint8Array(6000).fill(0x41), mode: 0o640 },
  { path: "/data/sub/x", data: new Uint8Array(1) }] });
const fs = WsFs.open(img);
const stat = (path: string, ...opts: string[]) => run(distGuest("stat"), ["stat", ...opts, path], { disk: img.bytes });

describe("programs: stat", () => {
  for (const [path, type] of [["/data/t.txt", "regular file"], ["/data", "directory"]]) {
    it(`reports ${path} as the image has it`, async () => {
      const s = fs.stat(path);
      const r = await stat(path, "-c", "%n %s %f %F|%i %h");
      expect(r.stderr).toBe("");
      expect(r.exit.code).toBe(0);
      expect(r.stdout).toBe(`${path} ${s.size} ${s.mode.toString(16)} ${type}|${s.ino} ${s.nlink}\n`);
    });
  }

  it("shows the values expected of a 0640 file and a directory with one subdirectory", async () => {
    expect((await stat("/data/t.txt")).stdout).toMatch(/^  File: \/data\/t.txt\n  Size: 6000 .*regular file\n.*Links: 1\nAccess: \(0640\/-rw-r-----\)/s);
    expect((await stat("/data")).stdout).toMatch(/ directory\n.*Links: 3\nAccess: \(0755\/drwxr-xr-x\)/s);
  });

  it("refuses a file named with a trailing slash (ENOTDIR), as Linux does", async () => {
    const r = await stat("/data/t.txt/");
    expect(r.stderr).toBe("stat: cannot statx '/data/t.txt/': Not a directory\n");
    expect(r.exit.code).toBe(1);
  });

  it("reports a missing path as ENOENT with exit 1", async () => {
    const r = await stat("/data/nope");
    expect(r.stderr).toBe("stat: cannot statx '/data/nope': No such file or directory\n");
    expect(r.exit.code).toBe(1);
  });
});
