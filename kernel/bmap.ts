// Block map: which disk block holds page `index` of an inode (direct, indirect, double and triple
// indirect blocks; abi/fs.ts), allocating blocks on the way when asked. Block 0 is a hole. Every
// block number read from disk is checked (fsBlockValid): a corrupt one, or an indirect block that
// cannot be read, makes the lookup BLOCK_BAD (EIO for the caller) with a kernel log line.
// Interface: fsBlockOf(ino, index, alloc) -> block, 0 or BLOCK_BAD, bmapFree(ino, fromIndex) (truncate),
// bmapSeek(ino, from, end, data) -> the first index in [from, end) that is data (or a hole), end if
// none, -1 on a bad block map (lseek SEEK_DATA / SEEK_HOLE; a missing indirect block skips its span).
import { Ino, NDIRECT, NINDIRECT, MAX_FILE_BLOCKS } from "./abi/fs";
import { inodeAddr, iDirty, iBlocksAdd, balloc, bfree, meta, metaNew, metaDirty, fsBlockValid, fsCorrupt } from "./fs";
import { panic } from "./panic";

export const BLOCK_BAD: u32 = 0xffffffff;   // no usable block: corrupt pointer or unreadable indirect block

// Check block number `e` read from disk; a bad one is reported and reads as BLOCK_BAD.
function checked(ino: u32, e: u32): u32 {
  if (e == 0 || fsBlockValid(e)) return e;
  fsCorrupt(ino, "block", e);
  return BLOCK_BAD;
}

// Entry `slot` of indirect block `b` (0 if absent), allocating it when asked.
function indirectEntry(ino: u32, b: u32, slot: u32, alloc: bool): u32 {
  const m = meta(b);
  if (m == 0) return BLOCK_BAD;
  let e = checked(ino, load<u32>(m + (<usize>slot << 2)));
  if (e != 0 || !alloc) return e;
  e = balloc();
  if (e == 0) return 0;
  const m2 = meta(b);                          // (balloc may have evicted it)
  if (m2 == 0) { bfree(e); return BLOCK_BAD; }
  store<u32>(m2 + (<usize>slot << 2), e);
  metaDirty(b);
  iBlocksAdd(ino, 1);
  return e;
}

// The inode's root pointer at `field` (direct slot or indirect root), allocated when asked;
// `isMeta`: a new block is an indirect block and must start zeroed.
function rootEntry(ino: u32, field: usize, alloc: bool, isMeta: bool): u32 {
  const a = inodeAddr(ino);
  if (a == 0) return BLOCK_BAD;
  let e = checked(ino, load<u32>(a + field));
  if (e != 0 || !alloc) return e;
  e = balloc();
  if (e == 0) return 0;
  if (isMeta && metaNew(e) == 0) { bfree(e); return BLOCK_BAD; }
  const a2 = inodeAddr(ino);                   // (balloc may have evicted it)
  if (a2 == 0) { bfree(e); return BLOCK_BAD; }
  store<u32>(a2 + field, e);
  iDirty(ino);
  iBlocksAdd(ino, 1);
  return e;
}

// Entry `slot` of indirect block `b` (0 or BLOCK_BAD pass through), a new one zeroed when `isMeta`.
function childEntry(ino: u32, b: u32, slot: u32, alloc: bool, isMeta: bool): u32 {
  if (b == 0 || b == BLOCK_BAD) return b;
  const m = meta(b);
  if (m == 0) return BLOCK_BAD;
  const had = load<u32>(m + (<usize>slot << 2));
  const e = indirectEntry(ino, b, slot, alloc);
  if (e != 0 && e != BLOCK_BAD && had == 0 && isMeta && metaNew(e) == 0) return BLOCK_BAD;
  return e;
}

// Callers keep offsets below S_MAXBYTES (writeCheck, itrunc, lseek, sizes clamped by iSize), so
// `index` is always inside the tree.
export function fsBlockOf(ino: u32, index: u32, alloc: bool): u32 {
  if (index >= <u32>MAX_FILE_BLOCKS) panic("fsBlockOf: block index past the triple-indirect tree");
  if (index < <u32>NDIRECT) return rootEntry(ino, Ino.direct + (<usize>index << 2), alloc, false);
  let i = index - NDIRECT;
  if (i < <u32>NINDIRECT) return childEntry(ino, rootEntry(ino, Ino.indirect, alloc, true), i, alloc, false);
  i -= NINDIRECT;
  if (i < <u32>(NINDIRECT * NINDIRECT)) {
    const b = rootEntry(ino, Ino.dindirect, alloc, true);
    return childEntry(ino, childEntry(ino, b, i / NINDIRECT, alloc, true), i % NINDIRECT, alloc, false);
  }
  i -= NINDIRECT * NINDIRECT;
  const b = rootEntry(ino, Ino.tindirect, alloc, true);
  const c = childEntry(ino, b, i / (NINDIRECT * NINDIRECT), alloc, true);
  const d = childEntry(ino, c, (i / NINDIRECT) % NINDIRECT, alloc, true);
  return childEntry(ino, d, i % NINDIRECT, alloc, false);
}

