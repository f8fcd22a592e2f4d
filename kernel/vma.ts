// Mapped regions of an address space (Linux's vm_area_struct), a sorted array in the process record.
//
//   vma (VMA_SIZE = 32 bytes)
//   +-------+-----+------+-------+------+------+---------+
//   | start | end | prot | flags | kind | file |  pgoff  |
//   |  u32  | u32 | u32  |  u32  | u32  | u32  |   u64   |
//   +-------+-----+------+-------+------+------+---------+
//
// Interface: Vma, vmaAt(p, i), vmaFind(p, va), vmaInsert(p, start, end, prot, flags, kind) -> Vma
// or null, vmaSetFlags(p, start, end, set, clear) -> bool, vmaRemove(p, start, end) (splits partial overlaps), vmaRemoveFits(p, start, end) ->
// bool, vmaCovers(p, start, end) -> bool, vmaProtect(p, start, end, prot) -> bool, vmaFreeGap(p,
// len, floor) -> address or 0, vmaMayWrite(p, start, end) -> bool, isCowMapping(v), pageUp(a),
// vmaHold(v) / vmaRelease(v) (the reference a region holds on its file, shared anonymous object or kernel-owned pool (net/pool.ts)),
// userRange(addr, len, top) -> bool (the one range check of every memory syscall).
import { Proc, VMAS_OFF, VMA_SIZE } from "./proc";
import { NVMA } from "./param";
import { MMAP_TOP, PAGE_SIZE, USER_TOP, PAGE_SHIFT } from "./abi/layout";
import { VmaKind } from "./abi/records";
import { iget, iput } from "./inode";
import { shmGet, shmPut } from "./shmem";
import { poolHold, poolRelease } from "./net/pool";

import { PROT_READ, PROT_WRITE, PROT_EXEC } from "./abi/mman";
export { PROT_READ, PROT_WRITE, PROT_EXEC };

export const VMA_HEAP: u32 = VmaKind.heap;    // the wasm linear memory [0, brk)
export const VMA_ANON: u32 = VmaKind.anon;    // anonymous mmap
export const VMA_ARGS: u32 = VmaKind.args;    // argument block
export const VMA_FILE: u32 = VmaKind.file;    // file mapping: `file` is the inode, `pgoff` the first page
export const VMA_NETMAP: u32 = VmaKind.netmap;   // netmap's region: `file` is its generation, `pgoff` the first page
export const VMA_PKTPOOL: u32 = VmaKind.pktpool; // a packet socket's TX ring: the same

export const MAP_SHARED_FLAG: u32 = 0x01;   // vma.flags: stores reach the file (MAP_SHARED)
export const VM_MAYWRITE: u32 = 0x20;       // vma.flags: mprotect may add PROT_WRITE (Linux's bit)
export const VM_LOCKED: u32 = 0x2000;       // vma.flags: mlock'ed: faulted in, never reclaimed (Linux's bit)

// Linux's is_cow_mapping: a private region that may be written. Its pages shared with another
// address space or with the page cache are write-protected with the COW bit, whatever the
// region's current protection, so a store after mprotect(PROT_WRITE) copies them.
@inline export function isCowMapping(v: Vma): bool {
  return (v.flags & (MAP_SHARED_FLAG | VM_MAYWRITE)) == VM_MAYWRITE;
}

@inline export function pageUp(a: u64): u64 { return (a + PAGE_SIZE - 1) & ~(<u64>PAGE_SIZE - 1); }

// The range check of every memory syscall, 64-bit safe: `addr` page aligned, `len` > 0, and
// [addr, addr + len rounded up to a page) inside [0, top) without wrapping.
export function userRange(addr: u64, len: u64, top: u32 = USER_TOP): bool {
  if ((addr & (PAGE_SIZE - 1)) != 0 || len == 0) return false;
  if (len > <u64>top || addr > <u64>top) return false;       // pageUp(len) and addr + len cannot wrap
  return addr + pageUp(len) <= <u64>top;
}

@unmanaged export class Vma {
  start: u32;
  end: u32;
  prot: u32;
  flags: u32;
  kind: u32;
  file: u32;
  pgoff: u64;
}

@inline export function vmaAt(p: Proc, i: u32): Vma {
  return changetype<Vma>(changetype<usize>(p) + VMAS_OFF + <usize>i * VMA_SIZE);
}

export function vmaFind(p: Proc, va: u32): Vma | null {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (va >= v.start && va < v.end) return v;
  }
  return null;
}

// A region's reference to what backs it: a file mapping's inode, a shared anonymous region's object.
export function vmaHold(v: Vma): void {
  if (v.kind == VMA_FILE) iget(v.file);
  else if (v.kind == VMA_ANON && v.file != 0) shmGet(v.file);
  else if (v.kind == VMA_NETMAP || v.kind == VMA_PKTPOOL) poolHold(v.kind, v.file);
}
export function vmaRelease(v: Vma): void {
  if (v.kind == VMA_FILE) iput(v.file);
  else if (v.kind == VMA_ANON && v.file != 0) shmPut(v.file);
  else if (v.kind == VMA_NETMAP || v.kind == VMA_PKTPOOL) poolRelease(v.kind, v.file);
}

