// stat against the host's GNU stat (LC_ALL=C, TZ=UTC) on the same files: the default layout, -t,
// -L and -c with each directive, and the messages. The files' access and modification times are set
// to the same values on the host and in the image once it is made (making it reads the host files,
// which moves their atimes), so %x %y %X %Y must agree to the nanosecond. Masked, because they describe the file system rather than the file, are: the
// device (%d %D %Hd %Ld), the inode number (%i), the block count (%b), the I/O block (%o), a
// directory's size, the change time (%z %Z: the host's is the moment the fixture was written; the
// image's is the kept modification time) and the birth time (%w %W: wasmos does not record it).
// A symbolic link's access time is masked too: printing the link reads it, which moves its atime to
// each side's clock (the guest's starts at the Epoch). The masked fields are checked against the
// image itself instead: the inode, size and links WsFs reports, %w "-".
import { afterAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { lutimesSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { FileStore } from "../host/devices/blockstore";
import { WsFs } from "../host/fs";
import { gnuFixture, hasTool } from "./helpers/gnu";
import { cli } from "./helpers/cli";

const NOW = Math.floor(Date.now() / 1000);
const ATIME = NOW - 3600.25, MTIME = NOW - 7200.5;       // quarter and half seconds: exact in a double
const fx = gnuFixture({ "f.txt": "hello stat\n", "e.txt": "", "d/sub/x": "x\n", "d/y": "yy\n", "l@": "f.txt", "dangling@": "nowhere",
  "x.sh": "#!/bin/sh\n" });
afterAll(() => fx.cleanup());
const ns = (secs: number) => BigInt(Math.round(secs * 4)) * 250_000_000n;
{
  const store = FileStore.open(fx.img, "r+");
  const fs = WsFs.open(store, true);
  for (const p of ["f.txt", "e.txt", "d/sub/x", "d/y", "x.sh", "d/sub", "d", "l", "dangling"]) {
    const link = p === "l" || p === "dangling";
    (link ? lutimesSync : utimesSync)(join(fx.dir, p), ATIME, link ? MTIME - 60 : MTIME);
    fs.setTimes("/" + p, ns(ATIME), ns(link ? MTIME - 60 : MTIME));
  }
  fs.sync(); store.close();
}

function both(args: string[]) {
  const h = spawnSync("stat", args, { cwd: fx.dir, encoding: "utf8", env: { LC_ALL: "C", TZ: "UTC", PATH: process.env.PATH } });
  return { host: { status: h.status, stdout: h.stdout, stderr: h.stderr }, guest: cli("run", "--disk", fx.img, "/bin/stat", ...args) };
}

/** The default layout with the file system's own fields replaced by placeholders. */
function maskDefault(text: string): string {
  return text.split(/(?=  File: )/).map((block) => {
    let b = block.replace(/Blocks: \d+ +IO Block: \d+ +/, "Blocks: B IO Block: O ")
      .replace(/Device: \d+,\d+\tInode: \d+ +Links:/, "Device: D\tInode: I Links:")
      .replace(/^Change: .*$/m, "Change: Z").replace(/^ Birth: .*$/m, " Birth: W");
    if (/ symbolic link\n/.test(b)) b = b.replace(/^Access: \d.*$/m, "Access: X");
    if (/ directory\n/.test(b)) b = b.replace(/Size: \d+ +\t/, "Size: S\t");
    return b;
  }).join("");
}

/** -t's line with the same fields masked (blocks, device, inode, ctime, birth, I/O block; a directory's size). */
function maskTerse(text: string): string {
  return text.split("\n").map((line) => {
    const f = line.split(" ");
    if (f.length < 16) return line;
    const type = parseInt(f[3], 16) & 0o170000, dir = type === 0o040000, link = type === 0o120000;
    for (const i of [2, 6, 7, 13, 14, 15, ...(dir ? [1] : []), ...(link ? [11] : [])]) f[i] = "?";
    return f.join(" ");
  }).join("\n");
}

const files = ["f.txt", "e.txt", "d", "d/sub", "l", "dangling", "x.sh"];
const FORMAT = "%n|%N|%s|%B|%F|%a|%A|%h|%u|%U|%g|%G|%x|%y|%X|%Y|%f|%t|%T|%Hr|%Lr|%%|%-8n|%08s|%.3F|%10.4A|%q|%Hx|%5a|%-6h|";

describe.skipIf(!hasTool("stat"))("stat as GNU stat", () => {
  test.each(files.map((f) => [f]))("stat %s (masked)", (f) => {
    const { host, guest } = both([f]);
    expect({ ...guest, stdout: maskDefault(guest.stdout) }).toEqual({ ...host, stdout: maskDefault(host.stdout) });
  });

  test.each([[["f.txt", "missing", "d", "l"]], [["-L", "l", "f.txt"]], [["-L", "dangling"]], [["f.txt/"]], [["d/"]]])("stat %j (masked)", (args) => {
    const { host, guest } = both(args);
    expect({ ...guest, stdout: maskDefault(guest.stdout) }).toEqual({ ...host, stdout: maskDefault(host.stdout) });
  });

  test.each([[["-t", "f.txt", "d", "l"]], [["-Lt", "l"]]])("stat %j (masked)", (args) => {
    const { host, guest } = both(args);
    expect({ ...guest, stdout: maskTerse(guest.stdout) }).toEqual({ ...host, stdout: maskTerse(host.stdout) });
  });

  test.each([...["f.txt", "e.txt", "x.sh"].map((f) => ["-c", FORMAT, f]), ["-c", FORMAT.replace("%x|", "").replace("%X|", ""), "l"], ["-c", FORMAT, "-L", "l"], ["-c", "%n %a %F", ...files],
    ["-c", "no directives"], ["-c", "", "f.txt"], ["-c", "trailing %", "f.txt"], ["-c", "%A %Y", "missing", "f.txt"],
    [], ["-x", "f.txt"], ["-c"], ["missing"], ["d", "f.txt", "-c", "%n"]].map((a) => [a.join(" "), a] as const))("stat %s", (_n, args) => {
    const { host, guest } = both(args);
    expect(guest).toEqual(host);
  });
});

test.skipIf(!hasTool("stat"))("stat /dev/null: a character device with its device type 1,3 (its times masked too: the host's node has its own)", () => {
  const { host, guest } = both(["/dev/null"]);
  const mask = (t: string) => maskDefault(t).replace(/^(Access|Modify): \d.*$/gm, "$1: T");
  expect(guest.stdout).toContain("Device type: 1,3\n");
  expect({ ...guest, stdout: mask(guest.stdout) }).toEqual({ ...host, stdout: mask(host.stdout) });
});

test("the masked fields hold the image's own values: inode, size, links; no birth time", () => {
  const store = FileStore.open(fx.img, "r");
  try {
    const fs = WsFs.open(store);
    for (const f of ["f.txt", "d", "d/sub"]) {
      const s = fs.stat("/" + f);
      const g = cli("run", "--disk", fx.img, "/bin/stat", "-c", "%i %s %h %w %W %d=%D %Hd,%Ld", f);
      const [ino, size, links, w, W, devs, hl] = g.stdout.trim().split(" ");
      expect([Number(ino), Number(size), Number(links), w, W]).toEqual([s.ino, s.size, s.nlink, "-", "0"]);
      const [dec, hex] = devs.split("=");
      expect(Number(dec)).toBe(parseInt(hex, 16));
      expect(hl).toBe(`${(Number(dec) >> 8) & 0xfff},${Number(dec) & 0xff}`);
    }
  } finally { store.close(); }
});
