// wsfs in the kernel (layout in abi/fs.ts): the superblock, block and inode allocation, inode
// fields. Every metadata block is a page-cache page of inode 0 (the block device), read and
// changed in place and written back like any dirty page.
// Nothing read from disk is trusted: the geometry is checked at mount, block numbers by
// fsBlockValid, sizes by iSize; a bad value is reported by fsCorrupt (a kernel log line) and the
// operation fails with EIO. A metadata block that cannot be read (no frame, I/O error) is not a
// panic either: meta() returns 0 and the caller fails; inode fields of an unreadable inode read
// as zeros and writes to them are dropped.
// Interface: fsMount() -> bool, fsUnmount(), fsMounted(), meta(block) -> address of the cached block
// or 0, metaDirty(block), metaNew(block) -> address or 0, balloc() -> block or 0, bfree(b),
// fsBlockValid(b), fsInodeValid(ino), fsCorrupt(ino, what, value), fsFreeInode(dir, ino),
// ialloc(mode) -> ino or 0, ifree(ino),
// inodeAddr(ino) -> address of the on-disk inode in the cache or 0, inodeAddrCached(ino) (0 unless
// already cached: never reads), iDirty(ino), fsNinodes(),
// fsErrors (inconsistencies met), inode field helpers iMode, iNlink, iSize, iSetNlink, iSetSize,
// iSetMode, iBlocksAdd, iFlags, iSetFlags; times: iTime(ino, field), iSetTime(ino, field, ns), iTouch(ino, which) (T_* bits: set
// to now), iAccessed(ino) (relatime).
import { Super, Ino, FS_MAGIC, FS_VERSION, FS_CLEAN, FS_DIRTY, BLOCK_SIZE, INODE_SIZE, INODES_PER_BLOCK, ROOT_INO, S_MAXBYTES, SECTORS_PER_BLOCK } from "./abi/fs";
import { hostConsoleWrite } from "./host";
import { pa } from "./kalloc";
import { pcGet, pcGetNew, pcDirty, pcFind, pcSync, pcForget } from "./pagecache";
import { diskInit, diskFlush, diskSectors } from "./disk";
import { clockNow } from "./clock";
import { panic } from "./panic";

@unmanaged class SuperInfo {
  mounted: u32;
  nblocks: u32;
  ninodes: u32;
  ibmap: u32;
  bbmap: u32;
  itable: u32;
  dataStart: u32;
  nextBlock: u32;    // allocation hint
}
const sb = changetype<SuperInfo>(memory.data(offsetof<SuperInfo>()));

export function fsMounted(): bool { return sb.mounted != 0; }
export let fsErrors: u32 = 0;            // inconsistencies met on disk (fsck will find them)
export function fsNinodes(): u32 { return sb.ninodes; }

// A corrupt value read from disk: counted, and one kernel log line on the console's stderr, e.g.
// "wsfs: inode 12: block 99999 out of range" (the same report twice in a row is printed once).
const logBuf: usize = memory.data(160);
let lastIno: u32 = 0, lastValue: u64 = 0, lastWhat: usize = 0;
export function fsCorrupt(ino: u32, what: string, value: u64): void {
  fsErrors++;
  fsLog(ino, what, value, " out of range\n");
}

// A directory entry of `dir` names inode `ino`, which is free: "wsfs: inode D: entry inode N is free".
export function fsFreeInode(dir: u32, ino: u32): void {
  fsErrors++;
  fsLog(dir, "entry inode", ino, " is free\n");
}

// One kernel log line "wsfs: [inode N: ]WHAT VALUE<tail>" on the console's stderr.
function fsLog(ino: u32, what: string, value: u64, tail: string): void {
  if (ino == lastIno && value == lastValue && changetype<usize>(what) == lastWhat) return;
  lastIno = ino; lastValue = value; lastWhat = changetype<usize>(what);
  let n = putStr(0, "wsfs: ");
  if (ino != 0) { n = putStr(n, "inode "); n = putNum(n, ino); n = putStr(n, ": "); }
  n = putStr(n, what); n = putStr(n, " ");
  n = putNum(n, value); n = putStr(n, tail);
  hostConsoleWrite(2, logBuf, n);
}
function putStr(n: i32, s: string): i32 {
  for (let i = 0; i < s.length && n < 158; i++) store<u8>(logBuf + n++, <u8>s.charCodeAt(i));
  return n;
}
function putNum(n: i32, v: u64): i32 {
  let digits = 1;
  for (let t = v; t >= 10; t /= 10) digits++;
  for (let i = digits - 1; i >= 0; i--) { store<u8>(logBuf + n + i, <u8>(0x30 + <u32>(v % 10))); v /= 10; }
  return n + digits;
}

