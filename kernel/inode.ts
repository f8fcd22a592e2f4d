// Inodes in use: a small table of references held by open files, cwd and mappings, so a file
// unlinked while open lives until its last reference goes (Linux semantics). Reading and writing
// file contents goes through the page cache: one copy_to_user / copy_from_user per page touched.
// Interface: iget(ino) -> false when the table is full, iput(ino), iprune(ino), iheld(ino),
// readi(p, ino, off, va, n) -> bytes or -errno,
// writei(p, ino, off, va, n) -> bytes or -errno, writeCheck(pos, n) -> bytes allowed or -errno,
// itrunc(ino, size) -> 0/-errno, fillStat(ino, buf), isizeExtending(ino) (before the size grows).
import { Errno } from "./abi/errno";
import { Routine, Place } from "./abi/trace";
import { BLOCK_SIZE, Ino, S_MAXBYTES, INO_FL_PREALLOC } from "./abi/fs";
import { ST_ATIME, ST_MTIME, ST_CTIME } from "./abi/stat";
import { pa } from "./kalloc";
import { Proc } from "./proc";
import { pcGet, pcGetNew, pcDirty, pcIsDirty, pcForget, pcTruncate } from "./pagecache";
import { iSize, iSetSize, iNlink, iMode, ifree, inodeAddr, iTouch, iAccessed, iFlags, iSetFlags, T_MTIME, T_CTIME } from "./fs";
import { fsBlockOf, bmapFree, BLOCK_BAD } from "./bmap";
import { copyToUser, copyFromUser } from "./copy";
import { panic } from "./panic";
import { fileAt } from "./file";
import { raGet, raDone } from "./readahead";

const NINODE: i32 = 256;
const itab: usize = memory.data(NINODE * 8);   // { u32 ino, u32 ref }

function slotOf(ino: u32): usize {
  for (let i = 0; i < NINODE; i++) if (load<u32>(itab + (<usize>i << 3)) == ino) return itab + (<usize>i << 3);
  return 0;
}

// Take a reference. False when `ino` is not held yet and the table is full: the caller fails with
// ENFILE (a new reference to an inode already held, e.g. a mapping copied by fork, always succeeds).
export function iget(ino: u32): bool {
  let s = slotOf(ino);
  if (s == 0) s = slotOf(0);
  if (s == 0) return false;
  store<u32>(s, ino);
  store<u32>(s + 4, load<u32>(s + 4) + 1);
  return true;
}

// After a name is removed: free the inode now if it has no links left and nobody holds it.
export function iprune(ino: u32): void {
  if (slotOf(ino) != 0 || inodeAddr(ino) == 0) return;
  if (iNlink(ino) == 0) { itrunc(ino, 0); ifree(ino); }
}

// Drop a reference; an inode with no links and no references is freed (its blocks and pages too).
export function iput(ino: u32): void {
  const s = slotOf(ino);
  if (s == 0) panic("iput: inode not held");
  const r = load<u32>(s + 4) - 1;
  store<u32>(s + 4, r);
  if (r > 0) return;
  store<u32>(s, 0);
  if (inodeAddr(ino) == 0) return;           // unreadable: keep it rather than free a live inode
  if (iNlink(ino) == 0) { itrunc(ino, 0); ifree(ino); }
}

export function iheld(ino: u32): bool { return slotOf(ino) != 0; }

