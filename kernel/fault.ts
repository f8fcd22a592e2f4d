// Page faults (Linux's handle_mm_fault). A fault is an exception: when taken from user mode it
// costs two mode switches; it is counted by kind, traced, and is the cause of any copy it makes.
// Interface: handleFault(p, va, write, fromUser) -> 0 when the page is now mapped as asked, else
// the signal a bad access earns (SIGSEGV, or SIGBUS past the end of a mapped file; SIGKILL when no
// frame can be had, as Linux's pagefault_out_of_memory); inside a
// syscall the caller returns -EFAULT instead. putUserPage(pfn) drops a user mapping's reference.
// pteFlagsFor(prot), ptePermsFor(v, e) (the permission bits of a new / a present page-table entry).
import { Owner, Stat, PAGE_SIZE, PAGE_MASK, PAGE_SHIFT } from "./abi/layout";
import { Ev, FaultKind, Routine, Place } from "./abi/trace";
import { Proc } from "./proc";
import { Sig } from "./abi/signals";
import { Vma, vmaFind, PROT_READ, PROT_WRITE, PROT_EXEC, VMA_FILE, VMA_NETMAP, VMA_PKTPOOL, MAP_SHARED_FLAG } from "./vma";
import { poolPage } from "./net/pool";
import { walk, PTE_P, PTE_W, PTE_U, PTE_COW, pteAddr, ptePfn } from "./vm";
import { kput, kget, pa, frame } from "./kalloc";
import { allocFrame, pcFind, pcGet } from "./pagecache";
import { shmPage } from "./shmem";
import { raAround } from "./readahead";
import { iSize } from "./fs";
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

// Permission bits for present entry `e` of region `v`: the region's, except that a copy-on-write
// page (shared after fork, or a page-cache page of a private mapping) stays write-protected.
export function ptePermsFor(v: Vma, e: u32): u32 {
  const fl = pteFlagsFor(v.prot);
  return (e & PTE_COW) ? fl & ~PTE_W : fl;
}

