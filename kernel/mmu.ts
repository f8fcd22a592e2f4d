// The MMU's slow path: what a translated guest calls when its inline TLB lookup misses. Walks the
// page table, takes page faults, fills the TLB, and splits page-crossing accesses into bytes (a store
// faults in both pages before writing anything). A bad access kills the process with SIGSEGV: the
// kernel marks it and traps, and the host finishes the kill.
// Interface (exported to guests as module "mmu"): ld8 ld16 ld32 ld64 st8 st16 st32 st64; for the
// kernel: translate(va, write) -> physical address, firstStore(pte), killCurrent(sig).
import { USER_TOP, Stat, Owner, PAGE_MASK, PAGE_SHIFT, PAGE_SIZE } from "./abi/layout";
import { frame } from "./kalloc";
import { pcDirty } from "./pagecache";
import { Sig } from "./abi/signals";
import { walk, PTE_P, PTE_W, PTE_U, PTE_A, PTE_D, pteAddr } from "./vm";
import { handleFault } from "./fault";
import { tlbFill } from "./tlb";
import { statAdd } from "./stats";
import { chargeSys, getCost, Cost } from "./clock";
import { curProc } from "./cpu";

// Send `sig` to the running process and abandon the guest instruction (the host sees a trap).
export function killCurrent(sig: i32): void {
  curProc().killed = sig;
  unreachable();
}

// Physical address of `va` for the running process; the TLB is refilled for its page.
export function translate(va: u32, write: bool): usize {
  const p = curProc();
  if (va >= USER_TOP) killCurrent(handleFault(p, va, write, true));
  statAdd(Stat.tlbMisses, 1);
  chargeSys(getCost(Cost.tlbMissNs));
  let pte = walk(p.pgdir, va, false);
  let e: u32 = pte ? load<u32>(pte) : 0;
  if ((e & (PTE_P | PTE_U)) != (PTE_P | PTE_U) || (write && !(e & PTE_W))) {
    const sig = handleFault(p, va, write, true);
    if (sig) killCurrent(sig);
    pte = walk(p.pgdir, va, false);
    e = load<u32>(pte);
  }
  if (write && !(e & PTE_D)) firstStore(e);
  e |= PTE_A | (write ? PTE_D : 0);
  store<u32>(pte, e);
  tlbFill(va, e);
  return pteAddr(e) | (va & ~PAGE_MASK);
}

// The first store through a PTE: a page-cache page becomes dirty (MAP_SHARED stores reach the file).
export function firstStore(e: u32): void {
  const pfn = e >>> PAGE_SHIFT;
  if (frame(pfn).owner == Owner.pagecache) pcDirty(pfn);
}

@inline function crosses(va: u32, n: u32): bool { return (va & ~PAGE_MASK) > <u32>PAGE_SIZE - n; }

function loadBytes(va: u32, n: u32): u64 {
  if (<u64>va + n > <u64>USER_TOP) translate(USER_TOP, false);
  let v: u64 = 0;
  for (let i: u32 = 0; i < n; i++) v |= <u64>load<u8>(translate(va + i, false)) << (i * 8);
  return v;
}

function storeBytes(va: u32, n: u32, v: u64): void {
  if (<u64>va + n > <u64>USER_TOP) translate(USER_TOP, true);
  translate(va, true);
  translate(va + n - 1, true);
  for (let i: u32 = 0; i < n; i++) store<u8>(translate(va + i, true), <u8>(v >> (i * 8)));
}

export function ld8(va: u32): u32 { return load<u8>(translate(va, false)); }
export function ld16(va: u32): u32 {
  return crosses(va, 2) ? <u32>loadBytes(va, 2) : load<u16>(translate(va, false));
}
export function ld32(va: u32): u32 {
  return crosses(va, 4) ? <u32>loadBytes(va, 4) : load<u32>(translate(va, false));
}
export function ld64(va: u32): u64 {
  return crosses(va, 8) ? loadBytes(va, 8) : load<u64>(translate(va, false));
}
export function st8(va: u32, v: u32): void { store<u8>(translate(va, true), <u8>v); }
export function st16(va: u32, v: u32): void {
  if (crosses(va, 2)) storeBytes(va, 2, v); else store<u16>(translate(va, true), <u16>v);
}
export function st32(va: u32, v: u32): void {
  if (crosses(va, 4)) storeBytes(va, 4, v); else store<u32>(translate(va, true), v);
}
export function st64(va: u32, v: u64): void {
  if (crosses(va, 8)) storeBytes(va, 8, v); else store<u64>(translate(va, true), v);
}
