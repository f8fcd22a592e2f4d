// A /proc file whose text is longer than a page reads whole (tests/guests/c/procbig.c): the
// process maps one file 40 times under a long name, so /proc/self/maps runs to several pages, and
// its argument list makes /proc/self/cmdline longer than a page; each reads the same in one big
// read, in 97-byte reads, and with pread or lseek into the second page. /proc/self/fd of 50 more
// fds lists them all.
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";
import { distPath } from "../host/paths";
import { run } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

test.skipIf(!hasClang)(`/proc/self/maps and cmdline past 4 KiB read whole${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-procbig-"));
  try {
    const disk = join(dir, "disk.img");
    copyFileSync(distPath("rootfs.img"), disk);
    const args = Array.from({ length: 60 }, (_, i) => `argument-${i}-`.padEnd(100, "x"));
    const r = await run(new Uint8Array(readFileSync(await cGuest("tests/guests/c/procbig.c"))), ["procbig", ...args], { net: null, disk });
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    const fds = /^fd: listed (\d+), open (\d+) /m.exec(r.stdout);
    expect(Number(fds?.[1])).toBeGreaterThan(50);                 // the 50 dups and stdio at least
    expect(fds?.[1]).toBe(fds?.[2]);
    expect(r.stdout.split("\n")).toEqual([
      "maps: one read > 4096, small reads same 1, pread/lseek at 4000 and 5000 same 1 1",
      "maps: lines naming the file 40",
      "cmdline: one read > 4096, small reads same 1, pread/lseek at 4000 and 5000 same 1 1",
      "cmdline: length is argv's 1",
      expect.stringMatching(/^fd: listed (\d+), open \1 /),
      "",
    ]);
  } finally { rmSync(dir, { recursive: true, force: true }); }
}, TRANSLATE_TIMEOUT);
