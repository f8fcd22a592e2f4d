// `wasmos fsck IMAGE`: exit 0 with a summary when clean; exit 1 with one problem per line.
import { afterAll, expect, test } from "vitest";
import { mkdirSync, mkdtempSync, openSync, readSync, rmSync, writeFileSync, writeSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cli } from "./helpers/cli";
import { BLOCK_SIZE, Super } from "../kernel/abi/fs";

const dir = mkdtempSync(join(tmpdir(), "wasmos-fsck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("clean, then a cleared bitmap bit and a wrong free count", () => {
  const src = join(dir, "src");
  mkdirSync(src);
  writeFileSync(join(src, "f"), "data");
  const img = join(dir, "t.img");
  expect(cli("mkfs", img, "--from", src, "--size", "1M").status).toBe(0);
  expect(cli("fsck", img)).toEqual({ status: 0, stderr: "", stdout: `${img}: clean, 2/63 inodes, 7/256 blocks\n` });

  const fd = openSync(img, "r+");
  const sb = Buffer.alloc(64);
  readSync(fd, sb, 0, 64, 0);
  const bitmapAt = sb.readUInt32LE(Super.blockBitmapStart) * BLOCK_SIZE, fileBlock = 6;   // root dir 5, f 6
  const byte = Buffer.alloc(1);
  readSync(fd, byte, 0, 1, bitmapAt);
  writeSync(fd, Uint8Array.of(byte[0] & ~(1 << fileBlock)), 0, 1, bitmapAt);
  const count = Buffer.alloc(4);
  count.writeUInt32LE(sb.readUInt32LE(Super.freeInodes) + 5);
  writeSync(fd, count, 0, 4, Super.freeInodes);
  closeSync(fd);

  expect(cli("fsck", img)).toEqual({ status: 1, stderr: "", stdout:
    "block 6: used by inode 2 but free in the block bitmap\n" +
    "superblock: freeBlocks 249 but the bitmap has 250\n" +
    "superblock: freeInodes 66 but the bitmap has 61\n" });
});
