// Process table. Each process: pid, state, address space (page directory + mapped regions),
// open files, its asyncify save area (kstack.ts), sleep channel. The table grows with demand: each
// record is a frame (Owner.proc) allocated at fork and freed when the process is reaped; slots
// (record addresses) are u32s in slot pages (Owner.proc too), allocated as the table grows and freed
// once their slots are all empty. A new process takes the lowest free slot; pids come from pid.ts.
//
//   process record (PROC_SIZE bytes, one frame)
//   +-----+------+-------+--------+--------+-------+-----+--------+-------+--------+--------+------+
//   | pid | ppid | state | status | killed | pgdir | brk | brkMin | chan  | wakeAt | slot   | ...  |
//   +-----+------+-------+--------+--------+-------+-----+--------+-------+--------+--------+------+
//   then fds[NOFILE] (u32: file index + 1, bit 31 = close-on-exec), vmas[NVMA] (vma.ts), name[32],
//   the working directory's path[PATH_MAX], then the tail (TAIL_OFF):
//   +------------+--------------------------------+---------+-------------+
//   | pid-hash   | save-area frames               | (pad)   | poll start  |   TAIL_LEN bytes,
//   | next (u32) | KSTACK_PAGES x u32 pfn (0:none)|         | (u64, wasi) |   then helper sig's area
//   +------------+--------------------------------+---------+-------------+
//
//   slot directory (static)       slot pages (frames)            records (frames)
//   [pfn, pfn, 0, ...] ---------> [rec, rec, 0, rec, ...] -----> Proc
//
// Interface: Proc, procInit(), procAlloc() -> Proc | null, procFree(p), procByPid(pid),
// procSlots() (slots to scan: one past the highest in use), procAt(i) -> Proc | null (null: an
// empty slot), procCount(), liveCount(). Process groups and sessions: session.ts. Sleeping and waking: sleep.ts; pids: pid.ts.
import { Owner, PAGE_SIZE } from "./abi/layout";
import { ProcState } from "./abi/records";
import { PROC_SIZE, NOFILE, NVMA, PATH_MAX, PID_MAX, KSTACK_PAGES } from "./param";
import { kalloc, kput, pa, pfnOf } from "./kalloc";
import { allocPid, pidInit, pidHashAdd, pidHashDel, pidLookup } from "./pid";
import { kstackAlloc, kstackFree } from "./kstack";
import { curProc, hasCur, setCurrent } from "./cpu";
import { panic } from "./panic";

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
  slot: u32;         // index in the table (procAt(slot) is this record)
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
  mlockFuture: u32;  // mlockall(MCL_FUTURE): new mappings are locked (sysmem.ts)
  pgid: u32;         // process group (kill(0, ...), kill(-pgid, ...)); inherited across fork
  sigPending: u64;   // signals sent and not yet taken (bit sig-1; signal.ts)
  sigBlocked: u64;   // the signal mask
  sigSaved: u64;     // the mask to put back after rt_sigsuspend/ppoll/pselect6's temporary one
  sigState: u32;     // SIGST_* bits (signal.ts): a saved mask to put back, an interrupted call
  stopped: u32;      // stopped by a signal (the scheduler passes it by until SIGCONT)
  waitReport: u32;   // a stop or continue the parent's wait4 has not seen yet (its wait status)
  nsignals: u32;     // signals delivered to this process
  alarmAt: u64;      // ITIMER_REAL: when SIGALRM is due (virtual time; 0: disarmed)
  alarmEvery: u64;   // ... and its interval (0: once)
  sid: u32;          // session: inherited across fork; setsid starts one
  execed: u32;       // 1 once it called execve (setpgid on it from its parent: EACCES)
  sleepSys: i32;     // the syscall that went to sleep (-1: none): with chan, its wait channel (wchan.ts)
  sigTkill: u64;     // of sigPending: those sent by tkill/tgkill (Linux's per-thread queue; /proc's SigPnd)
  cwdNode: u32;      // the working directory is this /proc or /dev node (procmount.ts; 0: on the disk, at cwd)
  umask: u32;        // permission bits cleared from a new file's or directory's mode (umask(2); fork copies it)
  sigDepth: u32;     // handlers running (nested); the next SA_SIGINFO one's siginfo slot (signal.ts)
}

export const FDS_OFF: usize = 320;    // the fields above end before this (room left for more)
export const VMAS_OFF: usize = FDS_OFF + <usize>NOFILE * 4;
export const VMA_SIZE: usize = 32;
export const NAME_OFF: usize = VMAS_OFF + <usize>NVMA * VMA_SIZE;
export const NAME_LEN: usize = 32;
export const CWD_OFF: usize = NAME_OFF + NAME_LEN;   // PATH_MAX bytes: the working directory's path
export const TAIL_OFF: usize = CWD_OFF + <usize>PATH_MAX;   // the process table's own per-process data
export const TAIL_LEN: usize = 64;
export const PIDHASH_OFF: usize = TAIL_OFF;          // u32: next record in the pid-hash chain (pid.ts)
export const KSTACK_OFF: usize = TAIL_OFF + 4;       // KSTACK_PAGES x u32: save-area frames (kstack.ts)
export const POLLSTART_OFF: usize = TAIL_OFF + 40;   // u64: when a sleeping poll_oneoff began (wasiproc.ts)