export function handleFault(p: Proc, va: u32, write: bool, fromUser: bool): i32 {
  const v = vmaFind(p, va);
  if (!v || (write && !(v.prot & PROT_WRITE)) || !(v.prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
    return badAccess(va, write, fromUser);
  }
  const pte = walk(p.pgdir, va, true);
  if (pte == 0) return Sig.SIGKILL;                      // out of memory for a page table (oom.ts)
  const e = load<u32>(pte);
  if (!(e & PTE_P) && (v.kind == VMA_NETMAP || v.kind == VMA_PKTPOOL)) return poolFault(v, va, write, pte, fromUser);
  if (!(e & PTE_P)) return v.kind == VMA_FILE ? fileFault(p, v, va, write, pte, fromUser) : demandZero(p, v, va, write, pte, fromUser);
  if (write && (e & PTE_COW)) return cowFault(va, pte, fromUser);
  // Present but protected by an older mprotect: the region now allows it, so refresh the PTE.
  store<u32>(pte, (e & ~(PTE_W | PTE_U)) | ptePermsFor(v, e));
  tlbInvalidate(va);
  return 0;
}

function enter(kind: FaultKind, va: u32, write: bool, fromUser: bool, pfn: u32 = 0): u32 {
  const s = nextSeq();
  if (fromUser) statAdd(Stat.modeSwitches, 2);
  chargeSys(getCost(Cost.faultNs) + (fromUser ? 2 * getCost(Cost.modeSwitchNs) : 0));
  traceEmit(s, Ev.fault, kind, va, write ? 1 : 0, pfn, 0, 0, 0);
  return s;
}

function badAccess(va: u32, write: bool, fromUser: bool): i32 {
  if (fromUser) { statAdd(Stat.faultSegv, 1); enter(FaultKind.segv, va, write, true); }
  return Sig.SIGSEGV;
}

export function putUserPage(pfn: u32): void {
  const f = frame(pfn);
  if (f.owner == Owner.pagecache && f.mapcount > 0) f.mapcount--;
  kput(pfn);
}

// A file mapping's page: the page-cache frame itself (MAP_SHARED, or MAP_PRIVATE read), or a private
// copy of it (MAP_PRIVATE write). Major when the page had to be read from disk; SIGBUS past EOF.
function fileFault(p: Proc, v: Vma, va: u32, write: bool, pte: usize, fromUser: bool): i32 {
  const index = v.pgoff + <u64>((va - v.start) >>> PAGE_SHIFT);
  // LAB(mmap) BEGIN
  if (index * PAGE_SIZE >= iSize(v.file)) {
    statAdd(Stat.faultSigbus, 1);
    enter(FaultKind.sigbus, va, write, fromUser);
    return Sig.SIGBUS;
  }
  // LAB(mmap) ELSE
  // // TODO(mmap): a page past the end of the file is SIGBUS (count it: Stat.faultSigbus, FaultKind.sigbus)
  // LAB(mmap) END
  const major = pcFind(v.file, <u32>index) == 0;
  statAdd(major ? Stat.faultMajor : Stat.faultMinor, 1);
  const s = enter(major ? FaultKind.major : FaultKind.minor, va, write, fromUser);
  // The read's DMA names this fault as its cause; inside a syscall (a kernel-mode fault in
  // copy_from_user) it is also counted under that syscall, which caused it.
  const saved = curCause; setCause(s);
  const pg = major ? raAround(v.file, <u32>index) : pcGet(v.file, <u32>index);
  setCause(saved);
  if (pg == 0) return p.killed == Sig.SIGKILL ? Sig.SIGKILL : Sig.SIGBUS;   // out of memory, or an I/O error
  mapFilePage(v, pte, pg);
  if (!write) faultAround(p, v, va);
  return write && !(v.flags & MAP_SHARED_FLAG) ? cowFault(va, pte, fromUser) : 0;
}

// Map page-cache page `pg` at `pte`: shared mappings map the frame itself with the region's
// permissions; private ones copy-on-write whatever the region's protection (a later
// mprotect(PROT_WRITE) must not let a store reach the file).
function mapFilePage(v: Vma, pte: usize, pg: u32): void {
  kget(pg); frame(pg).mapcount++;
  if (v.flags & MAP_SHARED_FLAG) { store<u32>(pte, (pg << PAGE_SHIFT) | pteFlagsFor(v.prot) | PTE_P); return; }
  store<u32>(pte, (pg << PAGE_SHIFT) | (pteFlagsFor(v.prot) & ~PTE_W) | PTE_COW | PTE_P);
}

// Fault-around (Linux's do_fault_around, fault_around_bytes 64 KiB): after a read fault, map the
// pages of the aligned 16-page window around it that are already cached and not yet mapped, so
// reading a cached file takes one fault per 64 KiB, not one per page. No I/O, no fault counted.
export const FAULT_AROUND_PAGES: u32 = 16;
function faultAround(p: Proc, v: Vma, va: u32): void {
  const size = iSize(v.file);
  const first = max(v.start, va & ~(FAULT_AROUND_PAGES * PAGE_SIZE - 1));
  const end = min(v.end, (va | (FAULT_AROUND_PAGES * PAGE_SIZE - 1)) + 1);
  for (let a = first; a < end; a += PAGE_SIZE) {
    if (a == (va & ~(PAGE_SIZE - 1))) continue;
    const index = v.pgoff + <u64>((a - v.start) >>> PAGE_SHIFT);
    if (index * PAGE_SIZE >= size) break;
    const pg = pcFind(v.file, <u32>index);
    if (pg == 0) continue;
    const pte = walk(p.pgdir, a, false);
    if (pte == 0 || (load<u32>(pte) & PTE_P)) continue;
    mapFilePage(v, pte, pg);
  }
}

// First touch of an anonymous page: a zeroed frame (minor fault, no I/O); in a shared region, the
// shared object's frame for the page (shmem.ts), the same in every process that has the region.
function demandZero(p: Proc, v: Vma, va: u32, write: bool, pte: usize, fromUser: bool): i32 {
  statAdd(Stat.faultMinor, 1);
  const shared = (v.flags & MAP_SHARED_FLAG) != 0 && v.file != 0;
  const f = shared ? shmPage(v.file, v.pgoff + <u64>((va - v.start) >>> PAGE_SHIFT), p.pid) : allocFrame(Owner.anon);
  enter(FaultKind.minor, va, write, fromUser, f);
  if (f == 0) return Sig.SIGKILL;    // out of memory even after the OOM killer (oom.ts)
  if (shared) kget(f);               // the page table's reference; the object keeps its own
  else frame(f).data = p.pid;
  store<u32>(pte, (f << PAGE_SHIFT) | pteFlagsFor(v.prot) | PTE_P);
  return 0;
}

// A page of a kernel-owned pool (netmap's region, a packet ring) not mapped (madvise dropped it):
// the pool's frame again, never another; SIGBUS once the pool is gone.
function poolFault(v: Vma, va: u32, write: bool, pte: usize, fromUser: bool): i32 {
  const f = poolPage(v.kind, v.file, <u32>v.pgoff + ((va - v.start) >>> PAGE_SHIFT));
  if (f == 0) { statAdd(Stat.faultSigbus, 1); enter(FaultKind.sigbus, va, write, fromUser); return Sig.SIGBUS; }
  statAdd(Stat.faultMinor, 1);
  enter(FaultKind.minor, va, write, fromUser, f);
  kget(f);
  store<u32>(pte, (f << PAGE_SHIFT) | pteFlagsFor(v.prot) | PTE_P);
  return 0;
}

// A store to a copy-on-write page: copy it unless we hold the only reference.
function cowFault(va: u32, pte: usize, fromUser: bool): i32 {
  // LAB(cow) BEGIN
  statAdd(Stat.faultCow, 1);
  const e = load<u32>(pte);
  const old = ptePfn(e);
  const s = enter(FaultKind.cow, va, true, fromUser, old);
  if (frame(old).refcount == 1 && frame(old).owner == Owner.anon) { store<u32>(pte, (e | PTE_W) & ~PTE_COW); return 0; }
  kget(old);                         // held: memory pressure must not reclaim it under the copy
  const f = allocFrame(Owner.anon);
  if (f == 0) { kput(old); return Sig.SIGKILL; }    // out of memory even after the OOM killer (oom.ts)
  const saved = curCause; setCause(s);
  memory.copy(pa(f), pteAddr(e), PAGE_SIZE);
  countCopy(Routine.cow_copy, <u64>pteAddr(e), <u64>pa(f), PAGE_SIZE, Place.frame, Place.frame);
  setCause(saved);
  kput(old);
  store<u32>(pte, (f << PAGE_SHIFT) | ((e & ~PAGE_MASK) | PTE_W) & ~PTE_COW);
  putUserPage(old);
  tlbInvalidate(va);
  return 0;
  // LAB(cow) ELSE
  // return Sig.SIGSEGV;   // TODO(cow): copy the page unless this is its only reference, map it writable
  // LAB(cow) END
}
