// mkfs copies a host tree (directories, files, empty files; symlinks skipped with a warning) into
// a fresh image that fsck finds clean, the same bytes every time.
import { afterAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs/fsck";
import { WsFs } from "../host/fs/files";
import { readSuper } from "../host/fs/superblock";
import { FS_CLEAN } from "../kernel/abi/fs";

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
  expect(warnings).toEqual([`mkfs: skipping ${join(src, "link")}: symbolic link`]);
  expect(fsck(store)).toMatchObject({ ok: true, problems: [] });
  const fs = WsFs.open(store);
  expect(fs.list("/").map((e) => [e.name, e.isDir, e.nlink, e.size])).toEqual([
    ["empty", false, 1, 0], ["empty-dir", true, 2, 256], ["hello.txt", false, 1, 6], ["sub", true, 3, 512]]);
  expect(Buffer.from(fs.readFile("/hello.txt")).toString()).toBe("hello\n");
  expect(Buffer.compare(fs.readFile("/sub/mid.bin"), pattern(60_000, 3))).toBe(0);
  expect(fs.readFile("/sub/deeper/tool")).toEqual(pattern(5, 9));
  expect(fs.stat("/sub/deeper/tool").mode).toBe(0o100755);
  expect(fs.stat("/").nlink).toBe(4);
  const sb = readSuper(store);
  expect(sb).toMatchObject({ nblocks: 512, ninodes: 128, state: FS_CLEAN });

  expect(Buffer.compare(mkfs(2 << 20, { from: src }).bytes, store.bytes)).toBe(0);
});

test("an image too small for its own metadata is refused", () => {
  expect(() => mkfs(5 * 4096)).toThrow(/too small/);
});
