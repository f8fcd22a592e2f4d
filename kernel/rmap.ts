// Reverse mapping: find the user mappings of a page-cache page by scanning the file regions of
// every process (no per-page lists; fine at this scale). Used to write-protect dirty tracking after
// writeback (Linux's page_mkclean) and to remove pages of a truncated file (so touching them is SIGBUS).
// Interface: rmapClean(pfn), rmapZap(pfn), rmapLocked(pfn) (a locked region maps it: not reclaimed).
import { PAGE_SHIFT } from "./abi/layout";
import { procSlots, procAt, UNUSED, ZOMBIE, Proc } from "./proc";
import { vmaAt, VMA_FILE, VM_LOCKED } from "./vma";
import { walk, PTE_P, PTE_D, ptePfn } from "./vm";
import { frame, kput } from "./kalloc";
import { tlbInvalidate } from "./tlb";

// Clean (clear PTE_D) or remove every user mapping of page-cache page `pfn`.
function eachMapping(pfn: u32, zap: bool): void {
  const f = frame(pfn);
  const ino = f.data, index = <u64>f.index;
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.state == UNUSED || p.state == ZOMBIE || p.pgdir == 0) continue;
    for (let j: u32 = 0; j < p.nvma; j++) {
      const v = vmaAt(p, j);
      if (v.kind != VMA_FILE || v.file != ino || index < v.pgoff) continue;
      const va = <u64>v.start + ((index - v.pgoff) << PAGE_SHIFT);
      if (va >= <u64>v.end) continue;
      fix(p, <u32>va, pfn, zap);
    }
  }
}

function fix(p: Proc, va: u32, pfn: u32, zap: bool): void {
  const pte = walk(p.pgdir, va, false);
  if (pte == 0) return;
  const e = load<u32>(pte);
  if (!(e & PTE_P) || ptePfn(e) != pfn) return;
  if (zap) { store<u32>(pte, 0); frame(pfn).mapcount--; kput(pfn); }
  else store<u32>(pte, e & ~PTE_D);
  tlbInvalidate(va);
}

export function rmapClean(pfn: u32): void { if (frame(pfn).mapcount) eachMapping(pfn, false); }
export function rmapZap(pfn: u32): void { if (frame(pfn).mapcount) eachMapping(pfn, true); }

// True when a region under mlock maps page-cache page `pfn` (Linux's PG_mlocked: reclaim skips it).
export function rmapLocked(pfn: u32): bool {
  const f = frame(pfn);
  if (f.mapcount == 0) return false;
  const index = <u64>f.index;
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p || p.state == UNUSED || p.state == ZOMBIE || p.pgdir == 0) continue;
    for (let j: u32 = 0; j < p.nvma; j++) {
      const v = vmaAt(p, j);
      if (v.kind != VMA_FILE || v.file != f.data || !(v.flags & VM_LOCKED) || index < v.pgoff) continue;
      if (<u64>v.start + ((index - v.pgoff) << PAGE_SHIFT) < <u64>v.end) return true;
    }
  }
  return false;
}
