// Memory syscalls: brk, mmap (anonymous, file, /dev/netmap's region, a packet socket's ring), munmap, mprotect, msync, madvise, mincore.
// Linux's errno for every misuse.
// Interface: the table's entries (syscall.ts, each (a0..a5) -> result or -errno): sys_brk,
// sys_mmap, sys_munmap, sys_mprotect, sys_msync, sys_madvise, sys_mincore; unmapRange(p, start, end),
// populate(p, start, end, write) -> false when memory ran out, heapEnd(p) (where mmap's search stops).
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { PAGE_SIZE, ARG_BASE, PAGE_SHIFT } from "./abi/layout";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { vmaInsert, vmaRemove, vmaRemoveFits, vmaCovers, vmaProtect, vmaFreeGap, vmaFind, vmaAt, vmaMayWrite, userRange, pageUp, VMA_ANON, VMA_HEAP, VMA_FILE, VMA_NETMAP, VMA_PKTPOOL, PROT_READ, PROT_WRITE, PROT_EXEC, MAP_SHARED_FLAG, VM_MAYWRITE, VM_LOCKED } from "./vma";
import { walk, unmapPage, PTE_P, PTE_W, PTE_U } from "./vm";
import { tlbInvalidate } from "./tlb";
import { handleFault, ptePermsFor, putUserPage, pteFlagsFor } from "./fault";
import { setBrk } from "./brk";
import { fdGet, fileAt, FT_INODE, FT_NETMAP, FT_PACKET, O_ACCMODE, O_WRONLY, O_RDWR } from "./file";
import { netmapMmap } from "./net/netmap";
import { pktMmap } from "./net/pktring";
import { poolPage, poolHold } from "./net/pool";
import { kget } from "./kalloc";
import { isDir } from "./dir";
import { iget } from "./inode";
import { shmCreate, shmPut } from "./shmem";
import { pcSync, pcFind } from "./pagecache";
import { copyToUser } from "./copy";
import { fdArg } from "./sysarg";

import { MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS, MAP_NORESERVE, MAP_POPULATE, MAP_FIXED_NOREPLACE, MS_ASYNC,
  MS_INVALIDATE, MS_SYNC, MADV_DONTNEED, MAP_LOCKED } from "./abi/mman";
import { lockNew } from "./mlock";
export { MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS, MAP_NORESERVE, MAP_POPULATE, MAP_FIXED_NOREPLACE };
const MAP_KNOWN: u32 = MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE | MAP_POPULATE | MAP_FIXED_NOREPLACE | MAP_LOCKED;
const PROT_ALL: u32 = PROT_READ | PROT_WRITE | PROT_EXEC;
const MAX_LFS_FILESIZE: u64 = <u64>i64.MAX_VALUE;   // the largest offset a file mapping may reach

@inline function aligned(a: u64): bool { return (a & (PAGE_SIZE - 1)) == 0; }

// The table's entries (syscall.ts): the six raw arguments in, narrowed and checked here.
export function sys_brk(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysBrk(curProc(), <u64>a0);
}
export function sys_mmap(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMmap(curProc(), <u64>a0, <u64>a1, <u32>a2, <u32>a3, fdArg(a4), a5);
}
export function sys_munmap(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMunmap(curProc(), <u64>a0, <u64>a1);
}
export function sys_mprotect(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMprotect(curProc(), <u64>a0, <u64>a1, <u32>a2);
}
export function sys_msync(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMsync(curProc(), <u64>a0, <u64>a1, <u32>a2);
}
export function sys_madvise(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMadvise(curProc(), <u64>a0, <u64>a1, <u32>a2);
}
export function sys_mincore(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMincore(curProc(), <u64>a0, <u64>a1, <u64>a2);
}

// Linux returns the (possibly unchanged) break; failure shows as the old value.
function sysBrk(p: Proc, addr: u64): i64 {
  if (addr != 0) setBrk(p, addr);
  return p.brk;
}

export function heapEnd(p: Proc): u32 {
  for (let i: u32 = 0; i < p.nvma; i++) if (vmaAt(p, i).kind == VMA_HEAP) return vmaAt(p, i).end;
  return 0;
}

