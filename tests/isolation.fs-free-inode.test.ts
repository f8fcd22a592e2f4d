// A corrupt image: a directory entry naming a free inode (its record zeroed, its bitmap bit clear).
// Before, lookups took the zeroed record as a file (mode 0): stat succeeded on nothing, rm "freed"
// the free inode again. As ext4's "deleted inode referenced": EIO, and one kernel log line
// ("wsfs: inode 1: entry inode N is free"); the rest of the image keeps working.
import { expect, test } from "vitest";
import { mkfs, WsFs } from "../host/fs";
import { BLOCK_SIZE } from "../kernel/abi/fs";
import { onImage } from "./helpers/fsimage";

test("an entry naming a free inode: EIO and a log line, never a panic", async () => {
  const store = mkfs(2 << 20, { files: [{ path: "/fr", data: new Uint8Array(10).fill(4) }, { path: "/ok", data: new Uint8Array(5000).fill(6) }] });
  const fs = WsFs.open(store, true);
  const img = fs.img;
  const ino = fs.lookup("/fr").ino;
  const x = img.readInode(ino);
  x.mode = 0; x.nlink = 0; x.size = 0; x.direct.fill(0);
  img.writeInode(x);
  fs.sync();
  const bm = new Uint8Array(BLOCK_SIZE);                       // its inode bitmap bit cleared
  store.read(img.sb.inodeBitmapStart * BLOCK_SIZE, bm);
  bm[ino >> 3] &= ~(1 << (ino & 7));
  store.write(img.sb.inodeBitmapStart * BLOCK_SIZE, bm);
  const r = await onImage(store.bytes, "fsprobe.ts", ["fsprobe", "stat", "/fr", "cat", "/fr", "rm", "/fr", "cat", "/ok"]);
  expect(r.code).toBe(0);
  expect(r.out.split("\n").filter((l) => l)).toEqual(["stat /fr = EIO", "cat /fr = EIO", "rm /fr = EIO", "cat /ok = 5000"]);
  expect(r.err.split("\n").filter((l) => l.startsWith("wsfs: "))).toEqual([`wsfs: inode 1: entry inode ${ino} is free`]);
  expect(r.err).not.toMatch(/panic/);
});
