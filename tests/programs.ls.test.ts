// Programs: ls lists what mkfs put on the disk, one name per line sorted by name, dot files
// hidden; -l adds type and permissions, links, owner, size and date (checked against the image itself).
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { run, distGuest } from "./helpers/machine";

const bytes = (n: number) => new Uint8Array(n).fill(0x61);
const img = mkfs(8 << 20, { files: [     // added out of order: the directory keeps this order
  { path: "/d/zeta", data: bytes(10) }, { path: "/d/alpha", data: bytes(5000) },
  { path: "/d/Mid", data: bytes(0) }, { path: "/d/sub/inner", data: bytes(1) },
  { path: "/d/.hidden", data: bytes(2) }, { path: "/d/beta", data: bytes(123), mode: 0o755 },
] });
const ls = (...args: string[]) => run(distGuest("ls"), ["ls", ...args], { disk: img.bytes });

describe("programs: ls", () => {
  it("lists a directory's names sorted, without dot files", async () => {
    const r = await ls("/d");
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    expect(r.stdout).toBe("Mid\nalpha\nbeta\nsub\nzeta\n");
  });

  it("-l shows type, permissions, links and size as the image has them", async () => {
    const fs = WsFs.open(img);
    const want = ["Mid", "alpha", "beta", "sub", "zeta"].map((n) => {
      const s = fs.stat(`/d/${n}`);
      const perms = [6, 3, 0].map((sh) => ((s.mode >> sh) & 4 ? "r" : "-") + ((s.mode >> sh) & 2 ? "w" : "-") +
        ((s.mode >> sh) & 1 ? "x" : "-")).join("");
      return `${s.isDir ? "d" : "-"}${perms} ${s.nlink} ${s.size} ${n}`;
    });
    const r = await ls("-l", "/d");
    expect(r.exit.code).toBe(0);
    // GNU's columns: MODE LINKS UID GID SIZE (right-aligned) DATE (mkfs's times are 0: the Epoch) NAME
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    expect(lines[0]).toMatch(/^total \d+$/);
    expect(lines.slice(1).map((l) => l.replace(/ 0 0 +(\d+) Jan  1 00:00 /, " $1 "))).toEqual(want);
    expect(r.stdout).toContain("-rwxr-xr-x 1 0 0  123 Jan  1 00:00 beta\n");
    expect(r.stdout).toContain("-rw-r--r-- 1 0 0 5000 Jan  1 00:00 alpha\n");
  });

  it("lists the current directory by default and a file as itself", async () => {
    expect((await ls()).stdout).toBe("d\n");
    expect((await ls("/d/zeta")).stdout).toBe("/d/zeta\n");
  });

  it("reports a missing path as GNU ls does, lists the rest and exits 2", async () => {
    const r = await ls("/nope", "/d/sub");
    expect(r.stderr).toBe("ls: cannot access '/nope': No such file or directory\n");
    expect(r.stdout).toBe("/d/sub:\ninner\n");
    expect(r.exit.code).toBe(2);
  });
});