function sysMmap(p: Proc, addr: u64, len: u64, prot: u32, flags: u32, fd: i32, off: i64): i64 {
  if (len == 0 || (flags & ~MAP_KNOWN) || (prot & ~PROT_ALL)) return -Errno.EINVAL;
  if (!(flags & (MAP_SHARED | MAP_PRIVATE)) || !aligned(<u64>off)) return -Errno.EINVAL;
  if (!userRange(0, len, ARG_BASE)) return -Errno.ENOMEM;      // longer than the address space
  const size = pageUp(len);
  if (!(flags & MAP_ANONYMOUS) && poolKind(p, fd) != 0) return mmapPool(p, addr, size, prot, flags, fdGet(p, fd), <u64>off);
  let ino: u32 = 0;
  let vmflags: u32 = VM_MAYWRITE | ((flags & MAP_SHARED) ? MAP_SHARED_FLAG : 0);
  if (!(flags & MAP_ANONYMOUS)) {
    const r = mappableFile(p, fd, prot, flags);
    if (r < 0) return r;
    if (<u64>off > MAX_LFS_FILESIZE - size) return -Errno.EOVERFLOW;
    ino = <u32>r;
    if ((flags & MAP_SHARED) && !fdWritable(p, fd)) vmflags &= ~VM_MAYWRITE;
  }
  const at = placeRegion(p, addr, size, flags);
  if (at < 0) return at;
  const start = <u64>at;
  // MAP_SHARED|MAP_ANONYMOUS: an object of its own holds the pages, shared by every process that
  // inherits the region (shmem.ts), created before the region so a failure leaves nothing behind
  const shm = ino == 0 && (flags & MAP_SHARED) ? shmCreate() : 0;
  if (ino == 0 && (flags & MAP_SHARED) && shm == 0) return -Errno.ENOMEM;
  const v = vmaInsert(p, <u32>start, <u32>(start + size), prot, vmflags, ino ? VMA_FILE : VMA_ANON);
  if (!v) { if (shm) shmPut(shm); return -Errno.ENOMEM; }
  if (ino) { v.file = ino; v.pgoff = <u64>off >>> PAGE_SHIFT; iget(ino); }
  else v.file = shm;
  if ((flags & MAP_POPULATE) && !populate(p, <u32>start, <u32>(start + size), false)) {
    unmapRange(p, <u32>start, <u32>(start + size));
    return -Errno.ENOMEM;                  // no frame even after reclaim and the OOM killer
  }
  if ((flags & MAP_LOCKED) || p.mlockFuture) lockNew(p, <u32>start, <u32>(start + size));
  return <i64>start;
}

// Where a new region of `size` bytes goes: MAP_FIXED's address (what was there unmapped), or the
// highest free gap; -errno.
function placeRegion(p: Proc, addr: u64, size: u64, flags: u32): i64 {
  if (!(flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))) {
    const start = vmaFreeGap(p, <u32>size, heapEnd(p));
    return start == 0 ? -Errno.ENOMEM : <i64>start;
  }
  if (!aligned(addr)) return -Errno.EINVAL;
  if (!userRange(addr, size, ARG_BASE)) return -Errno.ENOMEM;
  if ((flags & MAP_FIXED_NOREPLACE) && overlaps(p, <u32>addr, <u32>(addr + size))) return -Errno.EEXIST;
  if (!unmapRange(p, <u32>addr, <u32>(addr + size))) return -Errno.ENOMEM;
  return <i64>addr;
}

// The pool kind behind fd: netmap's region (/dev/netmap), a packet socket's ring; 0: neither.
function poolKind(p: Proc, fd: i32): u32 {
  const fi = fdGet(p, fd);
  if (fi < 0) return 0;
  const t = fileAt(fi).type;
  return t == FT_NETMAP ? VMA_NETMAP : t == FT_PACKET ? VMA_PKTPOOL : 0;
}

