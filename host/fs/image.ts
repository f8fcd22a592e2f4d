// A wsfs image opened for the host tools: the superblock and both bitmaps held in memory (written
// back by sync), inodes read and written straight through the store, a file's block map with
// its indirect levels, and file data read and write. Allocation takes the lowest free block or
// inode, so the same steps always give the same image.
// Interface: Image.open(store, writable?), Image.create(store, sb) (mkfs); readInode(ino),
// writeInode(ip), allocInode(mode), freeInode(ip), bmap(ip, bn, alloc), readData(ip, off, len),
// writeData(ip, off, data), truncate(ip), usedBytes(), sync().
import type { BlockStore } from "../devices/blockstore";
import { BLOCK_SIZE, INODE_SIZE, NDIRECT, NINDIRECT, FS_CLEAN, FS_DIRTY } from "../../kernel/abi/fs";
import { Bitmap } from "./bitmap";
import { FsError } from "./error";
import { decodeInode, encodeInode, emptyInode, type Inode } from "./inode";
import { readSuper, writeSuper, geometryProblems, BITS_PER_BLOCK, type Superblock } from "./superblock";

const ZERO_BLOCK = new Uint8Array(BLOCK_SIZE);
const ROOTS = ["indirect", "dindirect", "tindirect"] as const;

export class Image {
  private blockHint: number;      // no free block below this
  private inodeHint = 1;
  private scratch = new Uint8Array(4);
  private scratchView = new DataView(this.scratch.buffer);

  private constructor(readonly store: BlockStore, readonly sb: Superblock, readonly inodeMap: Bitmap,
    readonly blockMap: Bitmap, readonly writable: boolean) {
    this.blockHint = sb.dataStart;
  }

  /** Open an existing image; a writable one is marked FS_DIRTY until sync(). */
  static open(store: BlockStore, writable = false): Image {
    if (store.size < BLOCK_SIZE) throw new FsError("EINVAL", "image smaller than one block");
    const sb = readSuper(store);
    const bad = geometryProblems(sb, store.size);
    if (bad.length) throw new FsError("EINVAL", bad[0]);
    const load = (start: number, n: number) => {
      const bytes = new Uint8Array(Math.ceil(n / BITS_PER_BLOCK) * BLOCK_SIZE);
      store.read(start * BLOCK_SIZE, bytes);
      return new Bitmap(bytes, n);
    };
    const img = new Image(store, sb, load(sb.inodeBitmapStart, sb.ninodes), load(sb.blockBitmapStart, sb.nblocks), writable);
    if (writable) { sb.state = FS_DIRTY; writeSuper(store, sb); }
    return img;
  }

  /** A fresh image on sb's geometry: metadata blocks zeroed and marked, inode 0 reserved. */
  static create(store: BlockStore, sb: Superblock): Image {
    for (let b = 0; b < sb.dataStart; b++) store.write(b * BLOCK_SIZE, ZERO_BLOCK);
    const bitmap = (n: number) => new Bitmap(new Uint8Array(Math.ceil(n / BITS_PER_BLOCK) * BLOCK_SIZE), n);
    const img = new Image(store, { ...sb, state: FS_DIRTY }, bitmap(sb.ninodes), bitmap(sb.nblocks), true);
    img.inodeMap.set(0);
    for (let b = 0; b < sb.dataStart; b++) img.blockMap.set(b);
    writeSuper(store, img.sb);
    return img;
  }

  // --- inodes

  private inodeOffset(ino: number): number {
    if (!Number.isInteger(ino) || ino < 1 || ino >= this.sb.ninodes) throw new FsError("EINVAL", `inode ${ino} out of range`);
    return this.sb.inodeTableStart * BLOCK_SIZE + ino * INODE_SIZE;
  }

  readInode(ino: number): Inode {
    const bytes = new Uint8Array(INODE_SIZE);
    this.store.read(this.inodeOffset(ino), bytes);
    return decodeInode(ino, bytes);
  }

  writeInode(ip: Inode): void { this.store.write(this.inodeOffset(ip.ino), encodeInode(ip)); }

  allocInode(mode: number): Inode {
    const ino = this.inodeMap.findClear(this.inodeHint);
    if (ino < 0) throw new FsError("ENOSPC", "no free inode");
    this.inodeMap.set(ino);
    this.inodeHint = ino + 1;
    const ip = emptyInode(ino);
    ip.mode = mode;
    this.writeInode(ip);
    return ip;
  }

  /** Free an inode and its blocks; its record is zeroed. */
  freeInode(ip: Inode): void {
    this.truncate(ip);
    this.writeInode(emptyInode(ip.ino));
    this.inodeMap.clear(ip.ino);
    this.inodeHint = Math.min(this.inodeHint, ip.ino);
  }

  // --- blocks

  private allocBlock(zero: boolean): number {
    const b = this.blockMap.findClear(this.blockHint);
    if (b < 0) throw new FsError("ENOSPC", "no free block");
    this.blockMap.set(b);
    this.blockHint = b + 1;
    if (zero) this.store.write(b * BLOCK_SIZE, ZERO_BLOCK);
    return b;
  }

  private freeBlock(b: number): void {
    this.blockMap.clear(b);
    this.blockHint = Math.min(this.blockHint, b);
  }

