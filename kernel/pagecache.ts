// Page cache. File pages keyed by (inode, page index); metadata blocks live here too, under inode 0
// (the block device) keyed by block number: one unified cache, as Linux since 2.4. Each page is a
// frame (owner pagecache) holding one reference for the cache; frame flags say uptodate, dirty,
// locked, referenced. Hits and misses are counted for file data pages (not metadata). Dirty pages
// go back to disk on fsync/sync, from the periodic flusher, and before eviction. Eviction is a
// second-chance clock over one LRU list, clean pages first. Others may hold references to a page
// too (pipe slots, socket fragments, user mappings: refcount and mapcount count them); truncation and
// invalidation take a page out of the cache without freeing it under its holders (detach, DETACHED).
// Interface: nbuckets(frames), pcInit(buckets, n), pcGet(ino, index, data) -> pfn, pcFind, pcHit(pfn) (what
// pcGet does on a hit, for a caller that looked first),
// pcGetNew(ino, index) (no read), pcPages(), pcDirtyPages(), pcReadRange(ino, from, count)
// (readahead), pcDirty(pfn), pcIsDirty(pfn), pcWriteback(pfn), pcSync(ino) (0: every inode),
// pcEvict(n), pcDrop(), pcDropRange(ino, from, count) (fadvise DONTNEED), pcTruncate(ino, from), pcForget(ino, index), pcHold(pfn), pcTouch(pfn) (in
// use by this kernel entry), DETACHED, pcReclaimMapped(n) (memory pressure: mapped pages),
// allocFrame(owner, gfp) (oom.ts: kalloc that reclaims, then OOM-kills, under memory pressure).
import { Owner, Stat, PAGE_SHIFT } from "./abi/layout";
import { Place } from "./abi/trace";
import { DETACHED } from "./abi/records";
import { kalloc, kput, kget, frame, pa, nframes, FR_DIRTY, FR_UPTODATE, FR_REFERENCED, FR_LOCKED } from "./kalloc";
import { statAdd, statGet } from "./stats";
import { diskIo, diskIoPage, BIO_MAX_PAGES } from "./disk";
import { SECTORS_PER_BLOCK } from "./abi/fs";
import { fsBlockOf, BLOCK_BAD } from "./bmap";
import { rmapClean, rmapZap, rmapLocked } from "./rmap";
import { allocFrame, GFP_KERNEL, GFP_RESERVE, GFP_NORETRY } from "./oom";
import { panic } from "./panic";

// One hash bucket per frame of RAM (a power of two): chains stay short whatever is cached.
export function nbuckets(frames: u32): u32 { let n: u32 = 1024; while (n < frames) n <<= 1; return n; }

@unmanaged class PCache {
  buckets: usize;   // nbucket u32 heads (frame numbers)
  nbucket: u32;
  lruHead: u32;     // oldest
  lruTail: u32;     // newest
  pages: u32;
  dirty: u32;       // dirty pages
  dirtyMeta: u32;   // of which metadata (inode 0): pcSync's scans stop when none is left
}
const pc = changetype<PCache>(memory.data(offsetof<PCache>()));

// The buckets are zero already (RAM is zero at boot, kalloc.ts): left untouched, they take host
// memory only as pages are cached (one bucket per frame: 4 MiB at 4 GiB of RAM).
export function pcInit(buckets: usize, n: u32): void {
  pc.buckets = buckets; pc.nbucket = n; pc.lruHead = 0; pc.lruTail = 0; pc.pages = 0; pc.dirty = 0; pc.dirtyMeta = 0;
}
export function pcPages(): u32 { return pc.pages; }
export function pcDirtyPages(): u32 { return pc.dirty; }

@inline function bucket(ino: u32, index: u32): usize {
  return pc.buckets + (<usize>(((ino * 2654435761) ^ index ^ (index >>> 16)) & (pc.nbucket - 1)) << 2);
}

// The kernel entry (system call or user-mode fault) running now, modulo 256: a page looked up in it
// may be in use by it (an address in hand across a copy that faults, or an allocation) and is
// not reclaimed until the next entry (Linux holds a page reference for the same purpose).
@inline function curEpoch(): u8 { return <u8>(statGet(Stat.modeSwitches) >> 1); }
export function pcTouch(p: u32): void { frame(p).epoch = curEpoch(); }
@inline function inUse(p: u32): bool { return frame(p).epoch == curEpoch(); }

export function pcFind(ino: u32, index: u32): u32 {
  for (let p = load<u32>(bucket(ino, index)); p != 0; p = frame(p).next) {
    const f = frame(p);
    if (f.data == ino && f.index == index) return p;
  }
  return 0;
}