// Address of metadata block `b` in the page cache (read on a miss); 0 when it cannot be read (no
// frame, I/O error): the caller fails with EIO.
export function meta(b: u32): usize {
  const p = pcGet(0, b, false);
  if (p == 0) { fsLog(0, "cannot read metadata block", b, " (no memory or I/O error)\n"); return 0; }
  return pa(p);
}
export function metaDirty(b: u32): void { const p = pcFind(0, b); if (p != 0) pcDirty(p); }

// A fresh metadata block (indirect block, directory block): zeroed, no read; 0 with no memory.
export function metaNew(b: u32): usize {
  const p = pcGetNew(0, b);
  if (p == 0) return 0;
  memory.fill(pa(p), 0, BLOCK_SIZE);
  pcDirty(p);
  return pa(p);
}

// "wsfs: unsupported on-disk version 1 (this kernel reads version 2; rebuild the image with wasmos mkfs)".
// Written into logBuf, as every log line: the kernel allocates nothing, not even at start (the stub
// runtime's allocator cannot grow a memory of 4 GiB, where memory.size() << 16 wraps to 0).
function versionMismatch(v: u32): void {
  let n = putStr(0, "wsfs: unsupported on-disk version "); n = putNum(n, v);
  n = putStr(n, " (this kernel reads version "); n = putNum(n, FS_VERSION);
  n = putStr(n, "; rebuild the image with wasmos mkfs)\n");
  hostConsoleWrite(2, logBuf, n);
}

export function fsMount(): bool {
  if (!diskInit()) return false;
  const s = meta(0);
  if (s == 0) return false;
  if (load<u32>(s + Super.magic) != FS_MAGIC) return false;
  const v = load<u32>(s + Super.version);
  if (v != FS_VERSION) { versionMismatch(v); return false; }
  if (load<u32>(s + Super.blockSize) != BLOCK_SIZE) return false;
  sb.nblocks = load<u32>(s + Super.nblocks); sb.ninodes = load<u32>(s + Super.ninodes);
  sb.ibmap = load<u32>(s + Super.inodeBitmapStart); sb.bbmap = load<u32>(s + Super.blockBitmapStart);
  sb.itable = load<u32>(s + Super.inodeTableStart); sb.dataStart = load<u32>(s + Super.dataStart);
  if (!geometryOk()) return false;
  sb.nextBlock = sb.dataStart;
  sb.mounted = 1;
  store<u32>(s + Super.state, FS_DIRTY);
  metaDirty(0);
  return true;
}

// The packed layout abi/fs.ts describes (as mkfs writes it and fsck checks it), inside the disk:
// then every metadata block number the kernel computes lies where it should.
function geometryOk(): bool {
  const bits: u32 = BLOCK_SIZE * 8;
  if (sb.ninodes <= <u32>ROOT_INO || sb.ninodes % INODES_PER_BLOCK != 0 || sb.nblocks == 0) return false;
  if (<u64>sb.nblocks * SECTORS_PER_BLOCK > diskSectors()) return false;
  if (sb.ibmap != 1 || sb.bbmap != sb.ibmap + (sb.ninodes + bits - 1) / bits) return false;
  if (sb.itable != sb.bbmap + (sb.nblocks + bits - 1) / bits) return false;
  return sb.dataStart == sb.itable + sb.ninodes / INODES_PER_BLOCK && sb.dataStart < sb.nblocks;
}

// Clean shutdown: everything written back, the superblock marked clean, the disk flushed.
export function fsUnmount(): i32 {
  if (!sb.mounted) return 0;
  let r = pcSync(0);
  const s = meta(0);
  if (s != 0) store<u32>(s + Super.state, FS_CLEAN);
  metaDirty(0);
  const r2 = pcSync(0);
  if (r == 0) r = r2;
  diskFlush();
  return r;
}

