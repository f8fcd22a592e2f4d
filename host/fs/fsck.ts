// fsck: check every wsfs invariant (kernel/abi/fs.ts) on an image without changing it:
// geometry; sizes at most S_MAXBYTES; every block of every reachable inode in range, inside its
// file's size, used once and marked in the block bitmap; metadata blocks marked; no block marked
// that nothing uses; every in-use inode reachable from "/", nlink = the entries naming it, free
// inodes zeroed; directories hole-free, whole slots, "." and ".." right, names valid and unique,
// entry types matching; symbolic links 1 .. SYMLINK_MAX bytes; free counts matching the bitmaps;
// the image marked clean. Data blocks past the size only with INO_FL_PREALLOC (fallocate).
// Interface: fsck(store) -> { ok, problems, inodesUsed, blocksUsed, ninodes, nblocks }.
import type { BlockStore } from "../devices/blockstore";
import {
  BLOCK_SIZE, INODE_SIZE, NDIRECT, NINDIRECT, DIRENT_SIZE, NAME_MAX, ROOT_INO, FS_CLEAN,
  S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, DT_DIR, DT_REG, DT_LNK, S_MAXBYTES, SYMLINK_MAX, INO_FL_PREALLOC,
} from "../../kernel/abi/fs";
import { Bitmap } from "./bitmap";
import { decodeInode, type Inode } from "./inode";
import { decodeDirents, nameProblem, type Dirent } from "./dir";
import { readSuper, geometryProblems, BITS_PER_BLOCK, type Superblock } from "./superblock";

export interface FsckResult {
  ok: boolean; problems: string[];
  ninodes: number; nblocks: number; inodesUsed: number; blocksUsed: number;
}

export function fsck(store: BlockStore): FsckResult {
  const none = { ninodes: 0, nblocks: 0, inodesUsed: 0, blocksUsed: 0 };
  if (store.size < BLOCK_SIZE) return { ok: false, problems: ["image smaller than one block"], ...none };
  const sb = readSuper(store);
  const bad = geometryProblems(sb, store.size);
  if (bad.length) return { ok: false, problems: bad, ...none };
  return new Checker(store, sb).run();
}

const DIR_CHECK_MAX = 64 << 20;             // a directory larger than this is corrupt anyway
const ROOT_SPANS = [NINDIRECT, NINDIRECT ** 2, NINDIRECT ** 3];   // blocks under indirect, dindirect, tindirect

class Checker {
  private problems: string[] = [];
  private imap: Bitmap;
  private bmap: Bitmap;
  private table: Uint8Array;                  // the whole inode table
  private owner: Int32Array;                  // block -> inode using it (0: none)
  private refs: Uint32Array;                  // inode -> directory entries naming it
  private reached: Uint8Array;
  private queue: number[] = [];
  private parent = new Map<number, number>(); // directory -> the directory holding its entry

  constructor(private store: BlockStore, private sb: Superblock) {
    this.imap = this.loadBitmap(sb.inodeBitmapStart, sb.ninodes);
    this.bmap = this.loadBitmap(sb.blockBitmapStart, sb.nblocks);
    this.table = new Uint8Array(sb.ninodes * INODE_SIZE);
    store.read(sb.inodeTableStart * BLOCK_SIZE, this.table);
    this.owner = new Int32Array(sb.nblocks);
    this.refs = new Uint32Array(sb.ninodes);
    this.reached = new Uint8Array(sb.ninodes);
  }

  run(): FsckResult {
    if (this.sb.state !== FS_CLEAN) this.problem("superblock: file system not cleanly unmounted (state dirty)");
    this.walkTree();
    this.checkInodes();
    this.checkBlocks();
    this.checkCounts();
    const sb = this.sb;
    return { ok: this.problems.length === 0, problems: this.problems, ninodes: sb.ninodes, nblocks: sb.nblocks,
      inodesUsed: sb.ninodes - 1 - this.imap.countClear(1, sb.ninodes), blocksUsed: sb.nblocks - this.bmap.countClear(0, sb.nblocks) };
  }

  private problem(msg: string): void { this.problems.push(msg); }

  private loadBitmap(start: number, n: number): Bitmap {
    const bytes = new Uint8Array(Math.ceil(n / BITS_PER_BLOCK) * BLOCK_SIZE);
    this.store.read(start * BLOCK_SIZE, bytes);
    return new Bitmap(bytes, n);
  }

  private inode(ino: number): Inode {
    return decodeInode(ino, this.table.subarray(ino * INODE_SIZE, (ino + 1) * INODE_SIZE));
  }

  private readBlock(b: number): Uint8Array {
    const bytes = new Uint8Array(BLOCK_SIZE);
    this.store.read(b * BLOCK_SIZE, bytes);
    return bytes;
  }

  // --- the tree from "/"

  private walkTree(): void {
    const root = this.inode(ROOT_INO);
    if ((root.mode & S_IFMT) !== S_IFDIR) { this.problem(`inode ${ROOT_INO} (root): not a directory`); return; }
    this.reached[ROOT_INO] = 1;
    this.parent.set(ROOT_INO, ROOT_INO);
    this.queue.push(ROOT_INO);
    while (this.queue.length) this.checkInode(this.inode(this.queue.shift()!));
  }

