// mkfs copies a host tree (directories, files, empty files, symbolic links as links, hard links as
// one inode) into a fresh image that fsck finds clean, the same bytes every time.
import { afterAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync, linkSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs/fsck";
import { WsFs } from "../host/fs/files";
import { readSuper } from "../host/fs/superblock";
import { FS_CLEAN, Super } from "../kernel/abi/fs";

const dir = mkdtempSync(join(tmpdir(), "wasmos-mkfs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const pattern = (n: number, k: number) => Uint8Array.from({ length: n }, (_, i) => (i * k + n) & 0xff);

test("a host tree comes out file for file, fsck-clean and deterministic", () => {
  const src = join(dir, "tree");
  mkdirSync(join(src, "sub", "deeper"), { recursive: true });
  mkdirSync(join(src, "empty-dir"));
  writeFileSync(join(src, "hello.txt"), "hello\n");
  writeFileSync(join(src, "empty"), "");
  writeFileSync(join(src, "sub", "mid.bin"), pattern(60_000, 3));          // past the 12 direct blocks
  writeFileSync(join(src, "sub", "deeper", "tool"), pattern(5, 9));
  chmodSync(join(src, "sub", "deeper", "tool"), 0o755);
  symlinkSync("hello.txt", join(src, "link"));
  const warnings: string[] = [];

  const store = mkfs(2 << 20, { from: src, warn: (m) => warnings.push(m) });
  expect(warnings).toEqual([]);
  expect(fsck(store)).toMatchObject({ ok: true, problems: [] });
  const fs = WsFs.open(store);
  expect(fs.list("/").map((e) => [e.name, e.isDir, e.nlink, e.size])).toEqual([
    ["empty", false, 1, 0], ["empty-dir", true, 2, 256], ["hello.txt", false, 1, 6], ["link", false, 1, 9], ["sub", true, 3, 512]]);
  expect(fs.readlink("/link")).toBe("hello.txt");
  expect(fs.stat("/link").mode).toBe(0o120777);
  expect(Buffer.from(fs.readFile("/hello.txt")).toString()).toBe("hello\n");
  expect(Buffer.compare(fs.readFile("/sub/mid.bin"), pattern(60_000, 3))).toBe(0);
  expect(fs.readFile("/sub/deeper/tool")).toEqual(pattern(5, 9));
  expect(fs.stat("/sub/deeper/tool").mode).toBe(0o100755);
  expect(fs.stat("/").nlink).toBe(4);
  const sb = readSuper(store);
  expect(sb).toMatchObject({ nblocks: 512, ninodes: 128, state: FS_CLEAN });

  expect(Buffer.compare(mkfs(2 << 20, { from: src }).bytes, store.bytes)).toBe(0);
});

test("mkfs --from keeps hard links as one inode and, with keepTimes, the host's times", () => {
  const src = join(dir, "links");
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, "a"), "shared");
  linkSync(join(src, "a"), join(src, "b"));
  utimesSync(join(src, "a"), 1_000_000_000, 1_200_000_000);      // atime, mtime in seconds
  const store = mkfs(2 << 20, { from: src, keepTimes: true });
  expect(fsck(store)).toMatchObject({ ok: true, problems: [] });
  const fs = WsFs.open(store);
  const a = fs.stat("/a"), b = fs.stat("/b");
  expect([a.ino === b.ino, a.nlink, Buffer.from(fs.readFile("/b")).toString()]).toEqual([true, 2, "shared"]);
  expect([a.atime, a.mtime, a.ctime]).toEqual([1_000_000_000n * 1_000_000_000n, 1_200_000_000n * 1_000_000_000n, 1_200_000_000n * 1_000_000_000n]);
  expect(WsFs.open(mkfs(2 << 20, { from: src })).stat("/a").mtime).toBe(0n);   // default: reproducible zeros
});

test("an image of another on-disk version is refused with a message naming the version", () => {
  const store = mkfs(1 << 20);
  const v = new DataView(store.bytes.buffer, store.bytes.byteOffset);
  v.setUint32(Super.version, 1, true);
  expect(fsck(store).problems).toEqual([expect.stringMatching(/on-disk version 1 is not supported \(this wasmos reads version 2;/)]);
  expect(() => WsFs.open(store)).toThrow(/on-disk version 1 is not supported/);
});

test("an image too small for its own metadata is refused", () => {
  expect(() => mkfs(5 * 4096)).toThrow(/too small/);
});