  private entry(b: number, i: number): number {
    this.store.read(b * BLOCK_SIZE + 4 * i, this.scratch);
    return this.scratchView.getUint32(0, true);
  }

  private setEntry(b: number, i: number, x: number): void {
    this.scratchView.setUint32(0, x, true);
    this.store.write(b * BLOCK_SIZE + 4 * i, this.scratch);
  }

  /** The disk block holding block bn of the file (0: a hole); with alloc, fills the path in. */
  bmap(ip: Inode, bn: number, alloc: boolean): number {
    if (bn < NDIRECT) {
      if (!ip.direct[bn] && alloc) { ip.direct[bn] = this.allocBlock(false); ip.blocks++; }
      return ip.direct[bn];
    }
    bn -= NDIRECT;
    let level = 0, span = NINDIRECT;
    while (bn >= span) {
      bn -= span;
      if (++level === ROOTS.length) throw new FsError("EFBIG", "file too large");
      span *= NINDIRECT;
    }
    const root = ROOTS[level];
    if (!ip[root]) { if (!alloc) return 0; ip[root] = this.allocBlock(true); ip.blocks++; }
    let b = ip[root];
    for (let l = level; l >= 0; l--) {
      span /= NINDIRECT;
      const i = Math.floor(bn / span) % NINDIRECT;
      let next = this.entry(b, i);
      if (!next) {
        if (!alloc) return 0;
        next = this.allocBlock(l > 0);
        this.setEntry(b, i, next);
        ip.blocks++;
      }
      b = next;
    }
    return b;
  }

  /** Up to len bytes of the file from off (fewer at its end); holes read as zeros. */
  readData(ip: Inode, off: number, len: number): Uint8Array {
    const n = Math.max(0, Math.min(len, ip.size - off));
    const out = new Uint8Array(n);
    for (let done = 0; done < n;) {
      const pos = off + done, inner = pos % BLOCK_SIZE, k = Math.min(BLOCK_SIZE - inner, n - done);
      const b = this.bmap(ip, Math.floor(pos / BLOCK_SIZE), false);
      if (b) this.store.read(b * BLOCK_SIZE + inner, out.subarray(done, done + k));
      done += k;
    }
    return out;
  }

  /** Write data at off, allocating blocks; a new partly written block gets zeros around the data.
   *  If it runs out of space, the inode still records what was written (the image stays whole). */
  writeData(ip: Inode, off: number, data: Uint8Array): void {
    let done = 0;
    try {
      while (done < data.length) done += this.writeChunk(ip, off + done, data.subarray(done));
    } finally {
      ip.size = Math.max(ip.size, off + done);
      this.writeInode(ip);
    }
  }

  /** Write what fits of data in the block holding pos; returns the bytes written. */
  private writeChunk(ip: Inode, pos: number, data: Uint8Array): number {
    const inner = pos % BLOCK_SIZE, k = Math.min(BLOCK_SIZE - inner, data.length);
    const bn = Math.floor(pos / BLOCK_SIZE), chunk = data.subarray(0, k);
    const old = k === BLOCK_SIZE ? 0 : this.bmap(ip, bn, false);
    if (old) this.store.write(old * BLOCK_SIZE + inner, chunk);
    else if (k === BLOCK_SIZE) this.store.write(this.bmap(ip, bn, true) * BLOCK_SIZE, chunk);
    else {
      const block = new Uint8Array(BLOCK_SIZE);
      block.set(chunk, inner);
      this.store.write(this.bmap(ip, bn, true) * BLOCK_SIZE, block);
    }
    return k;
  }

  /** Free every block of the file and make it empty. */
  truncate(ip: Inode): void {
    for (let i = 0; i < NDIRECT; i++) if (ip.direct[i]) { this.freeBlock(ip.direct[i]); ip.direct[i] = 0; }
    ROOTS.forEach((root, level) => { if (ip[root]) { this.freeTree(ip[root], level + 1); ip[root] = 0; } });
    ip.blocks = 0;
    ip.size = 0;
    this.writeInode(ip);
  }

  private freeTree(b: number, level: number): void {
    if (level > 0) {
      const bytes = new Uint8Array(BLOCK_SIZE);
      this.store.read(b * BLOCK_SIZE, bytes);
      const v = new DataView(bytes.buffer);
      for (let i = 0; i < NINDIRECT; i++) { const c = v.getUint32(4 * i, true); if (c) this.freeTree(c, level - 1); }
    }
    this.freeBlock(b);
  }

  // --- whole image

  /** Bytes up to the end of the highest block in use (what an image file must hold). */
  usedBytes(): number {
    let b = this.sb.nblocks - 1;
    while (b > 0 && !this.blockMap.get(b)) b--;
    return (b + 1) * BLOCK_SIZE;
  }

  /** Write the bitmaps and the free counts back, mark the image clean and flush the store. */
  sync(): void {
    if (!this.writable) return;
    const sb = this.sb;
    this.store.write(sb.inodeBitmapStart * BLOCK_SIZE, this.inodeMap.bytes);
    this.store.write(sb.blockBitmapStart * BLOCK_SIZE, this.blockMap.bytes);
    sb.freeBlocks = this.blockMap.countClear(0, sb.nblocks);
    sb.freeInodes = this.inodeMap.countClear(1, sb.ninodes);
    sb.state = FS_CLEAN;
    writeSuper(this.store, sb);
    this.store.flush();
  }
}
