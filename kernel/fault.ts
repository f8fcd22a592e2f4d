// Page faults (Linux's handle_mm_fault). A fault is an exception: when taken from user mode it
// costs two mode switches; it is counted by kind, traced, and is the cause of any copy it makes.
// Interface: handleFault(p, va, write, fromUser) -> true when the page is now mapped as asked,
// false for a bad access (the caller sends SIGSEGV, or returns -EFAULT inside a syscall).
import { Owner, Stat, PAGE_SIZE } from "./abi/layout";
import { Ev, FaultKind, Routine, Place } from "./abi/trace";
import { Proc } from "./proc";
import { Vma, vmaFind, PROT_READ, PROT_WRITE, PROT_EXEC } from "./vma";
import { walk, mapPage, PTE_P, PTE_W, PTE_U, PTE_COW, pteAddr, ptePfn } from "./vm";
import { kalloc, kput, pa, frame } from "./kalloc";
import { statAdd } from "./stats";
import { nextSeq, traceEmit, curCause, setCause } from "./trace";
import { chargeSys, getCost, Cost } from "./clock";
import { countCopy } from "./copy";
import { tlbInvalidate } from "./tlb";

// PTE permission bits for a region's protection (PROT_NONE: present but not user-accessible).
export function pteFlagsFor(prot: u32): u32 {
  if (!(prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) return 0;
  return PTE_U | ((prot & PROT_WRITE) ? PTE_W : 0);
}

export function handleFault(p: Proc, va: u32, write: bool, fromUser: bool): bool {
  const v = vmaFind(p, va);
  if (!v || (write && !(v.prot & PROT_WRITE)) || !(v.prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
    return badAccess(va, write, fromUser);
  }
  const pte = walk(p.pgdir, va, true);
  if (pte == 0) return badAccess(va, write, fromUser);   // out of page-table memory
  const e = load<u32>(pte);
  if (!(e & PTE_P)) return demandZero(p, v, va, write, pte, fromUser);
  if (write && (e & PTE_COW)) return cowFault(va, pte, fromUser);
  // Present but protected by an older mprotect: the region now allows it, so refresh the PTE.
  const fl = pteFlagsFor(v.prot) & ((e & PTE_COW) ? ~PTE_W : 0xffffffff);
  store<u32>(pte, (e & ~(PTE_W | PTE_U)) | fl);
  tlbInvalidate(va);
  return true;
}

function enter(kind: FaultKind, va: u32, write: bool, fromUser: bool): u32 {
  const s = nextSeq();
  if (fromUser) statAdd(Stat.modeSwitches, 2);
  chargeSys(getCost(Cost.faultNs) + (fromUser ? 2 * getCost(Cost.modeSwitchNs) : 0));
  traceEmit(s, Ev.fault, kind, va, write ? 1 : 0, 0, 0, 0, 0);
  return s;
}

function badAccess(va: u32, write: bool, fromUser: bool): bool {
  if (fromUser) { statAdd(Stat.faultSegv, 1); enter(FaultKind.segv, va, write, true); }
  return false;
}

// First touch of an anonymous page: a zeroed frame (minor fault, no I/O).
function demandZero(p: Proc, v: Vma, va: u32, write: bool, pte: usize, fromUser: bool): bool {
  statAdd(Stat.faultMinor, 1);
  enter(FaultKind.minor, va, write, fromUser);
  const f = kalloc(Owner.anon);
  if (f == 0) return false;
  frame(f).data = p.pid;
  store<u32>(pte, (f << 12) | pteFlagsFor(v.prot) | PTE_P);
  return true;
}

// A store to a copy-on-write page: copy it unless we hold the only reference.
function cowFault(va: u32, pte: usize, fromUser: bool): bool {
  statAdd(Stat.faultCow, 1);
  const s = enter(FaultKind.cow, va, true, fromUser);
  const e = load<u32>(pte);
  const old = ptePfn(e);
  if (frame(old).refcount == 1) { store<u32>(pte, (e | PTE_W) & ~PTE_COW); return true; }
  const f = kalloc(Owner.anon);
  if (f == 0) return false;
  const saved = curCause; setCause(s);
  memory.copy(pa(f), pteAddr(e), PAGE_SIZE);
  countCopy(Routine.cow_copy, <u64>pteAddr(e), <u64>pa(f), PAGE_SIZE, Place.frame, Place.frame);
  setCause(saved);
  store<u32>(pte, (f << 12) | ((e & 0xfff) | PTE_W) & ~PTE_COW);
  kput(old);
  tlbInvalidate(va);
  return true;
}