function copyVma(dst: Vma, src: Vma): void {
  memory.copy(changetype<usize>(dst), changetype<usize>(src), VMA_SIZE);
}

// Insert keeping the array sorted; the range must not overlap an existing one.
export function vmaInsert(p: Proc, start: u32, end: u32, prot: u32, flags: u32, kind: u32): Vma | null {
  if (p.nvma >= <u32>NVMA) return null;
  let i = p.nvma;
  while (i > 0 && vmaAt(p, i - 1).start > start) { copyVma(vmaAt(p, i), vmaAt(p, i - 1)); i--; }
  const v = vmaAt(p, i);
  v.start = start; v.end = end; v.prot = prot; v.flags = flags; v.kind = kind; v.file = 0; v.pgoff = 0;
  p.nvma++;
  return v;
}

function vmaDelete(p: Proc, i: u32): void {
  const v = vmaAt(p, i);
  vmaRelease(v);
  for (let j = i; j + 1 < p.nvma; j++) copyVma(vmaAt(p, j), vmaAt(p, j + 1));
  p.nvma--;
}

// Cut [start, end) out of every region; a region split in two needs one free slot (false if none).
export function vmaRemove(p: Proc, start: u32, end: u32): bool {
  for (let i: u32 = 0; i < p.nvma; ) {
    const v = vmaAt(p, i);
    if (v.end <= start || v.start >= end) { i++; continue; }
    if (v.start >= start && v.end <= end) { vmaDelete(p, i); continue; }
    if (v.start < start && v.end > end) {
      const tail = vmaInsert(p, end, v.end, v.prot, v.flags, v.kind);
      if (!tail) return false;
      tail.file = v.file; tail.pgoff = v.pgoff + <u64>((end - v.start) >>> PAGE_SHIFT);
      vmaHold(v);
      vmaAt(p, i).end = start;
      return true;
    }
    if (v.start < start) { v.end = start; i++; continue; }
    v.pgoff += <u64>((end - v.start) >>> PAGE_SHIFT);
    v.start = end; i++;
  }
  return true;
}

// False when vmaRemove(p, start, end) would fail: a region strictly containing the range must be
// split in two and the table is full. Checked before any page is dropped (Linux's map_count check).
export function vmaRemoveFits(p: Proc, start: u32, end: u32): bool {
  if (p.nvma < <u32>NVMA) return true;
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.start < start && v.end > end) return false;
  }
  return true;
}

// True when [start, end) is covered by regions without holes.
export function vmaCovers(p: Proc, start: u32, end: u32): bool {
  let at = start;
  for (let i: u32 = 0; i < p.nvma && at < end; i++) {
    const v = vmaAt(p, i);
    if (v.end <= at) continue;
    if (v.start > at) return false;
    at = v.end;
  }
  return at >= end;
}

// False when some region in [start, end) may not become writable (a shared mapping of a file
// not opened for writing: Linux's missing VM_MAYWRITE, EACCES).
export function vmaMayWrite(p: Proc, start: u32, end: u32): bool {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.end > start && v.start < end && !(v.flags & VM_MAYWRITE)) return false;
  }
  return true;
}

// Set and clear `set`/`clear` in the flags of the regions in [start, end) (covered), splitting
// regions at the edges (mlock's VM_LOCKED); false when a split found no free slot.
export function vmaSetFlags(p: Proc, start: u32, end: u32, set: u32, clear: u32): bool {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.end <= start || v.start >= end || ((v.flags | set) & ~clear) == v.flags) continue;
    if (v.start < start) { if (!splitAt(p, i, start)) return false; continue; }
    if (v.end > end) { if (!splitAt(p, i, end)) return false; }
    const w = vmaAt(p, i);
    w.flags = (w.flags | set) & ~clear;
  }
  return true;
}

// Change protection of [start, end) (must be covered), splitting regions at the edges.
export function vmaProtect(p: Proc, start: u32, end: u32, prot: u32): bool {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.end <= start || v.start >= end || v.prot == prot) continue;
    if (v.start < start) { if (!splitAt(p, i, start)) return false; continue; }
    if (v.end > end) { if (!splitAt(p, i, end)) return false; }
    vmaAt(p, i).prot = prot;
  }
  return true;
}

function splitAt(p: Proc, i: u32, at: u32): bool {
  const v = vmaAt(p, i);
  const hi = vmaInsert(p, at, v.end, v.prot, v.flags, v.kind);
  if (!hi) return false;
  const lo = vmaAt(p, i);
  hi.file = lo.file; hi.pgoff = lo.pgoff + <u64>((at - lo.start) >>> PAGE_SHIFT);
  vmaHold(lo);
  lo.end = at;
  return true;
}

// Highest free range of `len` bytes below MMAP_TOP and at or above `floor`; 0 if none.
export function vmaFreeGap(p: Proc, len: u32, floor: u32): u32 {
  let top: u32 = MMAP_TOP;
  for (let i = <i32>p.nvma - 1; i >= 0; i--) {
    const v = vmaAt(p, i);
    if (v.start >= top) continue;
    if (v.end <= top && top - v.end >= len && top - len >= floor) return top - len;
    top = v.start;
  }
  return top >= floor + len ? top - len : 0;
}