// A kernel-owned pool (net/pool.ts): its own frames, mapped at once (Linux's remap_pfn_range),
// MAP_SHARED only; a range past the pool is EINVAL (netmap_mmap_single, packet_mmap), so the
// mapping reaches nothing else.
function mmapPool(p: Proc, addr: u64, size: u64, prot: u32, flags: u32, fi: i32, off: u64): i64 {
  if (!(flags & MAP_SHARED)) return -Errno.EINVAL;
  const kind = fileAt(fi).type == FT_NETMAP ? VMA_NETMAP : VMA_PKTPOOL;
  const gen = kind == VMA_NETMAP ? netmapMmap(p, fi, size, off) : pktMmap(fi, size, off);
  if (gen < 0) return gen;
  const at = placeRegion(p, addr, size, flags);
  if (at < 0) return at;
  const start = <u32>at, end = <u32>(<u64>at + size);
  const v = vmaInsert(p, start, end, prot, MAP_SHARED_FLAG | VM_MAYWRITE, kind);
  if (!v) return -Errno.ENOMEM;
  v.file = <u32>gen; v.pgoff = off >>> PAGE_SHIFT;
  poolHold(kind, <u32>gen);
  for (let a = start; a < end; a += PAGE_SIZE) {
    const pte = walk(p.pgdir, a, true);
    if (pte == 0) { unmapRange(p, start, end); return -Errno.ENOMEM; }
    const f = poolPage(kind, <u32>gen, <u32>(off >>> PAGE_SHIFT) + ((a - start) >>> PAGE_SHIFT));
    kget(f);
    store<u32>(pte, (f << PAGE_SHIFT) | pteFlagsFor(prot) | PTE_P);
  }
  return at;
}

// The inode behind `fd` if it may be mapped with `prot`/`flags`, else -errno (Linux's checks).
function mappableFile(p: Proc, fd: i32, prot: u32, flags: u32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (f.type != FT_INODE) return -Errno.ENODEV;
  if (isDir(f.ino)) return -Errno.ENODEV;
  const mode = f.flags & O_ACCMODE;
  if (mode == O_WRONLY) return -Errno.EACCES;
  if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && mode != O_RDWR) return -Errno.EACCES;
  return f.ino;
}

// A shared mapping may become writable only if its file was opened for reading and writing.
function fdWritable(p: Proc, fd: i32): bool {
  return (fileAt(fdGet(p, fd)).flags & O_ACCMODE) == O_RDWR;
}

function overlaps(p: Proc, start: u32, end: u32): bool {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.start < end && v.end > start) return true;
  }
  return false;
}

// Fault the pages in; false when memory ran out (other failures just stop it, as Linux's populate).
export function populate(p: Proc, start: u32, end: u32, write: bool): bool {
  for (let a = <u64>start; a < <u64>end; a += PAGE_SIZE) {
    const sig = handleFault(p, <u32>a, write, false);
    if (sig != 0) return sig != Sig.SIGKILL;
  }
  return true;
}

// Drop every page in [start, end) and the regions' parts there; false (nothing changed) when a
// region would have to be split and the region table is full.
export function unmapRange(p: Proc, start: u32, end: u32): bool {
  if (!vmaRemoveFits(p, start, end)) return false;
  for (let a = <u64>start; a < <u64>end; a += PAGE_SIZE) {
    const f = unmapPage(p.pgdir, <u32>a);
    if (f) { putUserPage(f); tlbInvalidate(<u32>a); }
  }
  return vmaRemove(p, start, end);
}

function sysMunmap(p: Proc, addr: u64, len: u64): i64 {
  if (!userRange(addr, len)) return -Errno.EINVAL;
  const end = addr + pageUp(len);
  syncShared(p, <u32>addr, <u32>end);      // stores through a shared mapping reach the disk
  return unmapRange(p, <u32>addr, <u32>end) ? 0 : -Errno.ENOMEM;
}

// Write back the files behind the MAP_SHARED regions overlapping [start, end).
function syncShared(p: Proc, start: u32, end: u32): i32 {
  let err = 0;
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.kind != VMA_FILE || !(v.flags & MAP_SHARED) || v.end <= start || v.start >= end) continue;
    const r = pcSync(v.file);
    if (r < 0) err = r;
  }
  return err;
}


function sysMsync(p: Proc, addr: u64, len: u64, flags: u32): i64 {
  if (!aligned(addr) || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))) return -Errno.EINVAL;
  if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return -Errno.EINVAL;
  if (len == 0) return 0;
  if (!userRange(addr, len)) return -Errno.ENOMEM;
  const end = addr + pageUp(len);
  if (!vmaCovers(p, <u32>addr, <u32>end)) return -Errno.ENOMEM;
  if (!(flags & MS_SYNC)) return 0;       // MS_ASYNC: dirty pages are already in the page cache
  return syncShared(p, <u32>addr, <u32>end) < 0 ? -Errno.EIO : 0;
}


