// Block map: which disk block holds page `index` of an inode (direct, indirect, double and triple
// indirect blocks; abi/fs.ts), allocating blocks on the way when asked. Block 0 is a hole.
// Interface: fsBlockOf(ino, index, alloc) -> block or 0, bmapFree(ino, fromIndex) (truncate).
import { Ino, NDIRECT, NINDIRECT, MAX_FILE_BLOCKS } from "./abi/fs";
import { panic } from "./panic";
import { inodeAddr, iDirty, iBlocksAdd, balloc, bfree, meta, metaNew, metaDirty } from "./fs";

// Entry `slot` of indirect block `b` (0 if absent or b is 0), allocating it when asked.
function indirectEntry(ino: u32, b: u32, slot: u32, alloc: bool): u32 {
  let e = load<u32>(meta(b) + (<usize>slot << 2));
  if (e != 0 || !alloc) return e;
  e = balloc();
  if (e == 0) return 0;
  store<u32>(meta(b) + (<usize>slot << 2), e);
  metaDirty(b);
  iBlocksAdd(ino, 1);
  return e;
}

// The inode's root pointer at `field` (direct slot or indirect root), allocated when asked;
// `isMeta`: a new block is an indirect block and must start zeroed.
function rootEntry(ino: u32, field: usize, alloc: bool, isMeta: bool): u32 {
  let e = load<u32>(inodeAddr(ino) + field);
  if (e != 0 || !alloc) return e;
  e = balloc();
  if (e == 0) return 0;
  if (isMeta) metaNew(e);
  store<u32>(inodeAddr(ino) + field, e);
  iDirty(ino);
  iBlocksAdd(ino, 1);
  return e;
}

function childEntry(ino: u32, b: u32, slot: u32, alloc: bool, isMeta: bool): u32 {
  const had = load<u32>(meta(b) + (<usize>slot << 2));
  const e = indirectEntry(ino, b, slot, alloc);
  if (e != 0 && had == 0 && isMeta) metaNew(e);
  return e;
}

// Callers keep offsets below S_MAXBYTES (writeCheck, itrunc, lseek, sizes clamped by iSize), so
// `index` is always inside the tree.
export function fsBlockOf(ino: u32, index: u32, alloc: bool): u32 {
  if (index >= <u32>MAX_FILE_BLOCKS) panic("fsBlockOf: block index past the triple-indirect tree");
  if (index < <u32>NDIRECT) return rootEntry(ino, Ino.direct + (<usize>index << 2), alloc, false);
  let i = index - NDIRECT;
  if (i < <u32>NINDIRECT) {
    const b = rootEntry(ino, Ino.indirect, alloc, true);
    return b == 0 ? 0 : childEntry(ino, b, i, alloc, false);
  }
  i -= NINDIRECT;
  if (i < <u32>(NINDIRECT * NINDIRECT)) {
    const b = rootEntry(ino, Ino.dindirect, alloc, true);
    const c = b == 0 ? 0 : childEntry(ino, b, i / NINDIRECT, alloc, true);
    return c == 0 ? 0 : childEntry(ino, c, i % NINDIRECT, alloc, false);
  }
  i -= NINDIRECT * NINDIRECT;
  const b = rootEntry(ino, Ino.tindirect, alloc, true);
  const c = b == 0 ? 0 : childEntry(ino, b, i / (NINDIRECT * NINDIRECT), alloc, true);
  const d = c == 0 ? 0 : childEntry(ino, c, (i / NINDIRECT) % NINDIRECT, alloc, true);
  return d == 0 ? 0 : childEntry(ino, d, i % NINDIRECT, alloc, false);
}

// Free every data block from page `from` on, and indirect blocks left empty.
export function bmapFree(ino: u32, from: u32): void {
  for (let i: u32 = from; i < <u32>NDIRECT; i++) {
    const a = inodeAddr(ino) + Ino.direct + (<usize>i << 2);
    const b = load<u32>(a);
    if (b) { store<u32>(a, 0); iDirty(ino); bfree(b); iBlocksAdd(ino, -1); }
  }
  const base1: u32 = NDIRECT, base2: u32 = base1 + NINDIRECT, base3: u32 = base2 + NINDIRECT * NINDIRECT;
  freeTree(ino, Ino.indirect, 1, from > base1 ? from - base1 : 0);
  freeTree(ino, Ino.dindirect, 2, from > base2 ? from - base2 : 0);
  freeTree(ino, Ino.tindirect, 3, from > base3 ? from - base3 : 0);
}

@inline function span(level: i32): u32 { return level == 1 ? 1 : level == 2 ? <u32>NINDIRECT : <u32>(NINDIRECT * NINDIRECT); }

function freeTree(ino: u32, field: usize, level: i32, from: u32): void {
  const root = load<u32>(inodeAddr(ino) + field);
  if (root == 0) return;
  if (freeLevel(ino, root, level, from)) {
    store<u32>(inodeAddr(ino) + field, 0); iDirty(ino);
    bfree(root); iBlocksAdd(ino, -1);
  }
}

// Free entries at or past `from` (in data pages below this block); true if the block is now empty.
function freeLevel(ino: u32, b: u32, level: i32, from: u32): bool {
  const per = span(level);
  let empty = true;
  for (let s: u32 = 0; s < <u32>NINDIRECT; s++) {
    const e = load<u32>(meta(b) + (<usize>s << 2));
    if (e == 0) continue;
    const lo = s * per;
    if (lo + per <= from) { empty = false; continue; }
    const gone = level == 1 ? true : freeLevel(ino, e, level - 1, from > lo ? from - lo : 0);
    if (!gone) { empty = false; continue; }
    store<u32>(meta(b) + (<usize>s << 2), 0); metaDirty(b);
    bfree(e); iBlocksAdd(ino, -1);
  }
  return empty;
}
