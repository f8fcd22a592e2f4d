// A file's blocks go direct, then through the indirect, double and triple indirect blocks; the
// inode's block count includes the indirect blocks; holes read as zeros.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs/fsck";
import { WsFs } from "../host/fs/files";
import { BLOCK_SIZE, NDIRECT, NINDIRECT } from "../kernel/abi/fs";

test("a file one block into the double indirect range: 1037 data + 3 indirect blocks", () => {
  const fs = WsFs.open(mkfs(8 << 20), true);
  const n = (NDIRECT + NINDIRECT + 1) * BLOCK_SIZE;
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) data[i] = (i ^ (i >>> 12)) & 0xff;
  fs.writeFile("/f", data);
  const ip = fs.lookup("/f");
  expect(ip.blocks).toBe(NDIRECT + NINDIRECT + 1 + 3);
  expect([ip.indirect !== 0, ip.dindirect !== 0, ip.tindirect]).toEqual([true, true, 0]);
  expect(Buffer.compare(fs.readFile("/f"), data)).toBe(0);
  fs.sync();
  expect(fsck(fs.img.store)).toMatchObject({ ok: true });
});

test("one byte at the start of the triple indirect range: a 4 GiB sparse file of 4 blocks", () => {
  const fs = WsFs.open(mkfs(1 << 20), true);
  fs.writeFile("/sparse", new Uint8Array(0));
  const ip = fs.lookup("/sparse");
  const off = (NDIRECT + NINDIRECT + NINDIRECT ** 2) * BLOCK_SIZE + 5;
  fs.img.writeData(ip, off, Uint8Array.of(42));
  expect(ip).toMatchObject({ size: off + 1, blocks: 4 });
  expect(ip.tindirect).not.toBe(0);
  expect(fs.img.readData(ip, off - 5, 10)).toEqual(Uint8Array.of(0, 0, 0, 0, 0, 42));
  expect(fs.img.readData(ip, 12345, 3)).toEqual(new Uint8Array(3));
  fs.sync();
  expect(fsck(fs.img.store)).toMatchObject({ ok: true, problems: [] });
});