const SLOTS_PER_PAGE: i32 = PAGE_SIZE / 4;
const SLOT_PAGES: i32 = <i32>PID_MAX / SLOTS_PER_PAGE;    // no more processes than pids
const slotDir: usize = memory.data(SLOT_PAGES * 4);       // frame of each slot page (0: none)
let nslots: i32 = 0;       // slots to scan: one past the highest in use
let freeHint: i32 = 0;     // no empty slot below this
let nprocs: i32 = 0;

export function procInit(): void {
  if (KSTACK_OFF + <usize>KSTACK_PAGES * 4 > POLLSTART_OFF || POLLSTART_OFF + 8 > TAIL_OFF + TAIL_LEN) panic("procInit: the tail's fields overlap");
  if (TAIL_OFF + TAIL_LEN > <usize>PROC_SIZE) panic("procInit: the record's tail runs past PROC_SIZE");
  memory.fill(slotDir, 0, <usize>SLOT_PAGES * 4);
  nslots = 0; freeHint = 0; nprocs = 0;
  pidInit();
}

export function procSlots(): i32 { return nslots; }
export function procCount(): i32 { return nprocs; }

// Where slot i's record address is kept (its slot page must exist).
@inline function slotAddr(i: i32): usize {
  return pa(load<u32>(slotDir + (<usize>(i / SLOTS_PER_PAGE) << 2))) + (<usize>(i % SLOTS_PER_PAGE) << 2);
}

export function procAt(i: i32): Proc | null {
  if (<u32>i >= <u32>nslots) return null;
  const a = load<u32>(slotAddr(i));
  return a ? changetype<Proc>(<usize>a) : null;
}

// The lowest empty slot, its slot page allocated; -1 when the table is full or memory is out.
function freeSlot(): i32 {
  let i = freeHint;
  while (i < nslots && load<u32>(slotAddr(i)) != 0) i++;
  if (i >= SLOT_PAGES * SLOTS_PER_PAGE) return -1;
  const d = slotDir + (<usize>(i / SLOTS_PER_PAGE) << 2);
  if (load<u32>(d) == 0) {
    const f = kalloc(Owner.proc);
    if (f == 0) return -1;
    store<u32>(d, f);
  }
  return i;
}

// Free the slot pages past the last slot in use.
function trimSlots(): void {
  while (nslots > 0 && load<u32>(slotAddr(nslots - 1)) == 0) nslots--;
  for (let g = (nslots + SLOTS_PER_PAGE - 1) / SLOTS_PER_PAGE; g < SLOT_PAGES; g++) {
    const d = slotDir + (<usize>g << 2);
    if (load<u32>(d) != 0) { kput(load<u32>(d)); store<u32>(d, 0); }
  }
}

// A fresh EMBRYO record with a pid, a slot and a save area; null when pids or memory run out.
// Callers first check there is room (oom.ts haveFrames(PROC_RESERVE)): the frames here come
// straight from kalloc.
export function procAlloc(): Proc | null {
  const i = freeSlot();
  if (i < 0) return null;
  const pid = allocPid();
  const f = pid != 0 ? kalloc(Owner.proc) : 0;
  if (f == 0) { trimSlots(); return null; }
  const p = changetype<Proc>(pa(f));
  if (!kstackAlloc(p)) { kput(f); trimSlots(); return null; }
  p.slot = i;
  p.pid = pid;
  p.state = EMBRYO;
  p.rlimCpuCur = U64.MAX_VALUE;      // RLIM_INFINITY: no CPU-time limit
  p.rlimCpuMax = U64.MAX_VALUE;
  p.pgid = pid;                      // a group of its own; fork gives the child its parent's
  store<u32>(slotAddr(i), <u32>changetype<usize>(p));
  if (i >= nslots) nslots = i + 1;
  freeHint = i + 1;
  nprocs++;
  pidHashAdd(p);
  return p;
}

// Release the record, its save area and its slot (after wait4 reaped it, or a failed fork).
export function procFree(p: Proc): void {
  const i = <i32>p.slot;
  if (procAt(i) !== p) panic("procFree: record not in its slot");
  pidHashDel(p);
  kstackFree(p);
  store<u32>(slotAddr(i), 0);
  if (i < freeHint) freeHint = i;
  nprocs--;
  if (hasCur() && curProc() === p) setCurrent(null);
  p.state = UNUSED; p.pid = 0;
  kput(pfnOf(changetype<usize>(p)));
  trimSlots();
}

export function procByPid(pid: u32): Proc | null { return pidLookup(pid); }

export function liveCount(): i32 {
  let n = 0;
  for (let i = 0; i < nslots; i++) {
    const p = procAt(i);
    if (p && p.state != ZOMBIE) n++;
  }
  return n;
}