function sysMadvise(p: Proc, addr: u64, len: u64, advice: u32): i64 {
  if (!aligned(addr)) return -Errno.EINVAL;
  if (advice > 4 && advice != 8 && advice != 9 && advice != 10 && advice != 11 && advice != 14 && advice != 15) return -Errno.EINVAL;
  if (len == 0) return 0;
  if (!userRange(addr, len)) return -Errno.EINVAL;
  const end = addr + pageUp(len);
  if (!vmaCovers(p, <u32>addr, <u32>end)) return -Errno.ENOMEM;
  if (advice != MADV_DONTNEED) return 0;  // hints: accepted, no effect
  if (lockedIn(p, <u32>addr, <u32>end)) return -Errno.EINVAL;   // locked pages stay (Linux's madvise_dontneed_free_valid_vma)
  for (let a = addr; a < end; a += PAGE_SIZE) {
    const f = unmapPage(p.pgdir, <u32>a);
    if (f) { putUserPage(f); tlbInvalidate(<u32>a); }
  }
  return 0;
}

function lockedIn(p: Proc, start: u32, end: u32): bool {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    if (v.end > start && v.start < end && (v.flags & VM_LOCKED)) return true;
  }
  return false;
}

// One byte per page: 1 if the page is resident (mapped, or a file page in the page cache).
function sysMincore(p: Proc, addr: u64, len: u64, vec64: u64): i64 {
  if (!aligned(addr)) return -Errno.EINVAL;
  if (len == 0) return 0;
  if (!userRange(addr, len)) return -Errno.ENOMEM;
  const end = addr + pageUp(len);
  if (!vmaCovers(p, <u32>addr, <u32>end)) return -Errno.ENOMEM;
  if (vec64 > 0xffffffff) return -Errno.EFAULT;      // not a wasm32 address (never cut to 32 bits)
  const vec = <u32>vec64;
  const n = <u32>((end - addr) >>> PAGE_SHIFT);
  for (let i: u32 = 0; i < n; i++) {
    const va = <u32>addr + (i << PAGE_SHIFT);
    const pte = walk(p.pgdir, va, false);
    let res: u8 = pte != 0 && (load<u32>(pte) & PTE_P) ? 1 : 0;
    const v = vmaFind(p, va);
    if (!res && v && v.kind == VMA_FILE) res = pcFind(v.file, <u32>(v.pgoff + ((va - v.start) >>> PAGE_SHIFT))) != 0 ? 1 : 0;
    store<u8>(mincoreBuf + (i & 255), res);
    if ((i & 255) == 255 || i == n - 1) {
      const chunk = (i & 255) + 1;
      if (copyToUser(p, vec + i + 1 - chunk, mincoreBuf, chunk) < 0) return -Errno.EFAULT;
    }
  }
  return 0;
}
const mincoreBuf: usize = memory.data(256);

function sysMprotect(p: Proc, addr: u64, len: u64, prot: u32): i64 {
  if (!aligned(addr) || (prot & ~PROT_ALL)) return -Errno.EINVAL;
  if (len == 0) return 0;
  if (!userRange(addr, len)) return -Errno.ENOMEM;
  const end = addr + pageUp(len);
  if (!vmaCovers(p, <u32>addr, <u32>end)) return -Errno.ENOMEM;
  if ((prot & PROT_WRITE) && !vmaMayWrite(p, <u32>addr, <u32>end)) return -Errno.EACCES;
  const ok = vmaProtect(p, <u32>addr, <u32>end, prot);   // false: stopped midway, no slot to split
  for (let a = addr; a < end; a += PAGE_SIZE) reprotect(p, <u32>a);   // the PTEs follow, even then
  return ok ? 0 : -Errno.ENOMEM;
}

// Present PTEs take the region's new protection (a copy-on-write page stays write-protected).
function reprotect(p: Proc, va: u32): void {
  const pte = walk(p.pgdir, va, false);
  if (pte == 0) return;
  const e = load<u32>(pte);
  if (!(e & PTE_P)) return;
  store<u32>(pte, (e & ~(PTE_W | PTE_U)) | ptePermsFor(vmaFind(p, va)!, e));
  tlbInvalidate(va);
}