function lruAppend(p: u32): void {
  const f = frame(p);
  f.lruNext = 0; f.lruPrev = pc.lruTail;
  if (pc.lruTail) frame(pc.lruTail).lruNext = p; else pc.lruHead = p;
  pc.lruTail = p;
}

function lruUnlink(p: u32): void {
  const f = frame(p);
  if (f.lruPrev) frame(f.lruPrev).lruNext = f.lruNext; else pc.lruHead = f.lruNext;
  if (f.lruNext) frame(f.lruNext).lruPrev = f.lruPrev; else pc.lruTail = f.lruPrev;
  f.lruPrev = 0; f.lruNext = 0;
}

function insert(p: u32, ino: u32, index: u32): void {
  const f = frame(p);
  f.data = ino; f.index = index;
  const b = bucket(ino, index);
  f.next = load<u32>(b);
  store<u32>(b, p);
  lruAppend(p);
  pc.pages++;
}

function remove(p: u32): void {
  const f = frame(p);
  const b = bucket(f.data, f.index);
  if (load<u32>(b) == p) store<u32>(b, f.next);
  else {
    let q = load<u32>(b);
    while (q != 0 && frame(q).next != p) q = frame(q).next;
    if (q == 0) panic("pcRemove: page not in its bucket");
    frame(q).next = f.next;
  }
  f.next = 0;
  lruUnlink(p);
  if (f.flags & FR_DIRTY) undirty(p);
  f.flags &= ~(FR_DIRTY | FR_REFERENCED);
  pc.pages--;
}

// A page leaves the cache for good (truncate, O_DIRECT invalidation, a freed block: Linux's
// delete_from_page_cache): user mappings of it are zapped, it leaves the index and the LRU, its
// dirty bit is cleared (it is never written back), and the cache drops its reference. A holder
// (a pipe slot, a socket fragment) keeps the now detached page until it releases it.
function detach(p: u32): void {
  // LAB(mmap) BEGIN
  rmapZap(p);
  // LAB(mmap) ELSE
  // // TODO(mmap): unmap the page from every process that maps it (rmapZap), or they go on using a page the file no longer has
  // LAB(mmap) END
  remove(p);
  const f = frame(p);
  f.data = DETACHED; f.index = 0;
  kput(p);
}

// A page-cache frame no longer in the cache (see detach) has DETACHED for its inode.
export { DETACHED };
@inline function detached(p: u32): bool { return frame(p).data == DETACHED; }

export { allocFrame } from "./oom";

// A lookup found cached page p: referenced and touched (LRU), a data page's hit counted.
export function pcHit(p: u32, counted: bool = true): u32 {
  frame(p).flags |= FR_REFERENCED;
  pcTouch(p);
  if (counted) statAdd(Stat.pcHits, 1);
  return p;
}

// A cached page with no read from disk: contents zero (new block, or a whole page about to be written).
export function pcGetNew(ino: u32, index: u32): u32 {
  let p = pcFind(ino, index);
  if (p != 0) return pcHit(p, false);
  p = allocFrame(Owner.pagecache, ino == 0 ? GFP_RESERVE : GFP_KERNEL);
  if (p == 0) return 0;
  frame(p).flags = FR_UPTODATE;
  insert(p, ino, index);
  pcTouch(p);
  return p;
}

// The page (ino, index), read from disk on a miss; 0 on I/O error or no memory. `data`: a regular
// file's data page, the only kind counted in the hit/miss statistics (not directories or metadata).
export function pcGet(ino: u32, index: u32, data: bool = true): u32 {
  const counted = data && ino != 0;
  let p = pcFind(ino, index);
  if (p != 0) return pcHit(p, counted);
  if (counted) statAdd(Stat.pcMisses, 1);
  const block = ino == 0 ? index : fsBlockOf(ino, index, false);
  if (block == BLOCK_BAD) return 0;          // corrupt or unreadable block map: EIO
  p = allocFrame(Owner.pagecache, ino == 0 ? GFP_RESERVE : GFP_KERNEL);
  if (p == 0) return 0;
  frame(p).flags = FR_LOCKED;
  insert(p, ino, index);
  pcTouch(p);
  const hole = ino != 0 && block == 0;       // block 0 of the device is the superblock, not a hole
  if (!hole && readBlock(p, block) < 0) { remove(p); kput(p); return 0; }
  frame(p).flags = FR_UPTODATE;
  return p;
}