// Free every data block from page `from` on, and indirect blocks left empty. A corrupt pointer is
// dropped (reported, not freed: the block is not the file's); an unreadable indirect block stays.
export function bmapFree(ino: u32, from: u32): void {
  for (let i: u32 = from; i < <u32>NDIRECT; i++) {
    const a = inodeAddr(ino);
    if (a == 0) return;
    const s = a + Ino.direct + (<usize>i << 2);
    const b = load<u32>(s);
    if (b == 0) continue;
    store<u32>(s, 0); iDirty(ino);
    if (checked(ino, b) != BLOCK_BAD) { bfree(b); iBlocksAdd(ino, -1); }
  }
  const base1: u32 = NDIRECT, base2: u32 = base1 + NINDIRECT, base3: u32 = base2 + NINDIRECT * NINDIRECT;
  freeTree(ino, Ino.indirect, 1, from > base1 ? from - base1 : 0);
  freeTree(ino, Ino.dindirect, 2, from > base2 ? from - base2 : 0);
  freeTree(ino, Ino.tindirect, 3, from > base3 ? from - base3 : 0);
}

@inline function span(level: i32): u32 { return level == 1 ? 1 : level == 2 ? <u32>NINDIRECT : <u32>(NINDIRECT * NINDIRECT); }

function freeTree(ino: u32, field: usize, level: i32, from: u32): void {
  const a = inodeAddr(ino);
  if (a == 0) return;
  const root = load<u32>(a + field);
  if (root == 0) return;
  const bad = checked(ino, root) == BLOCK_BAD;
  if (bad || freeLevel(ino, root, level, from)) {
    const a2 = inodeAddr(ino);
    if (a2 == 0) return;
    store<u32>(a2 + field, 0); iDirty(ino);
    if (!bad) { bfree(root); iBlocksAdd(ino, -1); }
  }
}

// Free entries at or past `from` (in data pages below this block); true if the block is now empty.
function freeLevel(ino: u32, b: u32, level: i32, from: u32): bool {
  const per = span(level);
  let empty = true;
  for (let s: u32 = 0; s < <u32>NINDIRECT; s++) {
    const m = meta(b);
    if (m == 0) return false;                  // cannot read it: keep it (and what it maps)
    const e = load<u32>(m + (<usize>s << 2));
    if (e == 0) continue;
    const lo = s * per;
    if (lo + per <= from) { empty = false; continue; }
    const bad = checked(ino, e) == BLOCK_BAD;
    const gone = bad || level == 1 ? true : freeLevel(ino, e, level - 1, from > lo ? from - lo : 0);
    if (!gone) { empty = false; continue; }
    const m2 = meta(b);
    if (m2 == 0) return false;
    store<u32>(m2 + (<usize>s << 2), 0); metaDirty(b);
    if (!bad) { bfree(e); iBlocksAdd(ino, -1); }
  }
  return empty;
}

// probe's answer besides the block: how many indices from the one asked share it (a missing
// indirect block is a hole over its whole span).
let probeSpan: u32 = 1;

function probe(ino: u32, index: u32): u32 {
  probeSpan = 1;
  if (index < <u32>NDIRECT) return rootEntry(ino, Ino.direct + (<usize>index << 2), false, false);
  let rel = index - NDIRECT, field: usize = Ino.indirect, level = 1;
  if (rel >= <u32>NINDIRECT) {
    rel -= NINDIRECT; field = Ino.dindirect; level = 2;
    if (rel >= <u32>(NINDIRECT * NINDIRECT)) { rel -= NINDIRECT * NINDIRECT; field = Ino.tindirect; level = 3; }
  }
  let b = rootEntry(ino, field, false, true);
  if (b == 0) { probeSpan = span(level) * NINDIRECT - rel; return 0; }
  for (let l = level; l >= 1; l--) {
    if (b == BLOCK_BAD) return b;
    const per = span(l);
    const e = childEntry(ino, b, rel / per, false, false);
    rel = rel % per;
    if (e == 0) { probeSpan = per - rel; return 0; }
    if (l == 1) return e;
    b = e;
  }
  return BLOCK_BAD;
}

export function bmapSeek(ino: u32, from: u32, end: u32, data: bool): i64 {
  let i = from;
  while (i < end) {
    const b = probe(ino, i);
    if (b == BLOCK_BAD) return -1;
    if ((b != 0) == data) return i;
    const step = probeSpan;
    if (step >= end - i) break;
    i += step;
  }
  return end;
}
