// Program loading, driven by the host's loader: a new process, its address space (heap region for
// the wasm memory, argument block), the data segments copied in through a staging buffer, then ready.
// Every byte copied in is a CPU copy attributed to execve.
// Interface: stageInit(addr), stageAddr(), procCreate(ppid) -> pid, execSetup(pid, initialPages,
// maxPages) -> 0 or -errno, execLoad(pid, va, len), execArgs(pid, len), procStart(pid).
import { Errno } from "./abi/errno";
import { Sys } from "./abi/syscalls";
import { WASM_PAGE, PAGE_SIZE, ARG_BASE, USER_TOP } from "./abi/layout";
import { STAGE_SIZE, PROC_RESERVE, UMASK_INIT } from "./param";
import { haveFrames } from "./oom";
import { Routine } from "./abi/trace";
import { Proc, procAlloc, procByPid, procFree, EMBRYO, RUNNABLE } from "./proc";
import { pgdirAlloc, walk, PTE_P, PTE_W } from "./vm";
import { vmaInsert, vmaFind, VMA_HEAP, VMA_ARGS, PROT_READ, PROT_WRITE, VM_MAYWRITE } from "./vma";
import { tlbInvalidate } from "./tlb";
import { fileAlloc, fileAt, fdSet, FT_CONSOLE, O_RDONLY, O_WRONLY } from "./file";
import { copyToUser } from "./copy";
import { setCurSys } from "./stats";
import { fsMounted } from "./fs";
import { iget } from "./inode";
import { ROOT_INO } from "./abi/fs";
import { nextSeq, setCause } from "./trace";
import { ttyClaim } from "./tty";

let stage: usize = 0;   // STAGE_SIZE bytes the host fills before execLoad / execArgs
export function stageInit(a: usize): void { stage = a; }
export function stageAddr(): usize { return stage; }

// A new process with fds 0, 1, 2 on the console; 0 when the table or memory is full.
export function procCreate(ppid: u32): u32 {
  const p = haveFrames(PROC_RESERVE) ? procAlloc() : null;
  if (!p) return 0;
  p.ppid = ppid;
  p.pgid = p.pid; p.sid = p.pid;                       // a session leader (the host is its init)
  p.umask = UMASK_INIT;
  ttyClaim(p);                                         // the console becomes its controlling terminal
  if (fsMounted() && iget(ROOT_INO)) p.cwd = ROOT_INO;   // else cwd 0: the root too
  p.pgdir = pgdirAlloc();
  if (p.pgdir == 0) { procFree(p); return 0; }
  for (let fd: u32 = 0; fd < 3; fd++) {
    const f = fileAlloc(FT_CONSOLE, fd == 0 ? O_RDONLY : O_WRONLY);
    if (f < 0) return 0;
    fileAt(f).ino = fd;
    fdSet(p, fd, f, false);
  }
  return p.pid;
}

function embryo(pid: u32): Proc | null {
  const p = procByPid(pid);
  return p && p.state == EMBRYO ? p : null;
}

export function execSetup(pid: u32, initialPages: u32, maxPages: u32): i32 {
  const p = embryo(pid);
  if (!p) return -Errno.ESRCH;
  const heap = <u64>initialPages * WASM_PAGE;
  if (heap >= <u64>ARG_BASE) return -Errno.ENOMEM;
  if (!vmaInsert(p, 0, <u32>heap, PROT_READ | PROT_WRITE, VM_MAYWRITE, VMA_HEAP)) return -Errno.ENOMEM;
  if (!vmaInsert(p, ARG_BASE, USER_TOP, PROT_READ, VM_MAYWRITE, VMA_ARGS)) return -Errno.ENOMEM;
  p.brk = p.brkMin = <u32>heap;
  p.brkMax = maxPages == 0 ? 0 : <u32>min(<u64>maxPages * WASM_PAGE, <u64>ARG_BASE);
  return 0;
}

// Copy `len` staged bytes to `va` in process `pid` (a data segment or the argument block).
export function execLoad(pid: u32, va: u32, len: u32): i32 {
  const p = embryo(pid);
  if (!p) return -Errno.ESRCH;
  if (len > <u32>STAGE_SIZE) return -Errno.E2BIG;
  setCurSys(Sys.execve); setCause(nextSeq());
  const r = copyToUser(p, va, stage, len, Routine.exec_load);
  setCurSys(-1); setCause(0);
  return r < 0 ? -Errno.EFAULT : 0;
}

// The argument block is read-only for the program (layout.ts): the kernel fills it through the
// region made writable for the copy, then write-protects the region and its pages again.
export function execArgs(pid: u32, len: u32): i32 {
  if (len > USER_TOP - ARG_BASE) return -Errno.E2BIG;
  const p = embryo(pid);
  if (!p) return -Errno.ESRCH;
  const v = vmaFind(p, ARG_BASE);
  if (!v) return -Errno.EFAULT;
  v.prot = PROT_READ | PROT_WRITE;
  const r = execLoad(pid, ARG_BASE, len);
  v.prot = PROT_READ;
  for (let a: u32 = ARG_BASE; a < USER_TOP; a += PAGE_SIZE) {
    const pte = walk(p.pgdir, a, false);
    if (pte != 0 && (load<u32>(pte) & PTE_P)) { store<u32>(pte, load<u32>(pte) & ~PTE_W); tlbInvalidate(a); }
  }
  return r;
}

export function procStart(pid: u32): i32 {
  const p = embryo(pid);
  if (!p) return -Errno.ESRCH;
  p.state = RUNNABLE;
  return 0;
}