function superAdd(field: Super, d: i32): void {
  const s = meta(0);
  if (s == 0) return;
  store<u32>(s + field, load<u32>(s + field) + d);
  metaDirty(0);
}

// Find and set a clear bit in a bitmap of `count` bits starting at block `start`; -1 if full or
// unreadable.
function bitAlloc(start: u32, count: u32, from: u32): i64 {
  for (let k: u32 = 0; k < count; k++) {
    const i = (from + k) % count;
    const blk = start + i / (BLOCK_SIZE * 8);
    const m = meta(blk);
    if (m == 0) return -1;
    const a = m + ((i % (BLOCK_SIZE * 8)) >>> 3);
    const bit: u32 = 1 << (i & 7);
    const v = <u32>load<u8>(a);
    if (v & bit) { if (v == 0xff) k += 7 - (i & 7); continue; }
    store<u8>(a, <u8>(v | bit));
    metaDirty(blk);
    return i;
  }
  return -1;
}

function bitClear(start: u32, i: u32): void {
  const blk = start + i / (BLOCK_SIZE * 8);
  const m = meta(blk);
  if (m == 0) { fsErrors++; return; }       // left set: a leak fsck will report, never a double use
  const a = m + ((i % (BLOCK_SIZE * 8)) >>> 3);
  const bit: u32 = 1 << (i & 7);
  const v = <u32>load<u8>(a);
  if (!(v & bit)) { fsErrors++; return; }   // on-disk corruption (ext2 reports "bit already cleared")
  store<u8>(a, <u8>(v & ~bit));
  metaDirty(blk);
}

// A free data block (lowest after the last one given, for locality), or 0 when the disk is full.
// A metadata block marked free (a corrupt bitmap) is reported, left marked, and skipped.
export function balloc(): u32 {
  for (let tries: u32 = 0; tries <= sb.dataStart; tries++) {
    const b = bitAlloc(sb.bbmap, sb.nblocks, sb.nextBlock);
    if (b < 0) return 0;
    if (<u32>b >= sb.dataStart) {
      sb.nextBlock = <u32>b + 1;
      superAdd(Super.freeBlocks, -1);
      return <u32>b;
    }
    fsCorrupt(0, "free metadata block", <u64>b);
  }
  return 0;
}

// A data block number read from disk: inside the data area.
export function fsBlockValid(b: u32): bool { return b >= sb.dataStart && b < sb.nblocks; }

export function bfree(b: u32): void {
  if (!fsBlockValid(b)) { fsCorrupt(0, "freed block", b); return; }
  bitClear(sb.bbmap, b);
  pcForget(0, b);
  superAdd(Super.freeBlocks, 1);
}

// Inode numbers come from the bitmap or from checked directory entries (dir.ts): one out of range
// here is a kernel bug. 0 when its inode-table block cannot be read.
export function inodeAddr(ino: u32): usize {
  if (ino == 0 || ino >= sb.ninodes) panic("inodeAddr: bad inode number");
  const m = meta(sb.itable + ino / INODES_PER_BLOCK);
  return m == 0 ? 0 : m + <usize>(ino % INODES_PER_BLOCK) * INODE_SIZE;
}
// The inode's record if its block is in the page cache now, else 0: no read, no counter moves
// (the inspection views' names: names.ts).
export function inodeAddrCached(ino: u32): usize {
  if (ino == 0 || ino >= sb.ninodes) return 0;
  const p = pcFind(0, sb.itable + ino / INODES_PER_BLOCK);
  return p == 0 ? 0 : pa(p) + <usize>(ino % INODES_PER_BLOCK) * INODE_SIZE;
}
export function fsInodeValid(ino: u32): bool { return ino != 0 && ino < sb.ninodes; }
export function iDirty(ino: u32): void { metaDirty(sb.itable + ino / INODES_PER_BLOCK); }

// The inode's record, or a zeroed scratch copy when it cannot be read (Linux's bad inode).
const badInode: usize = memory.data(INODE_SIZE);
function ip(ino: u32): usize {
  const a = inodeAddr(ino);
  if (a != 0) return a;
  memory.fill(badInode, 0, INODE_SIZE);
  return badInode;
}