// Read the pages [from, from + count) of file `ino` that are not cached, in as few disk requests as
// the blocks allow: one per run of consecutive blocks (at most BIO_MAX_PAGES pages). Holes become zero
// pages. Stops early when no frame is free; a failed request drops its pages. Not counted as
// lookups (readahead: the reads that find these pages later are hits). Returns 0 or -EIO.
export function pcReadRange(ino: u32, from: u32, count: u32): i32 {
  let run: i32 = 0, first: u32 = 0, next: u32 = 0, err = 0;
  for (let i = from; i < from + count; i++) {
    if (pcFind(ino, i) != 0) { if (readRun(run, first) < 0) err = -5; run = 0; continue; }
    const block = fsBlockOf(ino, i, false);
    if (block == BLOCK_BAD) break;             // the reader's own pcGet reports it
    if (run > 0 && (block != next || run == BIO_MAX_PAGES)) { if (readRun(run, first) < 0) err = -5; run = 0; }
    const p = allocFrame(Owner.pagecache, GFP_NORETRY);
    if (p == 0) break;
    insert(p, ino, i);
    if (block == 0) { frame(p).flags = FR_UPTODATE; continue; }   // a hole
    frame(p).flags = FR_LOCKED;
    if (run == 0) first = block;
    store<u32>(runBuf + (<usize>run << 2), <u32>pa(p));
    run++; next = block + 1;
  }
  if (readRun(run, first) < 0) err = -5;
  return err;
}

// pcReadRange's list of the run's pages (physical addresses), its own: nothing it calls while the
// run grows (allocation, eviction, block mapping) reads or writes through it.
const runBuf: usize = memory.data(BIO_MAX_PAGES * 4);

// One request for the `run` pages listed in runBuf, at consecutive blocks from `first`.
function readRun(run: i32, first: u32): i32 {
  if (run == 0) return 0;
  const r = diskIo(false, <u64>first * SECTORS_PER_BLOCK, runBuf, run, Place.frame);
  for (let k = 0; k < run; k++) {
    const p = load<u32>(runBuf + (<usize>k << 2)) >>> PAGE_SHIFT;
    if (r < 0) { remove(p); kput(p); } else frame(p).flags = FR_UPTODATE;
  }
  return r;
}

function readBlock(p: u32, block: u32): i32 {
  return diskIoPage(false, <u64>block * SECTORS_PER_BLOCK, pa(p), Place.frame);
}

// The dirty bit of a cached page goes (written back, or the page left the cache).
function undirty(p: u32): void {
  const f = frame(p);
  f.flags &= ~FR_DIRTY;
  pc.dirty--;
  if (f.data == 0) pc.dirtyMeta--;
}

export function pcIsDirty(p: u32): bool { return (frame(p).flags & FR_DIRTY) != 0; }

export function pcDirty(p: u32): void {
  const f = frame(p);
  if ((f.flags & FR_DIRTY) || detached(p)) return;
  f.flags |= FR_DIRTY;
  pc.dirty++;
  if (f.data == 0) pc.dirtyMeta++;
  statAdd(Stat.pcDirtied, 1);
}

// Write one dirty page to its block (allocating it for a file page if needed). 0 or -EIO.
export function pcWriteback(p: u32): i32 {
  const f = frame(p);
  if (!(f.flags & FR_DIRTY)) return 0;
  const ino = f.data, index = f.index;
  const block = ino == 0 ? index : fsBlockOf(ino, index, true);
  if (ino != 0 && (block == 0 || block == BLOCK_BAD)) return block == 0 ? -28 : -5;   // ENOSPC: no block for this file page (block 0 of the device is the superblock)
  rmapClean(p);                  // later stores must dirty it again
  const r = diskIoPage(true, <u64>block * SECTORS_PER_BLOCK, pa(p), Place.frame);
  if (r < 0) return r;
  undirty(p);
  statAdd(Stat.pcWrittenBack, 1);
  return 0;
}

// Whether pcSync's pass may still find a dirty page (the scan of 16,384 frame records at 64 MiB is
// most of an unmount after a run that wrote little).
@inline function dirtyLeft(ino: u32, pass: i32): bool {
  if (ino != 0) return pc.dirty != 0;
  return pass == 0 ? pc.dirty != pc.dirtyMeta : pc.dirtyMeta != 0;
}

// Write back every dirty page of `ino` (0: all, data first then metadata). Returns 0 or an errno.
export function pcSync(ino: u32): i32 {
  let err = 0;
  for (let pass = 0; pass < 2; pass++) {
    const n = nframes();
    for (let p: u32 = 1; p < n && dirtyLeft(ino, pass); p++) {
      const f = frame(p);
      if (f.owner != Owner.pagecache || !(f.flags & FR_DIRTY)) continue;
      if (ino != 0 ? f.data != ino : (pass == 0) != (f.data != 0)) continue;
      const r = pcWriteback(p);
      if (r < 0) err = r;
    }
    if (ino != 0) break;
  }
  return err;
}

