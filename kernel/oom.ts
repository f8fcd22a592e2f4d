// Memory pressure, as Linux handles it (mm/page_alloc.c's slow path, mm/vmscan.c, mm/oom_kill.c,
// much reduced). Ordinary allocations leave MIN_FREE frames free, a reserve for the kernel's own
// needs (metadata blocks, page tables) so the kernel never lacks a frame to finish what it started.
// When an allocation finds no frame above its floor it reclaims first: clean (or written back)
// page-cache pages from the LRU, then file pages mapped by processes, unmapped through the reverse
// map. When nothing can be reclaimed the OOM killer picks the process with the largest resident
// set (its mapped frames and page tables), logs `Out of memory: Killed process N (name)` on the
// console, sends it SIGKILL and frees its address space at once (Linux's oom_reaper) unless it is
// the running process (which dies on its way out of the kernel); then the allocation is retried.
// Callers see 0 when there is still no frame: a fault kills the faulting process (SIGKILL), a
// system call fails with ENOMEM. Deterministic: victims are chosen by counts, ties to the lowest slot.
// Interface: allocFrame(owner, gfp) -> pfn or 0; GFP_KERNEL, GFP_RESERVE (metadata: may use the
// reserve), GFP_NORETRY (readahead, the NIC's refill: reclaim, never kill), GFP_NOZERO; MIN_FREE;
// oomKill() -> victim pid or 0; rssOf(p) -> frames; haveFrames(n) (fork: n frames free above
// MIN_FREE, reclaiming but never killing).
import { Owner, USER_TOP, PAGE_SIZE, ARG_BASE, PTES_PER_TABLE } from "./abi/layout";
import { Sig } from "./abi/signals";
import { kalloc, ownerCount } from "./kalloc";
import { pcEvict, pcReclaimMapped } from "./pagecache";
import { Proc, procSlots, procAt, RUNNABLE, RUNNING, SLEEPING, ZOMBIE, UNUSED } from "./proc";
import { wakeProc } from "./sleep";
import { hasCur, curProc } from "./cpu";
import { uvmFree } from "./exit";
import { walk, lookupPhys, PTE_P } from "./vm";
import { hostConsoleWrite } from "./host";

export const GFP_KERNEL: u32 = 0;     // may reclaim and call the OOM killer; keeps MIN_FREE free
export const GFP_RESERVE: u32 = 1;    // may take the last free frames (metadata: __GFP_HIGH)
export const GFP_NORETRY: u32 = 2;    // reclaims but never kills (readahead: __GFP_NORETRY)
export const GFP_NOZERO: u32 = 4;     // not zeroed: every byte read is written first (a receive buffer;
                                      //   Linux zeroes only for __GFP_ZERO)
export const MIN_FREE: u32 = 32;      // frames only GFP_RESERVE may take (Linux's min watermark)
const RECLAIM_BATCH: u32 = 32;        // pages one reclaim pass tries to free

let reclaiming = false;               // write-back inside reclaim allocates too (PF_MEMALLOC)

@inline function freeFrames(): u32 { return ownerCount(Owner.free); }

// A zeroed frame (GFP_NOZERO: not) for `owner`, reclaiming and OOM-killing as `gfp` allows; 0 when
// none can be had.
export function allocFrame(owner: i32, gfp: u32 = GFP_KERNEL): u32 {
  const floor: u32 = (gfp & GFP_RESERVE) ? 0 : MIN_FREE, zero = (gfp & GFP_NOZERO) == 0;
  if (freeFrames() > floor) return kalloc(owner, zero);
  if (reclaiming) return 0;
  reclaim();
  if (freeFrames() > floor) return kalloc(owner, zero);
  if (gfp & GFP_NORETRY) return 0;
  while (freeFrames() <= floor) {
    const before = freeFrames();
    if (oomKill() == 0 || freeFrames() == before) return 0;   // nobody left, or the victim is us
  }
  return kalloc(owner, zero);
}

// Are `n` frames free above MIN_FREE? Reclaims page cache to get there, never kills: fork asks it
// first, so a new process fails (EAGAIN) rather than push existing ones into the OOM killer.
export function haveFrames(n: u32): bool {
  while (freeFrames() < MIN_FREE + n && !reclaiming) {
    const before = freeFrames();
    reclaim();
    if (freeFrames() == before) break;
  }
  return freeFrames() >= MIN_FREE + n;
}

// Free up to RECLAIM_BATCH page-cache pages: unmapped ones first, then mapped file pages.
function reclaim(): void {
  reclaiming = true;
  const freed = pcEvict(RECLAIM_BATCH);
  if (freed < RECLAIM_BATCH) pcReclaimMapped(RECLAIM_BATCH - freed);
  reclaiming = false;
}

