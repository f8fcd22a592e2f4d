// /bin/dd against GNU dd: the same operands on the same files give the same "records in/out"
// lines (byte for byte), the same output file, status and error messages; the third line's
// figures are checked for form only (the time is the virtual clock's). Then the page-cache demo:
// iflag=direct moves the file by DMA straight into dd's buffer (no CPU copy from the cache, no
// page of the file left in the page cache), where the default read goes through the cache.
import { afterAll, describe, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gnuFixture, hasTool, type Fixture } from "./helpers/gnu";
import { cli } from "./helpers/cli";

const PAGE = 4096;
const text = Array.from({ length: 400 }, (_, i) => `line ${String(i).padStart(4, "0")} of the dd input\n`).join("");   // 10800 bytes
const BIG_PAGES = 9;
const fx = gnuFixture({ "in.txt": text, "small.txt": "hello world\n", "big.txt": "z".repeat(BIG_PAGES * PAGE) });
afterAll(() => fx.cleanup());

/** dd with argv in a fresh copy of the fixture, host and guest; each side's stderr and the files it wrote. */
function ddBoth(argv: string[], outputs: string[]) {
  const base = mkdtempSync(join(tmpdir(), "wasmos-dd-"));
  try {
    const copy: Fixture = { dir: join(base, "root"), img: join(base, "t.img"), cleanup: () => {} };
    cpSync(fx.dir, copy.dir, { recursive: true });
    cpSync(fx.img, copy.img);
    const h = spawnSync("dd", argv, { cwd: copy.dir, encoding: "latin1", env: { LC_ALL: "C", PATH: process.env.PATH } });
    const hostFiles = outputs.map((f) => existsSync(join(copy.dir, f)) ? readFileSync(join(copy.dir, f), "latin1") : null);
    const script = `/bin/dd "$@"; st=$?; for f in ${outputs.join(" ")}; do printf '\\n== %s\\n' $f; cat $f; done; exit $st`;
    const g = cli("run", "--disk", copy.img, "/bin/sh", "-c", script, "sh", ...argv);
    const parts = g.stdout.split(/\n== [^\n]*\n/);
    return { host: { status: h.status, stdout: h.stdout, stderr: h.stderr, files: hostFiles },
      guest: { status: g.status, stdout: parts[0], stderr: g.stderr, files: parts.slice(1) } };
  } finally { rmSync(base, { recursive: true, force: true }); }
}

const records = (s: string) => s.split("\n").slice(0, 2).join("\n");
const XFER = /^(\d+ bytes \(\d+(\.\d)? [kMG]B, \d+(\.\d)? [KMG]iB\)|\d+ bytes?) copied, [\d.e-]+ s, [\d.]+ [kMG]?B\/s$/;

describe.skipIf(!hasTool("dd"))("dd as GNU dd", () => {
  test.each([
    [["if=in.txt", "of=o", "bs=1000", "count=3"]], [["if=in.txt", "of=o", "bs=4096"]], [["if=in.txt", "of=o", "ibs=1000", "obs=3000"]],
    [["if=in.txt", "of=o", "bs=5", "count=1"]], [["if=in.txt", "of=o", "bs=1M"]], [["if=in.txt", "of=o", "count=0"]], [["if=in.txt", "of=o"]],
    [["if=in.txt", "of=o", "bs=1k", "skip=3", "count=2"]], [["if=in.txt", "of=o", "bs=1", "count=1"]], [["if=in.txt", "of=o", "conv=sync", "bs=3000"]],
    [["if=in.txt", "of=small.txt", "conv=notrunc", "bs=4", "count=1", "seek=1"]], [["if=in.txt", "of=small.txt", "bs=4", "count=1", "seek=1"]],
    [["if=big.txt", "of=o", "bs=4096", "iflag=direct"]], [["if=big.txt", "of=o", "bs=4k", "oflag=direct", "count=3"]],
    [["if=in.txt", "of=o", "bs=4096", "oflag=direct"]], [["if=in.txt", "of=o", "bs=2x1k", "count=2"]], [["if=in.txt", "of=o", "ibs=3000", "obs=512", "iflag=fullblock"]],
  ])("dd %j", (argv) => {
    const { host, guest } = ddBoth(argv, ["o", "small.txt"]);
    expect(guest.status).toBe(host.status);
    expect(records(guest.stderr)).toBe(records(host.stderr));
    expect(guest.stderr.split("\n")[2]).toMatch(XFER);
    expect(guest.files).toEqual(host.files.map((f) => f ?? ""));
  });

  test.each([[["if=in.txt", "bs=100", "count=2"]], [["if=in.txt", "skip=20", "bs=500"]], [["if=in.txt", "status=noxfer", "count=1"]],
    [["if=in.txt", "status=none", "count=1"]], [["if=nope"]], [["foo"]], [["bs=x"]], [["bs=0"]], [["if=in.txt", "conv=foo"]], [["if=in.txt", "iflag=foo"]],
    [["if=in.txt", "oflag=foo"]], [["if=in.txt", "status=foo"]]])("dd %j (stdout, messages)", (argv) => {
    const { host, guest } = ddBoth(argv, []);
    expect(guest.status).toBe(host.status);
    expect(guest.stdout).toBe(host.stdout);
    const xfer = host.stderr.split("\n").findIndex((l) => / copied, /.test(l));
    if (xfer < 0) expect(guest.stderr).toBe(host.stderr);
    else {
      expect(guest.stderr.split("\n").slice(0, xfer)).toEqual(host.stderr.split("\n").slice(0, xfer));
      expect(guest.stderr.split("\n")[xfer]).toMatch(XFER);
    }
  });
});

test("dd --help: the usage, status 0", () => {
  expect(cli("run", "/bin/dd", "--help")).toMatchObject({ status: 0, stdout: expect.stringMatching(/^Usage: dd /) });
});

test("iflag=direct leaves the page cache alone; the default read fills it and copies from it", () => {
  const run = (flag: string[]) => {
    const stats = join(mkdtempSync(join(tmpdir(), "wasmos-dd-stats-")), "s.json");
    const r = cli("run", "--disk", fx.img, "--drop-caches", "--stats", stats, "--inspect", "pagecache",
      "/bin/dd", "if=/big.txt", "of=/dev/null", "bs=4k", ...flag);
    expect(r.status).toBe(0);
    expect(records(r.stderr)).toBe(`${BIG_PAGES}+0 records in\n${BIG_PAGES}+0 records out`);
    const s = JSON.parse(readFileSync(stats, "utf8"));
    rmSync(join(stats, ".."), { recursive: true, force: true });
    return { read: s.bySyscall.read, cachedBig: new RegExp(`inode \\d+(?: \\S+)?: ${BIG_PAGES} pages`).test(r.stderr) };
  };
  const cached = run([]), direct = run(["iflag=direct"]);
  expect(cached.read.cpuCopyBytes).toBe(BIG_PAGES * PAGE);     // copy_to_user from the page cache
  expect(cached.cachedBig).toBe(true);                        // ... which keeps the file's pages
  expect(direct.read.cpuCopies ?? 0).toBe(0);                 // no CPU copy: the disk DMAs into dd's buffer
  expect(direct.read.dmaCopies).toBe(BIG_PAGES);              // one DMA per 4 KiB block
  expect(direct.cachedBig).toBe(false);                       // and no page of the file is cached
});
