// Programs: stat prints size, mode (octal), inode and links as newfstatat reports them; they
// match the image's own inodes.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { run, distGuest } from "./helpers/machine";

const img = mkfs(8 << 20, { files: [{ path: "/data/t.txt", data: new Uint8Array(6000).fill(0x41), mode: 0o640 },
  { path: "/data/sub/x", data: new Uint8Array(1) }] });
const fs = WsFs.open(img);
const stat = (path: string) => run(distGuest("stat"), ["stat", path], { disk: img.bytes });

describe("programs: stat", () => {
  for (const [path, type] of [["/data/t.txt", "regular file"], ["/data", "directory"]]) {
    it(`reports ${path} as the image has it`, async () => {
      const s = fs.stat(path);
      const r = await stat(path);
      expect(r.stderr).toBe("");
      expect(r.exit.code).toBe(0);
      expect(r.stdout).toBe(`file: ${path}\nsize: ${s.size}\nmode: 0${s.mode.toString(8)} (${type})\n` +
        `inode: ${s.ino}\nlinks: ${s.nlink}\n`);
    });
  }

  it("shows the values expected of a 0640 file and a directory with one subdirectory", async () => {
    expect((await stat("/data/t.txt")).stdout).toMatch(/size: 6000\nmode: 0100640 \(regular file\)\ninode: \d+\nlinks: 1\n$/);
    expect((await stat("/data")).stdout).toMatch(/mode: 040755 \(directory\)\ninode: \d+\nlinks: 3\n$/);
  });

  it("refuses a file named with a trailing slash (ENOTDIR), as Linux does", async () => {
    const r = await stat("/data/t.txt/");
    expect(r.stderr).toBe("stat: /data/t.txt/: ENOTDIR\n");
    expect(r.exit.code).toBe(1);
  });

  it("reports a missing path as ENOENT with exit 1", async () => {
    const r = await stat("/data/nope");
    expect(r.stderr).toBe("stat: /data/nope: ENOENT\n");
    expect(r.exit.code).toBe(1);
  });
});