// Free up to n pages not in use by anyone but the cache; returns how many were freed.
export function pcEvict(n: u32): u32 {
  // LAB(pagecache) BEGIN
  let freed: u32 = 0;
  let budget = pc.pages * 2 + 1;
  while (freed < n && budget-- > 0 && pc.lruHead != 0) {
    const p = pc.lruHead;
    const f = frame(p);
    lruUnlink(p); lruAppend(p);
    if (f.refcount > 1 || (f.flags & FR_LOCKED) || inUse(p)) continue;
    if (f.flags & FR_REFERENCED) { f.flags &= ~FR_REFERENCED; continue; }
    if ((f.flags & FR_DIRTY) && pcWriteback(p) < 0) continue;
    if (frame(p).refcount > 1) continue;
    remove(p);
    kput(p);
    statAdd(Stat.pcEvicted, 1);
    freed++;
  }
  return freed;
  // LAB(pagecache) ELSE
  // return 0;   // TODO(pagecache): free up to n pages: second chance over the LRU list, dirty ones written back first
  // LAB(pagecache) END
}

// Memory pressure, after pcEvict: free up to n file pages held only by the cache and user mappings
// (dirty ones written back first), unmapping them through the reverse map; they fault back in.
export function pcReclaimMapped(n: u32): u32 {
  let freed: u32 = 0;
  let budget = pc.pages + 1;
  for (let p = pc.lruHead; p != 0 && freed < n && budget-- > 0; ) {
    const f = frame(p);
    const next = f.lruNext;
    if (f.mapcount > 0 && f.refcount == 1 + f.mapcount && !(f.flags & FR_LOCKED) && !inUse(p) && !rmapLocked(p) && reclaimMapped(p)) freed++;
    p = next;
  }
  return freed;
}

function reclaimMapped(p: u32): bool {
  if ((frame(p).flags & FR_DIRTY) && pcWriteback(p) < 0) return false;
  rmapZap(p);
  if (frame(p).refcount > 1) return false;        // a mapping rmap could not see: leave it
  remove(p);
  kput(p);
  statAdd(Stat.pcEvicted, 1);
  return true;
}

// drop_caches: free every clean page nobody else holds.
export function pcDrop(): u32 {
  let freed: u32 = 0;
  const n = nframes();
  for (let p: u32 = 1; p < n; p++) {
    const f = frame(p);
    if (f.owner != Owner.pagecache || f.refcount > 1 || (f.flags & (FR_DIRTY | FR_LOCKED)) || detached(p)) continue;
    remove(p); kput(p); freed++;
    statAdd(Stat.pcEvicted, 1);
  }
  return freed;
}

// fadvise(POSIX_FADV_DONTNEED): free the clean pages of [from, from + count) nobody else holds
// (Linux's invalidate_mapping_pages; dirty ones stay); counted as evicted. Returns how many.
export function pcDropRange(ino: u32, from: u32, count: u32): u32 {
  let freed: u32 = 0;
  if (count > pc.pages * 4) return dropRangeScan(ino, from, count, freed);
  for (let i = from; i - from < count; i++) {
    const p = pcFind(ino, i);
    if (p == 0 || !dropClean(p)) continue;
    freed++;
  }
  return freed;
}

// A range far larger than the cache: look at the cached pages instead of every index.
function dropRangeScan(ino: u32, from: u32, count: u32, freed: u32): u32 {
  const n = nframes();
  for (let p: u32 = 1; p < n; p++) {
    const f = frame(p);
    if (f.owner != Owner.pagecache || f.data != ino || f.index - from >= count || f.index < from) continue;
    if (dropClean(p)) freed++;
  }
  return freed;
}

function dropClean(p: u32): bool {
  const f = frame(p);
  if (f.refcount > 1 || (f.flags & (FR_DIRTY | FR_LOCKED)) || detached(p) || inUse(p)) return false;
  remove(p); kput(p);
  statAdd(Stat.pcEvicted, 1);
  return true;
}

// Remove pages of `ino` from index `from` on (truncate, unlink): see detach.
export function pcTruncate(ino: u32, from: u32): void {
  const n = nframes();
  for (let p: u32 = 1; p < n; p++) {
    const f = frame(p);
    if (f.owner != Owner.pagecache || f.data != ino || f.index < from) continue;
    detach(p);
  }
}

export function pcHold(p: u32): void { kget(p); }

// Drop the cached page (ino, index), if any (see detach): a freed metadata block, so a stale copy is
// never written over new data; a page an O_DIRECT write went around (invalidate_inode_pages2).
export function pcForget(ino: u32, index: u32): void {
  const p = pcFind(ino, index);
  if (p != 0) detach(p);
}
