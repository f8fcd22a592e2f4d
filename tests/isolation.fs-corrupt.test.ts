// Finding 6 of issue 10 (corrupt images): a guest working on a corrupt image got the kernel to
// panic (`bfree: block out of range` from rm, `balloc: metadata block marked free` from a write,
// `inodeAddr: bad inode number` from a directory entry). Every block and inode number read from
// disk is now checked: out of range is EIO for the guest plus one kernel log line on the console's
// stderr ("wsfs: inode N: block B out of range"); the machine goes on, and the rest of the image
// keeps working.
import { expect, test } from "vitest";
import { mkfs, WsFs } from "../host/fs";
import { DIRENT_SIZE, BLOCK_SIZE, Super } from "../kernel/abi/fs";
import { boot } from "./helpers/machine";
import { onImage } from "./helpers/fsimage";

const K = 1024;
const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);

// /a: a direct pointer past the disk; /big: an indirect entry past the disk; /m: its indirect root
// is the inode bitmap (a metadata block); /x: a directory entry naming inode 99999; /h: a size of
// 2^62; the block bitmap: the metadata blocks marked free.
function corruptImage(): { image: Uint8Array; ino: Record<string, number> } {
  const store = mkfs(2 << 20, { files: [
    { path: "/a", data: bytes(8 * K, 1) }, { path: "/big", data: bytes(80 * K, 2) },
    { path: "/m", data: bytes(80 * K, 3) }, { path: "/x", data: bytes(10, 4) }, { path: "/h", data: bytes(10, 5) },
    { path: "/ok", data: bytes(5000, 6) },
  ] });
  const fs = WsFs.open(store, true);
  const img = fs.img;
  const ino: Record<string, number> = {};
  for (const n of ["a", "big", "m", "x", "h"]) ino[n] = fs.lookup("/" + n).ino;
  const a = img.readInode(ino.a); a.direct[0] = 99999; img.writeInode(a);
  const big = img.readInode(ino.big);
  const slot = new Uint8Array(4); new DataView(slot.buffer).setUint32(0, 0xfffffff0, true);
  store.write(big.indirect * BLOCK_SIZE + 4 * 3, slot);            // file block 15
  const m = img.readInode(ino.m); m.indirect = img.sb.inodeBitmapStart; img.writeInode(m);
  const h = img.readInode(ino.h); h.size = 2 ** 62; img.writeInode(h);
  fs.sync();
  const root = img.readInode(1);                                  // the root's entry for "x"
  const dir = img.readData(root, 0, root.size);
  for (let off = 0; off < dir.length; off += DIRENT_SIZE) {
    const v = new DataView(dir.buffer, dir.byteOffset + off);
    if (v.getUint32(0, true) === ino.x) store.write(img.bmap(root, 0, false) * BLOCK_SIZE + off, Uint8Array.of(0x9f, 0x86, 1, 0));
  }
  const bm = new Uint8Array(BLOCK_SIZE);                          // metadata blocks marked free
  store.read(img.sb.blockBitmapStart * BLOCK_SIZE, bm);
  for (let b = 0; b < img.sb.dataStart; b++) bm[b >> 3] &= ~(1 << (b & 7));
  store.write(img.sb.blockBitmapStart * BLOCK_SIZE, bm);
  return { image: store.bytes, ino };
}

test("a guest on a corrupt image gets EIO and a log line, never a panic; the rest still works", async () => {
  const { image, ino } = corruptImage();
  const r = await onImage(image, "fsprobe.ts", ["fsprobe",
    "cat", "/a", "cat", "/big", "cat", "/m", "cp", "/big", "/c", "cat", "/ok",
    "stat", "/x", "rm", "/x", "mkdir", "/x", "ls", "/", "stat", "/h",
    "rm", "/a", "rm", "/big", "rm", "/m",
    "open", "/n", "pw", "0", "8192", "7", "pr", "0", "8192", "mkdir", "/e", "ls", "/e", "cat", "/ok",
    "open", "/fill", "w", "1048576", "8", "w", "1048576", "8"]);     // the data area fills up: allocation wraps
  expect(r.code).toBe(0);
  expect(r.out.split("\n").filter((l) => l)).toEqual([
    "cat /a = EIO",
    "cat /big = EIO",
    "cat /m = EIO",
    "cp /big /c = EIO",
    "cat /ok = 5000",
    "stat /x = EIO",
    "rm /x = EIO",
    "mkdir /x = EIO",
    "ls / = 11",                       // . .. a big m x h ok c, and the mount points proc dev
    "stat /h = 4402345721856",
    "rm /a = 0",
    "rm /big = 0",
    "rm /m = 0",
    "open /n = 3",
    "pw 0 8192 7 = 8192",
    `pr 0 8192 = 8192 sum ${7 * 8192}`,
    "mkdir /e = 0",
    "ls /e = 2",
    "cat /ok = 5000",
    "open /fill = 4",
    "w 1048576 8 = 1048576",
    expect.stringMatching(/^w 1048576 8 = \d+$/),   // short: the disk is full
  ]);
  const log = r.err.split("\n").filter((l) => l.startsWith("wsfs: "));
  expect(log).toContain(`wsfs: inode ${ino.a}: block 99999 out of range`);
  expect(log).toContain(`wsfs: inode ${ino.big}: block ${0xfffffff0} out of range`);
  expect(log).toContain(`wsfs: inode ${ino.m}: block 1 out of range`);
  expect(log).toContain(`wsfs: inode 1: entry inode 99999 out of range`);
  expect(log).toContain(`wsfs: inode ${ino.h}: size ${2n ** 62n} out of range`);
  expect(log).toContain("wsfs: free metadata block 0 out of range");
  expect(r.err).not.toMatch(/panic/);
  expect(r.fs.readFile("/ok")).toEqual(bytes(5000, 6));
  expect(r.fs.readFile("/n")).toEqual(bytes(8192, 7));
});

// A superblock whose geometry is not the packed layout, or larger than the disk, is refused at
// mount (before, the kernel mounted it and read metadata blocks wherever the fields pointed).
test("a superblock with a bad geometry is refused at mount", async () => {
  for (const [field, value] of [["nblocks", 99999], ["dataStart", 2], ["inodeTableStart", 1], ["ninodes", 33]] as const) {
    const store = mkfs(2 << 20);
    const v = new DataView(store.bytes.buffer);
    v.setUint32(Super[field], value, true);
    await expect(boot({ disk: store.bytes }), field).rejects.toThrow(/does not hold a wsfs file system/);
  }
});
