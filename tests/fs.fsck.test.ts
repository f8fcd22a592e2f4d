// fsck finds each kind of damage injected into a clean image, and says exactly what it found.
import { beforeEach, expect, test } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs/fsck";
import { Image } from "../host/fs/image";
import { WsFs } from "../host/fs/files";
import { readSuper, type Superblock } from "../host/fs/superblock";
import { MemStore } from "../host/devices/blockstore";
import { BLOCK_SIZE, DIRENT_SIZE, Dirent, DT_DIR, FS_DIRTY, Super } from "../kernel/abi/fs";
import type { Inode } from "../host/fs/inode";

let store: MemStore, img: Image, sb: Superblock;
let a: Inode, d: Inode, b: Inode;     // /a (5000 bytes: 2 blocks), /d, /d/b (10 bytes)

beforeEach(() => {
  store = mkfs(1 << 20, { files: [{ path: "/a", data: new Uint8Array(5000).fill(1) }, { path: "/d/b", data: new Uint8Array(10) }] });
  const fs = WsFs.open(store);
  img = fs.img;
  sb = readSuper(store);
  [a, d, b] = ["/a", "/d", "/d/b"].map((p) => fs.lookup(p));
  expect(fsck(store)).toMatchObject({ ok: true, problems: [] });
});

const problems = () => fsck(store).problems;
const sbField = (f: keyof typeof Super, x: number) => new DataView(store.bytes.buffer).setUint32(Super[f] as number, x, true);
const dirent = (dir: Inode, slot: number) => dir.direct[0] * BLOCK_SIZE + slot * DIRENT_SIZE;
const bitmapByte = (start: number, i: number) => start * BLOCK_SIZE + (i >> 3);

test("a block referenced by two files", () => {
  const old = b.direct[0];
  b.direct[0] = a.direct[1];
  img.writeInode(b);
  expect(problems()).toEqual([`block ${a.direct[1]}: referenced twice (inode ${a.ino} and inode ${b.ino})`,
    `block ${old}: marked in use but not referenced`]);
});

test("a used block clear in the block bitmap", () => {
  store.bytes[bitmapByte(sb.blockBitmapStart, a.direct[0])] &= ~(1 << (a.direct[0] & 7));
  expect(problems()).toEqual([`block ${a.direct[0]}: used by inode ${a.ino} but free in the block bitmap`,
    `superblock: freeBlocks ${sb.freeBlocks} but the bitmap has ${sb.freeBlocks + 1}`]);
});

test("a metadata block clear in the block bitmap", () => {
  store.bytes[bitmapByte(sb.blockBitmapStart, 0)] &= ~1;
  expect(problems()).toEqual(["block 0: metadata block free in the block bitmap",
    `superblock: freeBlocks ${sb.freeBlocks} but the bitmap has ${sb.freeBlocks + 1}`]);
});

test("a wrong link count", () => {
  a.nlink = 3;
  img.writeInode(a);
  expect(problems()).toEqual([`inode ${a.ino}: nlink 3 but 1 directory entries`]);
});

test("wrong free counts in the superblock", () => {
  sbField("freeInodes", sb.freeInodes + 1);
  sbField("freeBlocks", sb.freeBlocks - 2);
  expect(problems()).toEqual([`superblock: freeBlocks ${sb.freeBlocks - 2} but the bitmap has ${sb.freeBlocks}`,
    `superblock: freeInodes ${sb.freeInodes + 1} but the bitmap has ${sb.freeInodes}`]);
});

test("a directory without '.'", () => {
  store.bytes.fill(0, dirent(d, 0), dirent(d, 1));
  expect(problems()).toEqual([`directory ${d.ino}: missing '.'`, `inode ${d.ino}: nlink 2 but 1 directory entries`]);
});

test("'..' naming the wrong directory", () => {
  new DataView(store.bytes.buffer).setUint32(dirent(d, 1) + Dirent.ino, d.ino, true);
  expect(problems()).toEqual([`directory ${d.ino}: '..' names inode ${d.ino}, expected 1`,
    `inode 1: nlink 3 but 2 directory entries`, `inode ${d.ino}: nlink 2 but 3 directory entries`]);
});

