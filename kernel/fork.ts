// fork (clone with SIGCHLD): the child gets a copy of the parent's address space in which every
// page of a private region is shared read-only with the copy-on-write bit set in both, whatever the
// region's current protection (Linux's is_cow_mapping: VM_MAYWRITE, so a later mprotect(PROT_WRITE)
// cannot open the shared frame); the first store on either side takes a cow fault and copies it. Shared mappings stay shared. The fd table is
// copied with the open files shared. The host then copies the guest's globals into a new instance
// for the child and the kernel copies the asyncify save area: fork returns the child's pid in the
// parent, 0 in the child. No pid, or fewer than PROC_RESERVE frames free even after reclaim (room
// for the child's record, save area, page tables and the copy-on-write faults that follow): EAGAIN,
// so fork fails before the OOM killer has to act; no memory for the page tables: ENOMEM (Linux's dup_mm).
// Interface: sysClone(p, flags) (syscall), forkPending(pid) -> child pid, forkDone(parent, child)
// -> 0 or -EAGAIN (the child is gone, the parent's fork returns EAGAIN).
import { Errno } from "./abi/errno";
import { Sig } from "./abi/signals";
import { NOFILE } from "./param";
import { Proc, procAlloc, procByPid, procFree, CWD_OFF, ZOMBIE } from "./proc";
import { sleepOn, resumeWith } from "./sleep";
import { vmaAt, vmaHold, isCowMapping, VM_LOCKED } from "./vma";
import { walk, pgdirAlloc, PTE_P, PTE_W, PTE_COW, ptePfn, PT_SPAN } from "./vm";
import { frame, kget } from "./kalloc";
import { Owner, PAGE_SIZE } from "./abi/layout";
import { fdGet, fdSet, fdClear, fdCloexec, fileDup, fileClose } from "./file";
import { iget, iput } from "./inode";
import { kstackCopy } from "./kstack";
import { tlbFlush } from "./tlb";
import { uvmFree } from "./exit";
import { sigForkCopy } from "./signal";
import { PATH_MAX, PROC_RESERVE } from "./param";
import { haveFrames } from "./oom";

export const FORK_CHAN: u32 = 0xffff0003;
const CLONE_FLAGS_SIGCHLD: u32 = Sig.SIGCHLD;

export function sysClone(p: Proc, flags: u64): i64 {
  if (flags != <u64>CLONE_FLAGS_SIGCHLD) return -Errno.EINVAL;   // only fork semantics
  const c = haveFrames(PROC_RESERVE) ? procAlloc() : null;
  if (!c) return -Errno.EAGAIN;
  c.ppid = p.pid;
  c.pgdir = pgdirAlloc();
  if (c.pgdir == 0 || !copyMemory(p, c)) { dropChild(c); return -Errno.ENOMEM; }
  tlbFlush();                                  // the parent's writable entries are now read-only
  copyFiles(p, c);
  c.brk = p.brk; c.brkMin = p.brkMin; c.brkMax = p.brkMax;
  c.cwd = p.cwd; if (c.cwd) iget(c.cwd);
  c.cwdLen = p.cwdLen; c.cwdNode = p.cwdNode;
  c.rlimCpuCur = p.rlimCpuCur; c.rlimCpuMax = p.rlimCpuMax;
  sigForkCopy(p, c);                           // actions, mask, process group
  c.sid = p.sid;                               // the same session
  c.umask = p.umask;
  memory.copy(changetype<usize>(c) + CWD_OFF, changetype<usize>(p) + CWD_OFF, PATH_MAX);
  p.forkChild = c.pid;
  return sleepOn(p, FORK_CHAN);                // the host copies the guest, then forkDone
}