// Read through the page cache; `fi` >= 0 names the open file, whose pages are read with readahead.
export function readi(p: Proc, ino: u32, off: u64, va: u32, n: u32, fi: i32 = -1): i64 {
  const size = iSize(ino);                   // never past S_MAXBYTES (fs.ts)
  if (off >= size) return 0;
  if (<u64>n > size - off) n = <u32>(size - off);
  const last = <u32>((off + n - 1) / BLOCK_SIZE);
  let done: u32 = 0;
  while (done < n) {
    const pos = off + done;
    const index = <u32>(pos / BLOCK_SIZE);
    const pg = fi >= 0 ? raGet(fileAt(fi), index, last) : pcGet(ino, index);
    if (pg == 0) return done > 0 ? <i64>done : -Errno.EIO;
    const o = <u32>(pos % BLOCK_SIZE);
    const chunk = min(n - done, BLOCK_SIZE - o);
    const r = copyToUser(p, va + done, pa(pg) + o, chunk, Routine.copy_to_user, Place.frame);
    if (r < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    done += chunk;
  }
  if (fi >= 0) raDone(fileAt(fi), last);
  iAccessed(ino);                            // relatime
  return done;
}

// Linux's generic_write_check_limits: how much of an n-byte write at `pos` may go in. A write at
// or past S_MAXBYTES is EFBIG, one that would cross it is shortened; a negative offset is EINVAL.
export function writeCheck(pos: i64, n: u32): i64 {
  if (pos < 0) return -Errno.EINVAL;
  if (n == 0) return 0;
  if (<u64>pos >= <u64>S_MAXBYTES) return -Errno.EFBIG;
  return <i64>min(<u64>n, <u64>S_MAXBYTES - <u64>pos);
}

// A write that stopped early (EFAULT, ENOSPC, EIO) may have allocated blocks, and indirect blocks,
// past the size it reached: give them back (Linux frees what a short write allocated past i_size).
function writeFailed(ino: u32, done: u32, err: Errno): i64 {
  const keep = <u32>((iSize(ino) + BLOCK_SIZE - 1) / BLOCK_SIZE);
  pcTruncate(ino, keep);
  bmapFree(ino, keep);
  return done > 0 ? <i64>done : -<i64>err;
}

// A copy_from_user into page `pg` faulted part way. A new block's page (zeros, then what was
// copied) goes to disk, never the stale block; an existing block's page not read from disk and not
// dirty is dropped, so the next read sees the file's data rather than zeros.
function copyFailed(ino: u32, index: u32, pg: u32, had: u32, fresh: bool): void {
  if (had == 0) pcDirty(pg);
  else if (fresh && !pcIsDirty(pg)) pcForget(ino, index);
}

// The file is about to grow: the bytes past its end in its last page are zeroed, so what a store
// through a shared mapping left there never becomes file data (Linux zeroes a page's part past
// i_size when it writes the page back, block_write_full_page, so the grown file reads zeros).
export function isizeExtending(ino: u32): void {
  const size = iSize(ino);
  const o = <u32>(size % BLOCK_SIZE);
  if (o == 0 || fsBlockOf(ino, <u32>(size / BLOCK_SIZE), false) == 0) return;
  const pg = pcGet(ino, <u32>(size / BLOCK_SIZE));
  if (pg != 0) { memory.fill(pa(pg) + o, 0, BLOCK_SIZE - o); pcDirty(pg); }
}

// Write n bytes at `off` (the caller applied writeCheck: off + n <= S_MAXBYTES).
export function writei(p: Proc, ino: u32, off: u64, va: u32, n: u32): i64 {
  if (off + n > <u64>S_MAXBYTES) panic("writei: write past S_MAXBYTES");
  if (off + n > iSize(ino)) isizeExtending(ino);
  let done: u32 = 0;
  while (done < n) {
    const pos = off + done;
    const index = <u32>(pos / BLOCK_SIZE);
    const o = <u32>(pos % BLOCK_SIZE);
    const chunk = min(n - done, BLOCK_SIZE - o);
    const had = fsBlockOf(ino, index, false);
    const blk = had != 0 ? had : fsBlockOf(ino, index, true);
    if (blk == 0 || blk == BLOCK_BAD) return writeFailed(ino, done, blk == 0 ? Errno.ENOSPC : Errno.EIO);
    // No read needed when the block is new (a hole reads as zeros) or the write covers all valid data.
    const fresh = had == 0 || (o == 0 && (chunk == BLOCK_SIZE || pos + chunk >= iSize(ino)));
    const pg = fresh ? pcGetNew(ino, index) : pcGet(ino, index);
    if (pg == 0) return writeFailed(ino, done, Errno.EIO);
    const r = copyFromUser(p, pa(pg) + o, va + done, chunk, Routine.copy_from_user, Place.frame);
    if (r < 0) { copyFailed(ino, index, pg, had, fresh); return writeFailed(ino, done, Errno.EFAULT); }
    pcDirty(pg);
    done += chunk;
    if (pos + chunk > iSize(ino)) iSetSize(ino, pos + chunk);
  }
  if (done > 0) iTouch(ino, T_MTIME | T_CTIME);   // Linux's file_update_time
  return done;
}

// Set the size: pages and blocks past it go away; the tail of the last page is zeroed. A size past
// S_MAXBYTES is EFBIG (Linux's inode_newsize_ok). ftruncate and O_TRUNC change mtime and ctime.
export function itrunc(ino: u32, size: u64): i32 {
  if (size > <u64>S_MAXBYTES) return -Errno.EFBIG;
  const old = iSize(ino);
  const keep = <u32>((size + BLOCK_SIZE - 1) / BLOCK_SIZE);
  if (size < old || size == 0) {             // size 0: also blocks a failed first write left
    pcTruncate(ino, keep);
    bmapFree(ino, keep);                     // (blocks fallocate kept past the size too)
    if (iFlags(ino) & INO_FL_PREALLOC) iSetFlags(ino, iFlags(ino) & ~INO_FL_PREALLOC);
    const o = <u32>(size % BLOCK_SIZE);
    if (o != 0 && fsBlockOf(ino, keep - 1, false) != 0) {
      const pg = pcGet(ino, keep - 1);
      if (pg != 0) { memory.fill(pa(pg) + o, 0, BLOCK_SIZE - o); pcDirty(pg); }
    }
  } else if (size > old) isizeExtending(ino);
  iSetSize(ino, size);
  iTouch(ino, T_MTIME | T_CTIME);
  return 0;
}

// struct stat (asm-generic, 128 bytes) into kernel buffer `buf`.
export function fillStat(ino: u32, buf: usize): void {
  const a = inodeAddr(ino);                  // 0: unreadable, its fields read as zeros
  memory.fill(buf, 0, 128);
  store<u64>(buf + 0, 1);                              // st_dev
  store<u64>(buf + 8, ino);                            // st_ino
  store<u32>(buf + 16, iMode(ino));                    // st_mode (type and permission bits)
  store<u32>(buf + 20, iNlink(ino));                   // st_nlink
  store<i64>(buf + 48, <i64>iSize(ino));               // st_size
  store<i32>(buf + 56, BLOCK_SIZE);                    // st_blksize
  store<i64>(buf + 64, a == 0 ? 0 : <i64>load<u32>(a + Ino.blocks) * 8);   // st_blocks (512-byte units)
  putTime(buf + ST_ATIME, a == 0 ? 0 : load<u64>(a + Ino.atime));
  putTime(buf + ST_MTIME, a == 0 ? 0 : load<u64>(a + Ino.mtime));
  putTime(buf + ST_CTIME, a == 0 ? 0 : load<u64>(a + Ino.ctime));
}

// A time in ns as stat's { i64 seconds, u64 nanoseconds } pair.
function putTime(at: usize, t: u64): void {
  store<i64>(at, <i64>(t / 1000000000));
  store<i64>(at + 8, <i64>(t % 1000000000));
}