  private checkInode(ip: Inode): void {
    const type = ip.mode & S_IFMT;
    if (!this.imap.get(ip.ino)) this.problem(`inode ${ip.ino}: in use but free in the inode bitmap`);
    if (type !== S_IFREG && type !== S_IFDIR && type !== S_IFLNK) { this.problem(`inode ${ip.ino}: bad mode 0o${ip.mode.toString(8)}`); return; }
    if (type === S_IFLNK && (ip.size < 1 || ip.size > SYMLINK_MAX)) this.problem(`inode ${ip.ino}: symbolic link of ${ip.size} bytes (1 .. ${SYMLINK_MAX})`);
    if (ip.size > S_MAXBYTES) this.problem(`inode ${ip.ino}: size ${ip.size} past the maximum ${S_MAXBYTES}`);
    const blocks = new Blocks(ip, this);
    blocks.walk();
    if (blocks.count !== ip.blocks) this.problem(`inode ${ip.ino}: blocks ${ip.blocks} but ${blocks.count} found`);
    if (type === S_IFDIR) this.checkDir(ip, blocks);
  }

  /** Claim block b for inode ino: "ok", "twice" (someone has it) or "range" (not a data block). */
  claim(b: number, ino: number, what: string): "ok" | "twice" | "range" {
    if (b < this.sb.dataStart || b >= this.sb.nblocks) { this.problem(`inode ${ino}: ${what} block ${b} out of range`); return "range"; }
    if (this.owner[b]) { this.problem(`block ${b}: referenced twice (inode ${this.owner[b]} and inode ${ino})`); return "twice"; }
    this.owner[b] = ino;
    return "ok";
  }

  indirectEntries(b: number): Uint32Array {
    const v = new DataView(this.readBlock(b).buffer);
    const out = new Uint32Array(NINDIRECT);
    for (let i = 0; i < NINDIRECT; i++) out[i] = v.getUint32(4 * i, true);
    return out;
  }

  report(msg: string): void { this.problem(msg); }

  private checkDir(dp: Inode, blocks: Blocks): void {
    if (dp.size % DIRENT_SIZE !== 0) this.problem(`directory ${dp.ino}: size ${dp.size} not a multiple of ${DIRENT_SIZE}`);
    if (blocks.hasHoles()) this.problem(`directory ${dp.ino}: has holes`);
    if (dp.size > DIR_CHECK_MAX) { this.problem(`directory ${dp.ino}: size ${dp.size} too large to check`); return; }
    if (!blocks.readable) return;
    const ents = decodeDirents(blocks.read(this.store));
    const parent = this.parent.get(dp.ino)!;
    this.checkDot(dp.ino, ents[0], ".", dp.ino);
    this.checkDot(dp.ino, ents[1], "..", parent);
    const names = new Set<string>();
    for (const e of ents) {
      if (e.ino === 0) continue;
      if (e.ino >= this.sb.ninodes) { this.problem(`directory ${dp.ino}: entry '${e.name}' names inode ${e.ino} out of range`); continue; }
      this.refs[e.ino]++;
      if (e.slot < 2) continue;
      this.checkName(dp.ino, e, names);
      this.checkEntry(dp.ino, e);
    }
  }

  private checkDot(dir: number, e: Dirent | undefined, name: string, want: number): void {
    if (!e || e.ino === 0 || e.name !== name) { this.problem(`directory ${dir}: missing '${name}'`); return; }
    if (e.ino !== want) this.problem(`directory ${dir}: '${name}' names inode ${e.ino}, expected ${want}`);
    if (e.type !== DT_DIR) this.problem(`directory ${dir}: '${name}' has type ${e.type}, expected ${DT_DIR}`);
  }

  private checkName(dir: number, e: Dirent, names: Set<string>): void {
    const why = e.nameLen > NAME_MAX ? `name length ${e.nameLen} > ${NAME_MAX}` : nameProblem(e.nameBytes)
      ?? (e.name === "." || e.name === ".." ? `'${e.name}' outside slots 0 and 1` : null);
    if (why) this.problem(`directory ${dir}: entry ${e.slot} (${JSON.stringify(e.name)}): bad name: ${why}`);
    else if (names.has(e.name)) this.problem(`directory ${dir}: name '${e.name}' appears twice`);
    names.add(e.name);
  }

  private checkEntry(dir: number, e: Dirent): void {
    const ip = this.inode(e.ino);
    const type = ip.mode & S_IFMT;
    const want = type === S_IFDIR ? DT_DIR : type === S_IFREG ? DT_REG : type === S_IFLNK ? DT_LNK : -1;
    if (want >= 0 && e.type !== want) this.problem(`directory ${dir}: entry '${e.name}' has type ${e.type}, inode ${e.ino} wants ${want}`);
    if (!this.reached[e.ino]) {
      this.reached[e.ino] = 1;
      if (type === S_IFDIR) this.parent.set(e.ino, dir);
      this.queue.push(e.ino);
    } else if (type === S_IFDIR) this.problem(`directory ${dir}: entry '${e.name}' is a second link to directory ${e.ino}`);
  }