// Page tables: every present page shared; private regions' become read-only + COW on both sides.
function copyMemory(p: Proc, c: Proc): bool {
  for (let i: u32 = 0; i < p.nvma; i++) {
    const v = vmaAt(p, i);
    memory.copy(changetype<usize>(vmaAt(c, i)), changetype<usize>(v), 32);
    vmaAt(c, i).flags &= ~VM_LOCKED;              // memory locks are not inherited (Linux's fork)
    vmaHold(v);
    c.nvma = i + 1;
    const cow = isCowMapping(v);
    for (let a = <u64>v.start; a < <u64>v.end; a += PAGE_SIZE) {
      const pte = walk(p.pgdir, <u32>a, false);
      if (pte == 0) { a |= <u64>(PT_SPAN - 1); continue; }   // no page table: skip the span it would map
      let e = load<u32>(pte);
      if (!(e & PTE_P)) continue;
      // LAB(cow) BEGIN
      if (cow) { e = (e & ~PTE_W) | PTE_COW; store<u32>(pte, e); }
      // LAB(cow) ELSE
      // if (cow) { if (!copyPage(c, <u32>a, e)) return false; continue; }   // TODO(cow): share the page, copy it at the first store
      // LAB(cow) END
      const cp = walk(c.pgdir, <u32>a, true);
      if (cp == 0) return false;
      store<u32>(cp, e);
      const pfn = ptePfn(e);
      kget(pfn);
      if (frame(pfn).owner == Owner.pagecache) frame(pfn).mapcount++;
    }
  }
  return true;
}

// LAB(cow) BEGIN
// LAB(cow) ELSE
// // Give the child its own copy of the page `e` maps at `va` (fork before copy-on-write, as xv6's uvmcopy).
// function copyPage(c: Proc, va: u32, e: u32): bool {
//   const cp = walk(c.pgdir, va, true);
//   const f = cp == 0 ? 0 : allocFrame(Owner.anon);
//   if (f == 0) return false;
//   frame(f).data = c.pid;
//   memory.copy(pa(f), pteAddr(e), PAGE_SIZE);
//   countCopy(Routine.cow_copy, <u64>pteAddr(e), <u64>pa(f), PAGE_SIZE, Place.frame, Place.frame);
//   store<u32>(cp, (f << PAGE_SHIFT) | (e & ~PAGE_MASK));   // the same permissions, its own frame
//   return true;
// }
// import { allocFrame } from "./pagecache";
// import { countCopy } from "./copy";
// import { pa } from "./kalloc";
// import { pteAddr } from "./vm";
// import { Routine, Place } from "./abi/trace";
// import { PAGE_SHIFT, PAGE_MASK } from "./abi/layout";
// LAB(cow) END

function copyFiles(p: Proc, c: Proc): void {
  for (let fd = 0; fd < NOFILE; fd++) {
    const f = fdGet(p, fd);
    if (f < 0) continue;
    fileDup(f);
    fdSet(c, fd, f, fdCloexec(p, fd));
  }
}

export function forkPending(pid: u32): u32 { const p = procByPid(pid); return p ? p.forkChild : 0; }

// The host built the child's instance: both return from fork when they run next.
export function forkDone(parent: u32, child: u32): i32 {
  const p = procByPid(parent), c = procByPid(child);
  if (!c) return -Errno.ESRCH;
  if (!p || p.state == ZOMBIE) { dropChild(c); return -Errno.ESRCH; }   // the parent died meanwhile
  p.forkChild = 0;
  if (!kstackCopy(c, p)) { dropChild(c); resumeWith(p, -Errno.EAGAIN); return -Errno.EAGAIN; }
  resumeWith(p, child);
  resumeWith(c, 0);
  c.sysSeq = p.sysSeq;
  return 0;
}

// Undo a fork that could not finish: the child never ran, nobody waits for it.
function dropChild(c: Proc): void {
  for (let fd = 0; fd < NOFILE; fd++) {
    const f = fdGet(c, fd);
    if (f >= 0) { fileClose(f); fdClear(c, fd); }
  }
  uvmFree(c);
  if (c.cwd != 0) { iput(c.cwd); c.cwd = 0; }
  procFree(c);
}