export function ialloc(mode: u32): u32 {
  const i = bitAlloc(sb.ibmap, sb.ninodes, ROOT_INO + 1);
  if (i <= 0) return 0;
  const ino = <u32>i;
  const a = inodeAddr(ino);
  if (a == 0) { bitClear(sb.ibmap, ino); return 0; }
  memory.fill(a, 0, INODE_SIZE);
  store<u16>(a + Ino.mode, <u16>mode);
  const now = clockNow();
  store<u64>(a + Ino.atime, now); store<u64>(a + Ino.mtime, now); store<u64>(a + Ino.ctime, now);
  iDirty(ino);
  superAdd(Super.freeInodes, -1);
  return ino;
}

export function ifree(ino: u32): void {
  const a = inodeAddr(ino);
  if (a == 0) return;                        // unreadable: left allocated (a leak, not a double use)
  memory.fill(a, 0, INODE_SIZE);
  iDirty(ino);
  bitClear(sb.ibmap, ino);
  superAdd(Super.freeInodes, 1);
}

export function iMode(ino: u32): u32 { return load<u16>(ip(ino) + Ino.mode); }
export function iSetMode(ino: u32, mode: u32): void { store<u16>(ip(ino) + Ino.mode, <u16>mode); iDirty(ino); }
export function iNlink(ino: u32): u32 { return load<u16>(ip(ino) + Ino.nlink); }
// The size; one past S_MAXBYTES on disk is corrupt and reads as S_MAXBYTES, so every file offset
// derived from it stays inside the block tree.
export function iSize(ino: u32): u64 {
  const s = load<u64>(ip(ino) + Ino.size);
  if (s <= <u64>S_MAXBYTES) return s;
  fsCorrupt(ino, "size", s);
  return <u64>S_MAXBYTES;
}
export function iSetNlink(ino: u32, n: u32): void { store<u16>(ip(ino) + Ino.nlink, <u16>n); iDirty(ino); }
export function iSetSize(ino: u32, s: u64): void {
  const a = ip(ino);
  store<u64>(a + Ino.size, s);
  iDirty(ino);
}
export function iFlags(ino: u32): u32 { return load<u32>(ip(ino) + Ino.flags); }
export function iSetFlags(ino: u32, f: u32): void { store<u32>(ip(ino) + Ino.flags, f); iDirty(ino); }
export function iBlocksAdd(ino: u32, d: i32): void {
  const a = ip(ino);
  store<u32>(a + Ino.blocks, load<u32>(a + Ino.blocks) + d);
  iDirty(ino);
}

// --- Times (ns of the kernel's clock, Linux's i_atime/i_mtime/i_ctime)

export const T_ATIME: u32 = 1, T_MTIME: u32 = 2, T_CTIME: u32 = 4;

export function iTime(ino: u32, field: Ino): u64 { return load<u64>(ip(ino) + field); }
export function iSetTime(ino: u32, field: Ino, ns: u64): void { store<u64>(ip(ino) + field, ns); iDirty(ino); }

// Set the times named by `which` (T_* bits) to now: a write T_MTIME | T_CTIME, a metadata change
// T_CTIME, as Linux's file_update_time and inode_set_ctime_current.
export function iTouch(ino: u32, which: u32): void {
  const a = ip(ino), now = clockNow();
  if (which & T_ATIME) store<u64>(a + Ino.atime, now);
  if (which & T_MTIME) store<u64>(a + Ino.mtime, now);
  if (which & T_CTIME) store<u64>(a + Ino.ctime, now);
  iDirty(ino);
}

// A read: relatime (Linux's default mount option) updates atime only when it is not newer than
// mtime or ctime, or is a day old; so a file read twice after a write changes its atime once.
const DAY_NS: u64 = 86400 * 1000000000;
export function iAccessed(ino: u32): void {
  const a = ip(ino);
  const at = load<u64>(a + Ino.atime), now = clockNow();
  if (at <= load<u64>(a + Ino.mtime) || at <= load<u64>(a + Ino.ctime) || now - at >= DAY_NS) {
    if (at == now) return;
    store<u64>(a + Ino.atime, now);
    iDirty(ino);
  }
}
