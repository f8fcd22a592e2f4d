// Memory management: the heap break and mappings. Each returns the raw result or -errno;
// mmap returns the mapped address (as i64, so a 32-bit address is never mistaken for -errno).
//
// Interface:
//   brk(addr)                       set the break; brk(0) returns the current one
//   mmap munmap mremap mprotect     map, unmap, move, protect (PROT_*, MAP_* in uapi/mman.ts)
//   msync madvise mincore mlock munlock mlockall munlockall
//   mmapAnon(len)                   a private anonymous read-write mapping

import { Sys } from "../../kernel/abi/syscalls";
import { syscall0, syscall1, syscall2, syscall3, syscall5, syscall6 } from "./syscall";
import { PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS } from "./uapi/mman";

/** Linux's raw brk: returns the new break, or the old one if the request failed. */
export function brk(addr: usize): i64 {
  return syscall1(Sys.brk, addr);
}

export function mmap(addr: usize, len: usize, prot: i32, flags: i32, fd: i32, offset: i64): i64 {
  return syscall6(Sys.mmap, addr, len, prot, flags, fd, offset);
}

export function munmap(addr: usize, len: usize): i64 {
  return syscall2(Sys.munmap, addr, len);
}

export function mremap(oldAddr: usize, oldLen: usize, newLen: usize, flags: i32, newAddr: usize = 0): i64 {
  return syscall5(Sys.mremap, oldAddr, oldLen, newLen, flags, newAddr);
}

export function mprotect(addr: usize, len: usize, prot: i32): i64 {
  return syscall3(Sys.mprotect, addr, len, prot);
}

/** flags MS_ASYNC or MS_SYNC, optionally MS_INVALIDATE. */
export function msync(addr: usize, len: usize, flags: i32): i64 {
  return syscall3(Sys.msync, addr, len, flags);
}

/** advice is MADV_*. */
export function madvise(addr: usize, len: usize, advice: i32): i64 {
  return syscall3(Sys.madvise, addr, len, advice);
}

/** vec receives one byte per page: bit 0 set if the page is resident. */
export function mincore(addr: usize, len: usize, vec: usize): i64 {
  return syscall3(Sys.mincore, addr, len, vec);
}

export function mlock(addr: usize, len: usize): i64 {
  return syscall2(Sys.mlock, addr, len);
}

export function munlock(addr: usize, len: usize): i64 {
  return syscall2(Sys.munlock, addr, len);
}

/** A private anonymous read-write mapping of len bytes anywhere. */
export function mmapAnon(len: usize): i64 {
  return mmap(0, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/** flags: MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT (uapi/mman.ts). */
export function mlockall(flags: i32): i64 {
  return syscall1(Sys.mlockall, flags);
}

export function munlockall(): i64 {
  return syscall0(Sys.munlockall);
}
