// Symbolic links, hard links, times, fallocate, SEEK_DATA/SEEK_HOLE, fadvise, getrandom and
// clock_getres, run by tests/guests/fslinks.ts on a fresh image: each line is what Linux gives for
// the same calls (checked against a native C program doing them on ext4 and tmpfs), and the image
// is fsck-clean afterwards.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { onImage } from "./helpers/fsimage";
import { boot, testGuest } from "./helpers/machine";
import { MAXSYMLINKS } from "../kernel/abi/fs";

async function run(what: string, randomSeed?: bigint): Promise<Map<string, string>> {
  const r = await onImage(mkfs(4 << 20).bytes, "fslinks.ts", ["fslinks", what], { randomSeed });
  expect(r.err).toBe("");
  expect(r.code).toBe(0);
  expect(r.problems).toEqual([]);
  return new Map(r.out.trim().split("\n").map((l) => { const i = l.indexOf(" "); return [l.slice(0, i), l.slice(i + 1)]; }));
}

test("symbolic links: followed inside and at the end of a path, O_NOFOLLOW, trailing slashes, ELOOP", async () => {
  const o = await run("symlinks");
  expect(Object.fromEntries(o)).toEqual({
    "symlink": "0", "symlink.rel": "0", "symlink.dir": "0", "symlink.exists": "EEXIST", "symlink.empty": "ENOENT",
    "read.abs": "hello", "read.rel": "hello", "read.via-dir": "hello",
    "readlink": "/d/f d/f", "readlink.notlink": "EINVAL",
    "stat.mode": "reg", "lstat.mode": "lnk", "lstat.size": "4",
    "nofollow": "ELOOP", "nofollow.inner": "hello",                 // only the last component counts
    "trailing.file": "ENOTDIR", "trailing.link-to-dir": "0 dir",     // "link/" follows the link, even for lstat
    "trailing.link-to-file": "ENOTDIR",
    "dangling.stat": "ENOENT", "dangling.lstat": "0",
    "creat.through-link": "0 0",                                     // O_CREAT makes a dangling link's target
    "creat.excl-on-link": "EEXIST", "trailing.new": "ENOENT ENOENT EISDIR",
    "chain.max": "hello", "chain.over": "ELOOP", "loop": "ELOOP",
    "unlink.link": "0 hello ENOENT", "rename.link": "/d/f hello",    // the link itself, not its target
    "chdir.link": "0 /d hello",                                      // getcwd names where the link led
  });
  expect(MAXSYMLINKS).toBe(40);
});

test("hard links: nlink counts names, the inode lives while named or open", async () => {
  const o = await run("hardlinks");
  expect(Object.fromEntries(o)).toEqual({
    "link": "0", "nlink.2": "2", "link.exists": "EEXIST", "link.dir": "EPERM", "link.missing": "ENOENT",
    "nlink.after-unlink": "1 data", "nlink.open-unlinked": "0", "read.open-unlinked": "4", "link.symlink": "lnk",
  });
});

test("times: read sets atime (relatime, once), write sets mtime and ctime, link ctime, utimensat", async () => {
  const o = await run("times");
  expect(Object.fromEntries(o)).toEqual({
    "read.atime": "later", "read.mtime": "same", "read2.atime(relatime)": "same",
    "write.mtime": "later", "write.ctime": "later=mtime", "write.atime": "same",
    "link.ctime": "later,mtime-same",
    "utimens": "0", "utimens.values": "7.5 9.123456789", "utimens.ctime": "now",
    "utimens.omit-now": "7 now", "utimens.badnsec": "EINVAL",
    "utimens.nofollow": "3 0",                                       // the link's own time; the file's is "now" (0 s)
  });
});

test("fallocate, SEEK_DATA / SEEK_HOLE from the block map, fadvise", async () => {
  const o = await run("space");
  expect(Object.fromEntries(o)).toEqual({
    "fallocate": "0", "fallocate.size-blocks": "10000 24",          // 3 blocks of 4 KiB = 24 sectors
    "fallocate.zeros": "16 00", "fallocate.keep": "0", "fallocate.keep-size-blocks": "10000 40",
    "fallocate.punch": "EOPNOTSUPP", "fallocate.badlen": "EINVAL",
    "seek.data0": "0", "seek.hole0": "4096", "seek.data-from-hole": "20480", "seek.hole-in-data": "24676",   // blocks 5, 6: data up to EOF
    "seek.eof": "ENXIO ENXIO", "seek.pos": "20480 20480", "seek.hole-tail": "28672 24776",
    "fadvise.willneed": "0", "fadvise.dontneed": "0", "fadvise.bad": "EINVAL EINVAL",
  });
});

test("getrandom is deterministic by default and checks its flags; clock_getres", async () => {
  const a = await run("misc"), b = await run("misc"), c = await run("misc", 42n);
  expect(a.get("getrandom")).toMatch(/^16 [0-9a-f]+$/);
  expect(a.get("getrandom")).toBe(b.get("getrandom"));
  expect(c.get("getrandom")).toMatch(/^16 [0-9a-f]+$/);
  expect(c.get("getrandom")).not.toBe(a.get("getrandom"));       // the host's seed changes the stream
  expect(a.get("getrandom.flags")).toBe("4 EINVAL");
  expect(a.get("clock_getres")).toBe("0 0 1 EINVAL");
});

test("fadvise WILLNEED reads the file into the page cache at once; DONTNEED drops its clean pages", async () => {
  const size = 64 * 4096;
  const data = Uint8Array.from({ length: size }, (_, i) => i & 0xff);
  const b = await boot({ disk: mkfs(4 << 20, { files: [{ path: "/f", data }] }).bytes });
  const pid = await b.m.spawn(await testGuest("fslinks.ts"), ["fslinks", "advise", "/f"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.stdout()).toBe(`willneed 0\nread1 ${size}\ndontneed 0\nread2 ${size}\n`);
  const s = b.m.stats(pid);
  // WILLNEED: the 64 pages come in by DMA inside fadvise64 (with the file's indirect block, which
  // maps pages 12..63), so the reads that follow move no byte by DMA; pread64 after DONTNEED reads
  // the data pages again (the indirect block, metadata, stays cached)
  expect(s.bySyscall.fadvise64.dmaCopyBytes).toBe(size + 4096);
  expect(s.bySyscall.read.dmaCopies).toBe(0);
  expect(s.bySyscall.pread64.dmaCopyBytes).toBe(size);
  expect(s.pageCache.evicted).toBeGreaterThanOrEqual(64);
  b.m.close();
}, 60_000);
