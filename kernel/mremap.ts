// mremap (Linux's mm/mremap.c): shrink a mapping, grow it in place when the range after it is
// free, or move it (MREMAP_MAYMOVE; MREMAP_FIXED: to a given address) by moving its page-table
// entries: no page is copied, each frame keeps its mappings count and owner. The heap (the wasm
// memory, brk) and the argument block are not remappable (EFAULT). MREMAP_DONTUNMAP: EINVAL.
// Interface: the table's entry (syscall.ts): sys_mremap.
import { Errno } from "./abi/errno";
import { PAGE_SIZE, ARG_BASE, PAGE_SHIFT } from "./abi/layout";
import { MREMAP_MAYMOVE, MREMAP_FIXED } from "./abi/mman";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { vmaFind, vmaInsert, vmaRemove, vmaRemoveFits, vmaFreeGap, pageUp, userRange, vmaHold, Vma, VMA_ANON, VMA_FILE, VM_LOCKED, PROT_WRITE, MAP_SHARED_FLAG } from "./vma";
import { walk } from "./vm";
import { tlbInvalidate } from "./tlb";
import { unmapRange, heapEnd, populate } from "./sysmem";

export function sys_mremap(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMremap(curProc(), <u64>a0, <u64>a1, <u64>a2, <u32>a3, <u64>a4);
}

function sysMremap(p: Proc, old: u64, oldLen: u64, newLen: u64, flags: u32, dst: u64): i64 {
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) return -Errno.EINVAL;
  if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return -Errno.EINVAL;
  if ((old & (PAGE_SIZE - 1)) != 0) return -Errno.EINVAL;
  oldLen = pageUp(oldLen); newLen = pageUp(newLen);
  if (newLen == 0 || oldLen == 0) return -Errno.EINVAL;       // (0: Linux duplicates a shared mapping)
  if (newLen > <u64>ARG_BASE || oldLen > <u64>ARG_BASE || old > <u64>ARG_BASE - oldLen) return -Errno.EINVAL;
  if (flags & MREMAP_FIXED) return remapTo(p, <u32>old, <u32>oldLen, <u32>newLen, dst);
  if (newLen <= oldLen) {
    if (newLen < oldLen && !unmapRange(p, <u32>(old + newLen), <u32>(old + oldLen))) return -Errno.ENOMEM;
    return <i64>old;
  }
  const v = source(p, <u32>old, <u32>oldLen);
  if (!v) return -Errno.EFAULT;
  const end = <u32>(old + newLen);
  if (<u32>(old + oldLen) == v.end && <u64>old + newLen <= <u64>ARG_BASE && free(p, v.end, end)) {
    const from = v.end, locked = (v.flags & VM_LOCKED) != 0, write = writeFault(v.prot, v.flags);
    v.end = end;                                        // grow in place
    if (locked) populate(p, from, end, write);
    return <i64>old;
  }
  if (!(flags & MREMAP_MAYMOVE)) return -Errno.ENOMEM;
  const to = vmaFreeGap(p, <u32>newLen, heapEnd(p));
  if (to == 0) return -Errno.ENOMEM;
  return move(p, <u32>old, <u32>oldLen, to, <u32>newLen);
}

// MREMAP_FIXED: whatever is mapped at [dst, dst + newLen) goes first.
function remapTo(p: Proc, old: u32, oldLen: u32, newLen: u32, dst: u64): i64 {
  if (!userRange(dst, newLen, ARG_BASE)) return -Errno.EINVAL;
  const to = <u32>dst;
  if (to < old + oldLen && old < to + newLen) return -Errno.EINVAL;   // the ranges overlap
  if (!source(p, old, oldLen)) return -Errno.EFAULT;
  if (!unmapRange(p, to, to + newLen)) return -Errno.ENOMEM;
  if (newLen < oldLen) {
    if (!unmapRange(p, old + newLen, old + oldLen)) return -Errno.ENOMEM;
    oldLen = newLen;
  }
  return move(p, old, oldLen, to, newLen);
}

// The region holding all of [old, old + len), if it may be remapped (an mmap region), else null.
function source(p: Proc, old: u32, len: u32): Vma | null {
  const v = vmaFind(p, old);
  if (!v || <u64>old + len > <u64>v.end) return null;
  return v.kind == VMA_ANON || v.kind == VMA_FILE ? v : null;
}

// A locked region's new pages are faulted in written when it is private and writable.
function writeFault(prot: u32, flags: u32): bool { return (prot & PROT_WRITE) != 0 && !(flags & MAP_SHARED_FLAG); }

// Nothing mapped in [start, end).
function free(p: Proc, start: u32, end: u32): bool {
  for (let a = <u64>start; a < <u64>end; a += PAGE_SIZE) if (vmaFind(p, <u32>a)) return false;
  return true;
}

// Move [old, old + oldLen) to a new region [to, to + newLen) (free): a region with the old one's
// attributes, the page-table entries moved, the old range dropped.
function move(p: Proc, old: u32, oldLen: u32, to: u32, newLen: u32): i64 {
  const v = vmaFind(p, old)!;
  const prot = v.prot, vflags = v.flags, kind = v.kind, file = v.file;
  const pgoff = v.pgoff + <u64>((old - v.start) >>> PAGE_SHIFT);
  for (let a: u32 = 0; a < oldLen; a += PAGE_SIZE) {       // page tables first: nothing moved on failure
    const src = walk(p.pgdir, old + a, false);
    if (src != 0 && load<u32>(src) != 0 && walk(p.pgdir, to + a, true) == 0) return -Errno.ENOMEM;
  }
  const n = vmaInsert(p, to, to + newLen, prot, vflags, kind);
  if (!n) return -Errno.ENOMEM;
  n.file = file; n.pgoff = pgoff;
  vmaHold(n);
  if (!vmaRemoveFits(p, old, old + oldLen)) { vmaRemove(p, to, to + newLen); return -Errno.ENOMEM; }
  for (let a: u32 = 0; a < oldLen; a += PAGE_SIZE) {
    const src = walk(p.pgdir, old + a, false);
    if (src == 0 || load<u32>(src) == 0) continue;
    store<u32>(walk(p.pgdir, to + a, false), load<u32>(src));
    store<u32>(src, 0);
    tlbInvalidate(old + a);
    tlbInvalidate(to + a);
  }
  vmaRemove(p, old, old + oldLen);
  if ((vflags & VM_LOCKED) && newLen > oldLen) populate(p, to + oldLen, to + newLen, writeFault(prot, vflags));
  return <i64>to;
}