// Resident set of `p`: present user pages plus its page tables (oom_badness's rss + page tables).
export function rssOf(p: Proc): u32 {
  if (p.pgdir == 0) return 0;
  let n: u32 = 0;
  for (let d: u32 = 0; d < (USER_TOP >>> 22); d++) {
    const pde = load<u32>(<usize>p.pgdir + (<usize>d << 2));
    if (!(pde & PTE_P)) continue;
    n++;
    const pt = walk(p.pgdir, d << 22, false);
    for (let i: u32 = 0; i < <u32>PTES_PER_TABLE; i++) if (load<u32>(pt + (<usize>i << 2)) & PTE_P) n++;
  }
  return n;
}

// A process the OOM killer may pick: running or able to run, with an address space, not already
// dying, and not in the hands of the host (being loaded, exec'ing or forking).
function eligible(p: Proc): bool {
  if (p.state != RUNNABLE && p.state != RUNNING && p.state != SLEEPING) return false;
  return p.pgdir != 0 && p.killed != Sig.SIGKILL && p.execIno == 0 && p.forkChild == 0;
}

// A killed process that still holds its memory (the running one) is about to free it: wait for
// that rather than kill another (oom_evaluate_task aborts the scan for an exiting victim).
function pickVictim(): Proc | null {
  let best: Proc | null = null, bestRss: u32 = 0;
  for (let i = 0; i < procSlots(); i++) {
    const p = procAt(i);
    if (!p) continue;
    if (p.killed == Sig.SIGKILL && p.pgdir != 0 && p.state != ZOMBIE && p.state != UNUSED) return null;
    if (!eligible(p)) continue;
    const r = rssOf(p);
    if (r > bestRss) { best = p; bestRss = r; }
  }
  return best;
}

// Kill the process with the largest resident set; its pid, or 0 when there is none to kill.
export function oomKill(): u32 {
  const v = pickVictim();
  if (!v) return 0;
  logKill(v);
  v.killed = Sig.SIGKILL;
  if (hasCur() && changetype<usize>(curProc()) == changetype<usize>(v)) return v.pid;
  wakeProc(v);             // a sleeper wakes to die
  uvmFree(v);              // the reaper: its memory now; the rest when it is scheduled and exits
  return v.pid;
}

// The kernel log line, on the console's stderr: "Out of memory: Killed process N (name)".
const LOG_MAX: u32 = 96;
const logBuf: usize = memory.data(LOG_MAX);
const COMM_LEN: u32 = 15;             // Linux's TASK_COMM_LEN - 1

function logKill(v: Proc): void {
  let n = putStr(0, "Out of memory: Killed process ");
  n = putDec(n, v.pid);
  n = putStr(n, " (");
  n = putComm(n, v);
  n = putStr(n, ")\n");
  hostConsoleWrite(2, logBuf, <i32>n);
}

function putStr(at: u32, s: string): u32 {
  for (let i = 0; i < s.length; i++) store<u8>(logBuf + at++, <u8>s.charCodeAt(i));
  return at;
}

function putDec(at: u32, v: u32): u32 {
  let d: u32 = 1;
  while (v / d >= 10) d *= 10;
  for (; d > 0; d /= 10) store<u8>(logBuf + at++, <u8>(48 + (v / d) % 10));
  return at;
}

// The program's name: the last path component of argv[0] in its argument block (read through its
// page table, never faulting; the guest may have changed it, so only printable bytes, at most 15).
function putComm(at: u32, v: Proc): u32 {
  const argv0 = userU32(v, ARG_BASE + 4);
  if (argv0 < 0) return putStr(at, "?");
  let start = <u32>argv0, end = start;
  for (; end - <u32>argv0 < <u32>PAGE_SIZE; end++) {
    const c = userByte(v, end);
    if (c <= 0) break;
    if (c == 47) start = end + 1;     // '/'
  }
  if (end - start > COMM_LEN) end = start + COMM_LEN;
  for (let a = start; a < end; a++) {
    const c = userByte(v, a);
    store<u8>(logBuf + at++, <u8>(c >= 32 && c < 127 ? c : 63));
  }
  return at;
}

function userByte(v: Proc, va: u32): i32 {
  if (va >= USER_TOP) return -1;
  const ph = lookupPhys(v.pgdir, va);
  return ph < 0 ? -1 : <i32>load<u8>(<usize>ph);
}

function userU32(v: Proc, va: u32): i64 {
  let x: i64 = 0;
  for (let i: u32 = 0; i < 4; i++) {
    const b = userByte(v, va + i);
    if (b < 0) return -1;
    x |= <i64>b << (i * 8);
  }
  return x;
}
