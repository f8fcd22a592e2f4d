// Memory syscalls: brk, mmap (anonymous), munmap, mprotect. Linux's errno for every misuse.
// Interface: sysMem(nr, a0..a5) -> result or NOT_MINE; unmapRange(p, start, end).
import { Errno } from "./abi/errno";
import { Sys } from "./abi/syscalls";
import { PAGE_SIZE, ARG_BASE, USER_TOP } from "./abi/layout";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { vmaInsert, vmaRemove, vmaCovers, vmaProtect, vmaFreeGap, vmaFind, vmaAt, VMA_ANON, VMA_HEAP, PROT_READ, PROT_WRITE, PROT_EXEC } from "./vma";
import { walk, unmapPage, PTE_P, PTE_W, PTE_U, PTE_COW } from "./vm";
import { kput } from "./kalloc";
import { tlbInvalidate } from "./tlb";
import { handleFault, pteFlagsFor } from "./fault";
import { setBrk } from "./brk";
import { fdGet } from "./file";
import { NOT_MINE, u32arg, fdArg } from "./sysarg";

export const MAP_SHARED: u32 = 0x01;
export const MAP_PRIVATE: u32 = 0x02;
export const MAP_FIXED: u32 = 0x10;
export const MAP_ANONYMOUS: u32 = 0x20;
export const MAP_NORESERVE: u32 = 0x4000;
export const MAP_POPULATE: u32 = 0x8000;
export const MAP_FIXED_NOREPLACE: u32 = 0x100000;
const MAP_KNOWN: u32 = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE | MAP_FIXED_NOREPLACE;
const PROT_ALL: u32 = PROT_READ | PROT_WRITE | PROT_EXEC;

@inline function pageUp(a: u64): u64 { return (a + PAGE_SIZE - 1) & ~(<u64>PAGE_SIZE - 1); }
@inline function aligned(a: u64): bool { return (a & (PAGE_SIZE - 1)) == 0; }

export function sysMem(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  switch (nr) {
    case Sys.brk: return sysBrk(p, <u64>a0);
    case Sys.mmap: return sysMmap(p, <u64>a0, <u64>a1, <u32>a2, <u32>a3, fdArg(a4), a5);
    case Sys.munmap: return sysMunmap(p, <u64>a0, <u64>a1);
    case Sys.mprotect: return sysMprotect(p, <u64>a0, <u64>a1, <u32>a2);
  }
  return NOT_MINE;
}

// Linux returns the (possibly unchanged) break; failure shows as the old value.
function sysBrk(p: Proc, addr: u64): i64 {
  if (addr != 0) setBrk(p, addr);
  return p.brk;
}

function heapEnd(p: Proc): u32 {
  for (let i: u32 = 0; i < p.nvma; i++) if (vmaAt(p, i).kind == VMA_HEAP) return vmaAt(p, i).end;
  return 0;
}

function sysMmap(p: Proc, addr: u64, len: u64, prot: u32, flags: u32, fd: i32, off: i64): i64 {
  if (len == 0 || (flags & ~MAP_KNOWN) || (prot & ~PROT_ALL)) return -Errno.EINVAL;
  if (!(flags & (MAP_SHARED | MAP_PRIVATE)) || !aligned(<u64>off)) return -Errno.EINVAL;
  if (!(flags & MAP_ANONYMOUS)) return fdGet(p, fd) < 0 ? -Errno.EBADF : -Errno.ENODEV;
  const size = pageUp(len);
  if (size > <u64>ARG_BASE) return -Errno.ENOMEM;
  let start: u64;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (!aligned(addr)) return -Errno.EINVAL;
    if (addr + size > <u64>ARG_BASE) return -Errno.ENOMEM;
    if ((flags & MAP_FIXED_NOREPLACE) && overlaps(p, <u32>addr, <u32>(addr + size))) return -Errno.EEXIST;
    if (!unmapRange(p, <u32>addr, <u32>(addr + size))) return -Errno.ENOMEM;
    start = addr;
  } else {
    start = vmaFreeGap(p, <u32>size, heapEnd(p));
    if (start == 0) return -Errno.ENOMEM;
  }
  if (!vmaInsert(p, <u32>start, <u32>(start + size), prot, flags, VMA_ANON)) return -Errno.ENOMEM;
  if (flags & MAP_POPULATE) populate(p, <u32>start, <u32>(start + size), (prot & PROT_WRITE) != 0);
  return <i64>start;
}

function overlaps(p: Proc, start: u32, end: u32): bool {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.start < end && v.end > start) return true;
  }
  return false;
}

function populate(p: Proc, start: u32, end: u32, write: bool): void {
  for (let a = <u64>start; a < <u64>end; a += PAGE_SIZE) handleFault(p, <u32>a, write, false);
}

// Drop every page in [start, end) and the regions' parts there.
export function unmapRange(p: Proc, start: u32, end: u32): bool {
  for (let a = <u64>start; a < <u64>end; a += PAGE_SIZE) {
    const f = unmapPage(p.pgdir, <u32>a);
    if (f) { kput(f); tlbInvalidate(<u32>a); }
  }
  return vmaRemove(p, start, end);
}

function sysMunmap(p: Proc, addr: u64, len: u64): i64 {
  if (!aligned(addr) || len == 0) return -Errno.EINVAL;
  const end = addr + pageUp(len);
  if (end > <u64>USER_TOP) return -Errno.EINVAL;
  return unmapRange(p, <u32>addr, <u32>end) ? 0 : -Errno.ENOMEM;
}

function sysMprotect(p: Proc, addr: u64, len: u64, prot: u32): i64 {
  if (!aligned(addr) || (prot & ~PROT_ALL)) return -Errno.EINVAL;
  if (len == 0) return 0;
  const end = addr + pageUp(len);
  if (end > <u64>USER_TOP) return -Errno.ENOMEM;
  if (!vmaCovers(p, <u32>addr, <u32>end)) return -Errno.ENOMEM;
  if (!vmaProtect(p, <u32>addr, <u32>end, prot)) return -Errno.ENOMEM;
  for (let a = addr; a < end; a += PAGE_SIZE) reprotect(p, <u32>a, prot);
  return 0;
}

function reprotect(p: Proc, va: u32, prot: u32): void {
  const pte = walk(p.pgdir, va, false);
  if (pte == 0) return;
  const e = load<u32>(pte);
  if (!(e & PTE_P)) return;
  let fl = pteFlagsFor(prot);
  if (e & PTE_COW) fl &= ~PTE_W;
  store<u32>(pte, (e & ~(PTE_W | PTE_U)) | fl);
  tlbInvalidate(va);
}
