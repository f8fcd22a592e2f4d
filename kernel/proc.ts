// Process table. Each process: pid, state, address space (page directory + mapped regions),
// open files, its asyncify save area (a fixed kernel-area slot), sleep channel. Records live in the kernel area at PROC_BASE.
//
//   process record (PROC_SIZE bytes)
//   +-----+------+-------+--------+--------+-------+-----+--------+-------+--------+--------+------+
//   | pid | ppid | state | status | killed | pgdir | brk | brkMin | chan  | wakeAt | slot   | ...  |
//   +-----+------+-------+--------+--------+-------+-----+--------+-------+--------+--------+------+
//   then fds[NOFILE] (u32: file index + 1, bit 31 = close-on-exec), vmas[NVMA] (vma.ts), name[32]
//
// Interface: Proc, procInit, procAlloc() -> Proc | null, procByPid(pid), procSlot(i), procFree(p),
// kstackAddr(p), liveCount(). Process groups and sessions: session.ts. Sleeping and waking: sleep.ts.
import { PROC_BASE } from "./abi/layout";
import { ProcState } from "./abi/records";
import { NPROC, PROC_SIZE, NOFILE, NVMA } from "./param";
import { KSTACK_SIZE } from "./param";

export const UNUSED: u32 = ProcState.unused;
export const EMBRYO: u32 = ProcState.embryo;    // being loaded
export const RUNNABLE: u32 = ProcState.runnable;
export const RUNNING: u32 = ProcState.running;
export const SLEEPING: u32 = ProcState.sleeping;
export const ZOMBIE: u32 = ProcState.zombie;

@unmanaged export class Proc {
  pid: u32;
  ppid: u32;
  state: u32;
  status: i32;       // wait status once ZOMBIE (Linux encoding: code << 8 | signal)
  killed: u32;       // pending fatal signal (0: none)
  pgdir: u32;        // physical address of the page directory
  brk: u32;          // program break: end of the wasm memory (heap)
  brkMin: u32;       // break at exec (initial memory size)
  brkMax: u32;       // upper bound from the module's max memory (0: none)
  chan: u32;         // sleep channel (0: not sleeping on one)
  wakeAt: u64;       // virtual time to wake (0: none)
  slot: u32;         // index in the table (selects the save area)
  restart: u32;      // RESTART_* (sleep.ts): how the call in progress goes on when it runs again
  retval: i64;       // result to return when restart == RESTART_RETURN
  sysSeq: u32;       // trace seq of the syscall in progress
  resuming: u32;     // 1: host is rewinding this guest (sleep.ts beginRewind/endRewind)
  nvma: u32;
  userNs: u64;
  sysNs: u64;
  waitPid: i32;      // wait4 target while sleeping in wait4
  execIno: u32;      // execve in progress: the program's inode (the host loads it)
  execLen: u32;      // ... and the size of the argument block left in the staging buffer
  partial: u32;      // bytes a blocking transfer moved before it slept (sleep.ts progress)
  forkChild: u32;    // fork in progress: the child's pid (the host copies the guest's state)
  cwd: u32;          // working directory inode (0: none mounted)
  cwdLen: u32;       // length of the working directory path at CWD_OFF
  rlimCpuCur: u64;   // RLIMIT_CPU soft limit, seconds (rlimit.ts; RLIM_INFINITY: none)
  rlimCpuMax: u64;   // ... and hard limit
  pollAt: u64;       // ppoll/pselect6/poll_oneoff in progress: its deadline (poll.ts; 0: none)
  pollTty: u32;      // ... and it waits for console input (the host's real-time loop asks ttyWaiting)
  pgid: u32;         // process group (session.ts): inherited across fork
  sid: u32;          // session: inherited across fork; setsid starts one
  execed: u32;       // 1 once it called execve (setpgid on it from its parent: EACCES)
}

export const FDS_OFF: usize = 320;    // the fields above end before this (room left for more)
export const VMAS_OFF: usize = FDS_OFF + <usize>NOFILE * 4;
export const VMA_SIZE: usize = 32;
export const NAME_OFF: usize = VMAS_OFF + <usize>NVMA * VMA_SIZE;
export const NAME_LEN: usize = 32;
export const CWD_OFF: usize = NAME_OFF + NAME_LEN;   // PATH_MAX bytes: the working directory's path

let nextPid: u32 = 1;
let kstackBase: usize = 0;   // NPROC save areas, laid out at boot


@inline export function procSlot(i: i32): Proc {
  return changetype<Proc>(PROC_BASE + <usize>i * PROC_SIZE);
}

export function procInit(saveAreas: usize): void {
  kstackBase = saveAreas;
  memory.fill(PROC_BASE, 0, <usize>NPROC * PROC_SIZE);
  nextPid = 1;
}

// Is `id` a live process's pid, process group or session? (A new pid must not name an old group.)
function idInUse(id: u32): bool {
  for (let i = 0; i < NPROC; i++) {
    const p = procSlot(i);
    if (p.state != UNUSED && (p.pid == id || p.pgid == id || p.sid == id)) return true;
  }
  return false;
}

function newPid(): u32 {
  while (nextPid == 0 || idInUse(nextPid)) nextPid++;
  return nextPid++;
}

// A fresh EMBRYO record with a pid and a save area, or null when the table or memory is full.
export function procAlloc(): Proc | null {
  for (let i = 0; i < NPROC; i++) {
    const p = procSlot(i);
    if (p.state != UNUSED) continue;
    memory.fill(changetype<usize>(p), 0, PROC_SIZE);
    p.slot = i;
    p.pid = newPid();
    p.state = EMBRYO;
    p.rlimCpuCur = U64.MAX_VALUE;      // RLIM_INFINITY: no CPU-time limit
    p.rlimCpuMax = U64.MAX_VALUE;
    return p;
  }
  return null;
}

// Each slot has a fixed save area in the kernel area (KSTACK_SIZE bytes), never user-mappable.
export function kstackAddr(p: Proc): usize { return kstackBase + <usize>p.slot * KSTACK_SIZE; }

// Release the record itself (after wait4 reaped it).
export function procFree(p: Proc): void {
  memory.fill(changetype<usize>(p), 0, PROC_SIZE);
}

export function procByPid(pid: u32): Proc | null {
  if (pid == 0) return null;
  for (let i = 0; i < NPROC; i++) {
    const p = procSlot(i);
    if (p.state != UNUSED && p.pid == pid) return p;
  }
  return null;
}

export function liveCount(): i32 {
  let n = 0;
  for (let i = 0; i < NPROC; i++) {
    const s = procSlot(i).state;
    if (s != UNUSED && s != ZOMBIE) n++;
  }
  return n;
}