test.each([
  ["a '/'", "x/y", "name contains '/'"],
  ["a NUL", "x\0y", "name contains NUL"],
  ["'.' outside slot 0", ".", "'.' outside slots 0 and 1"],
])("a name with %s", (_what, name, why) => {
  const at = dirent(d, 2);
  store.bytes[at + Dirent.nameLen] = name.length;
  store.bytes.set(Buffer.from(name), at + Dirent.name);
  expect(problems()).toEqual([`directory ${d.ino}: entry 2 (${JSON.stringify(name)}): bad name: ${why}`]);
});

test("a name length past NAME_MAX, and an empty name", () => {
  store.bytes[dirent(d, 2) + Dirent.nameLen] = 200;
  store.bytes[dirent(img.readInode(1), 2) + Dirent.nameLen] = 0;
  const shown = JSON.stringify("b" + "\0".repeat(119));   // the 120 name bytes there are
  expect(problems()).toEqual([`directory 1: entry 2 (""): bad name: empty name`,
    `directory ${d.ino}: entry 2 (${shown}): bad name: name length 200 > 120`]);
});

test("the same name twice in a directory", () => {
  const root = img.readInode(1);
  store.bytes[dirent(root, 3) + Dirent.name] = "a".charCodeAt(0);     // "d" -> "a"
  expect(problems()).toEqual(["directory 1: name 'a' appears twice"]);
});

test("an entry whose type disagrees with the inode", () => {
  store.bytes[dirent(img.readInode(1), 2) + Dirent.type] = DT_DIR;
  expect(problems()).toEqual([`directory 1: entry 'a' has type 4, inode ${a.ino} wants 8`]);
});

test("an inode in use that no directory names", () => {
  store.bytes.fill(0, dirent(img.readInode(1), 2), dirent(img.readInode(1), 3));
  expect(problems()).toEqual([`inode ${a.ino}: in use but not reachable from /`,
    `block ${a.direct[0]}: marked in use but not referenced`, `block ${a.direct[1]}: marked in use but not referenced`]);
});

test("a free inode with a mode left in it", () => {
  const ghost = img.readInode(40);
  ghost.mode = 0o100644;
  img.writeInode(ghost);
  expect(problems()).toEqual(["inode 40: free but has mode 0o100644 nlink 0"]);
});

test("a data block past the file's size, and a wrong block count", () => {
  a.size = 4096;
  a.blocks = 5;
  img.writeInode(a);
  expect(problems()).toEqual([`inode ${a.ino}: direct[1] block ${a.direct[1]} past the size 4096`,
    `inode ${a.ino}: blocks 5 but 2 found`]);
});

test("a block number outside the data area", () => {
  b.direct[3] = 2;
  b.size = 4 * 4096;
  img.writeInode(b);
  expect(problems()).toEqual([`inode ${b.ino}: direct[3] block 2 out of range`, `inode ${b.ino}: blocks 1 but 2 found`]);
});

test("a size past S_MAXBYTES (the kernel reads such a file as S_MAXBYTES long)", () => {
  a.size = 2 ** 50;
  img.writeInode(a);
  expect(problems()).toEqual([`inode ${a.ino}: size ${2 ** 50} past the maximum 4402345721856`]);
});

test("a directory with a hole", () => {
  d.size = 2 * BLOCK_SIZE;
  img.writeInode(d);
  expect(problems()).toEqual([`directory ${d.ino}: has holes`]);
});

test("an image left dirty, and one that is not wsfs at all", () => {
  sbField("state", FS_DIRTY);
  expect(problems()).toEqual(["superblock: file system not cleanly unmounted (state dirty)"]);
  sbField("magic", 0x1234);
  expect(fsck(store)).toMatchObject({ ok: false, problems: ["superblock: bad magic 0x1234 (not a wsfs image)"] });
  sbField("magic", 0x53465357);
  sbField("dataStart", 3);
  expect(problems()).toEqual([`superblock: dataStart 3, expected ${sb.dataStart}`]);
});