  // --- inodes, blocks, counts

  private checkInodes(): void {
    if (!this.imap.get(0)) this.problem("inode bitmap: bit 0 (reserved inode 0) is clear");
    for (let i = 1; i < this.sb.ninodes; i++) {
      const used = this.imap.get(i);
      if (this.reached[i]) {
        const ip = this.inode(i);
        if (ip.nlink !== this.refs[i]) this.problem(`inode ${i}: nlink ${ip.nlink} but ${this.refs[i]} directory entries`);
      } else if (used) this.problem(`inode ${i}: in use but not reachable from /`);
      else {
        const ip = this.inode(i);
        if (ip.mode !== 0 || ip.nlink !== 0) this.problem(`inode ${i}: free but has mode 0o${ip.mode.toString(8)} nlink ${ip.nlink}`);
      }
    }
    this.checkTail(this.imap, "inode");
  }

  private checkBlocks(): void {
    const { dataStart, nblocks } = this.sb;
    for (let b = 0; b < nblocks; b++) {
      const used = this.bmap.get(b);
      if (b < dataStart) { if (!used) this.problem(`block ${b}: metadata block free in the block bitmap`); }
      else if (used && !this.owner[b]) this.problem(`block ${b}: marked in use but not referenced`);
      else if (!used && this.owner[b]) this.problem(`block ${b}: used by inode ${this.owner[b]} but free in the block bitmap`);
    }
    this.checkTail(this.bmap, "block");
  }

  /** Bits past the last inode or block must be clear. */
  private checkTail(map: Bitmap, what: string): void {
    for (let i = map.n; i < map.bytes.length * 8; i++) {
      if ((map.bytes[i >> 3] >> (i & 7)) & 1) { this.problem(`${what} bitmap: bit ${i} set past the end (${map.n})`); return; }
    }
  }

  private checkCounts(): void {
    const freeBlocks = this.bmap.countClear(0, this.sb.nblocks), freeInodes = this.imap.countClear(1, this.sb.ninodes);
    if (this.sb.freeBlocks !== freeBlocks) this.problem(`superblock: freeBlocks ${this.sb.freeBlocks} but the bitmap has ${freeBlocks}`);
    if (this.sb.freeInodes !== freeInodes) this.problem(`superblock: freeInodes ${this.sb.freeInodes} but the bitmap has ${freeInodes}`);
  }
}

/** One inode's block tree: walks it, claiming blocks and checking them against the size. */
class Blocks {
  count = 0;                // block pointers held (data + indirect)
  readable = true;          // every pointer in range: the data can be read
  private map: number[] = [];   // file block index -> disk block, below the size
  private nb: number;

  constructor(private ip: Inode, private ck: Checker) { this.nb = Math.ceil(ip.size / BLOCK_SIZE); }

  walk(): void {
    const ip = this.ip;
    ip.direct.forEach((b, i) => this.leaf(b, i, `direct[${i}]`));
    let start = NDIRECT;
    (["indirect", "dindirect", "tindirect"] as const).forEach((f, level) => {
      this.tree(ip[f], level, start, f);
      start += ROOT_SPANS[level];
    });
  }

  /** A block index below the size with no block? */
  hasHoles(): boolean {
    for (let i = 0; i < this.nb; i++) if (!this.map[i]) return true;
    return false;
  }

  private leaf(b: number, index: number, what: string): void {
    if (!b) return;
    if (index >= this.nb && !(this.ip.flags & INO_FL_PREALLOC)) this.ck.report(`inode ${this.ip.ino}: ${what} block ${b} past the size ${this.ip.size}`);
    this.count++;
    if (this.ck.claim(b, this.ip.ino, what) === "range") { this.readable = false; return; }
    if (index < this.nb) this.map[index] = b;
  }

  /** An indirect block at `level` (0 = single) whose entries start at file block `start`; it may
   *  lie past the size as long as it maps no data there. */
  private tree(b: number, level: number, start: number, what: string): void {
    if (!b) return;
    this.count++;
    const claimed = this.ck.claim(b, this.ip.ino, what);
    if (claimed !== "ok") { if (claimed === "range") this.readable = false; return; }
    const span = ROOT_SPANS[level] / NINDIRECT;
    const ents = this.ck.indirectEntries(b);
    for (let i = 0; i < NINDIRECT; i++) {
      if (!ents[i]) continue;
      if (level === 0) this.leaf(ents[i], start + i, `${what}[${i}]`);
      else this.tree(ents[i], level - 1, start + i * span, `${what}[${i}]`);
    }
  }

  /** The file's bytes, holes as zeros (call only when readable). */
  read(store: BlockStore): Uint8Array {
    const out = new Uint8Array(this.ip.size);
    for (let i = 0; i < this.nb; i++) {
      if (!this.map[i]) continue;
      const off = i * BLOCK_SIZE;
      store.read(this.map[i] * BLOCK_SIZE, out.subarray(off, Math.min(off + BLOCK_SIZE, out.length)));
    }
    return out;
  }
}
