// Page tables: two levels, 32-bit virtual addresses, 4 KiB pages, both levels stored in frames.
//
//   virtual address   | 31 .. 22 : directory index | 21 .. 12 : table index | 11 .. 0 : offset |
//   entry (u32)       | 31 .. 12 : frame address   | 11 .. 0 : PTE_* flags                    |
//
// Interface: pgdirAlloc() -> pgdir, walk(pgdir, va, alloc) -> address of the PTE or 0,
// mapPage(pgdir, va, pfn, flags), unmapPage(pgdir, va) -> pfn or 0, pgdirFree(pgdir),
// lookupPhys(pgdir, va) -> physical address or -1 (inspection, never faults), pteAddr(pte),
// ptePfn(pte).
import { Owner, USER_TOP, PAGE_SHIFT, PAGE_MASK, PAGE_SIZE, PTES_PER_TABLE } from "./abi/layout";
import { Pte } from "./abi/records";
import { kalloc, kput, pfnOf, pa } from "./kalloc";
import { panic } from "./panic";
import { allocFrame, GFP_RESERVE } from "./oom";

export const PTE_P: u32 = Pte.present;     // present
export const PTE_W: u32 = Pte.writable;    // writable
export const PTE_U: u32 = Pte.user;        // user may access
export const PTE_A: u32 = Pte.accessed;    // accessed (set on TLB fill)
export const PTE_D: u32 = Pte.dirty;       // dirty (set on the first store)
export const PTE_COW: u32 = Pte.cow;       // software: copy-on-write, write-protected until copied
export const PTE_FLAGS: u32 = PAGE_SIZE - 1;   // the low bits of an entry hold flags, the rest the frame
export const PT_SPAN: u32 = <u32>PTES_PER_TABLE << PAGE_SHIFT;   // bytes one page table maps (4 MiB)

@inline export function pteAddr(pte: u32): usize { return <usize>(pte & ~PTE_FLAGS); }
@inline export function ptePfn(pte: u32): u32 { return pte >>> PAGE_SHIFT; }

export function pgdirAlloc(): u32 {
  const f = kalloc(Owner.pagetable);
  return f == 0 ? 0 : <u32>pa(f);
}

// Address of the PTE for `va`, allocating the page table if `alloc`; 0 if absent or out of memory.
export function walk(pgdir: u32, va: u32, alloc: bool): usize {
  if (pgdir == 0) panic("walk: no page directory");
  const pde = <usize>pgdir + ((<usize>va >>> 22) << 2);
  let e = load<u32>(pde);
  if (!(e & PTE_P)) {
    if (!alloc) return 0;
    const f = allocFrame(Owner.pagetable, GFP_RESERVE);     // may reclaim or OOM-kill (oom.ts)
    if (f == 0) return 0;
    e = <u32>pa(f) | PTE_P | PTE_W | PTE_U;
    store<u32>(pde, e);
  }
  return pteAddr(e) + (((<usize>va >>> PAGE_SHIFT) & (PTES_PER_TABLE - 1)) << 2);
}

// Map one page; false when a page table cannot be allocated.
export function mapPage(pgdir: u32, va: u32, pfn: u32, flags: u32): bool {
  const pte = walk(pgdir, va, true);
  if (pte == 0) return false;
  if (load<u32>(pte) & PTE_P) panic("mapPage: remap");
  store<u32>(pte, (pfn << PAGE_SHIFT) | flags | PTE_P);
  return true;
}

// Remove the mapping of one page; returns its frame (the caller drops the reference) or 0.
export function unmapPage(pgdir: u32, va: u32): u32 {
  // LAB(pagetable) BEGIN
  const pte = walk(pgdir, va, false);
  if (pte == 0) return 0;
  const e = load<u32>(pte);
  if (!(e & PTE_P)) return 0;
  store<u32>(pte, 0);
  return ptePfn(e);
  // LAB(pagetable) ELSE
  // return 0;   // TODO(pagetable): clear va's entry and return the frame it mapped (0: none)
  // LAB(pagetable) END
}

// Free every page table and the directory; user frames must already be unmapped.
export function pgdirFree(pgdir: u32): void {
  for (let i: usize = 0; i < <usize>PTES_PER_TABLE; i++) {
    const e = load<u32>(<usize>pgdir + (i << 2));
    if (e & PTE_P) kput(pfnOf(pteAddr(e)));
  }
  kput(pfnOf(pgdir));
}

// Physical address of `va`, or -1 if not mapped. Used by inspection and tracing; never faults.
export function lookupPhys(pgdir: u32, va: u32): i64 {
  // LAB(pagetable) BEGIN
  if (va >= USER_TOP || pgdir == 0) return -1;
  const pte = walk(pgdir, va, false);
  if (pte == 0) return -1;
  const e = load<u32>(pte);
  if (!(e & PTE_P)) return -1;
  return <i64>(pteAddr(e) | (va & ~PAGE_MASK));
  // LAB(pagetable) ELSE
  // return -1;   // TODO(pagetable): walk the two levels without allocating; the frame's address plus va's offset
  // LAB(pagetable) END
}
