// Every byte the CPU moves on behalf of a process goes through here, so it is counted once per call
// (one copy = one routine call, however many pages it spans), charged to the clock, attributed to the
// current syscall and traced with its cause.
// Interface: copyToUser(p, dstVa, src, n), copyFromUser(p, dst, srcVa, n) -> bytes copied or -1 (EFAULT),
// userPhys(p, va, write) -> physical address or -1, countCopy(...), countDma(...); uncounted, for
// callers that count (or deliberately do not count) the copy themselves: fetchUser(p, dst, va, n)
// -> bytes or -1, strncpyFromUser(p, dst, va, max) -> length without the NUL (max if none) or -1.
import { Stat, SysStat, USER_TOP, PAGE_MASK, PAGE_SIZE } from "./abi/layout";
import { Ev, Routine, Place, Agent } from "./abi/trace";
import { Proc } from "./proc";
import { walk, PTE_P, PTE_W, PTE_U, PTE_D, PTE_A, pteAddr } from "./vm";
import { handleFault } from "./fault";
import { firstStore } from "./mmu";
import { statAdd, sysStatAdd, curSys } from "./stats";
import { nextSeq, traceEmit } from "./trace";
import { chargeSys, costCopy } from "./clock";

export function countCopy(r: Routine, src: u64, dst: u64, n: u64, from: Place, to: Place): void {
  statAdd(Stat.cpuCopies, 1);
  statAdd(Stat.cpuCopyBytes, n);
  sysStatAdd(curSys, SysStat.cpuCopies, 1);
  sysStatAdd(curSys, SysStat.cpuCopyBytes, n);
  chargeSys(costCopy(n));
  traceEmit(nextSeq(), Ev.copy, r, src, dst, n, <u64>from | (<u64>to << 8), Agent.cpu, 0);
}

// A device moved `n` bytes by DMA on behalf of syscall `sysNr` (-1: none); `cause` is its event seq.
export function countDma(r: Routine, src: u64, dst: u64, n: u64, from: Place, to: Place, sysNr: i32): void {
  statAdd(Stat.dmaCopies, 1);
  statAdd(Stat.dmaCopyBytes, n);
  sysStatAdd(sysNr, SysStat.dmaCopies, 1);
  sysStatAdd(sysNr, SysStat.dmaCopyBytes, n);
  traceEmit(nextSeq(), Ev.copy, r, src, dst, n, <u64>from | (<u64>to << 8), Agent.dma, 0);
}

// Physical address of user byte `va`, faulting the page in (a kernel-mode fault); -1 on a bad access.
export function userPhys(p: Proc, va: u32, write: bool): i64 {
  if (va >= USER_TOP) return -1;
  let pte = walk(p.pgdir, va, false);
  let e: u32 = pte ? load<u32>(pte) : 0;
  if ((e & (PTE_P | PTE_U)) != (PTE_P | PTE_U) || (write && !(e & PTE_W))) {
    if (handleFault(p, va, write, false) != 0) return -1;
    pte = walk(p.pgdir, va, false);
    e = load<u32>(pte);
  }
  if (write && !(e & PTE_D)) firstStore(e);
  e |= PTE_A | (write ? PTE_D : 0);
  store<u32>(pte, e);
  return <i64>(pteAddr(e) | (va & ~PAGE_MASK));
}

// Copy `n` bytes page by page between kernel address `k` and user address `va`. Returns bytes moved,
// or -1 if a page was bad before all were moved.
function copyUser(p: Proc, va: u32, k: usize, n: u32, toUser: bool): i64 {
  let done: u32 = 0;
  while (done < n) {
    const a = va + done;
    const ph = userPhys(p, a, toUser);
    if (ph < 0) return -1;
    const chunk = min(n - done, PAGE_SIZE - (a & ~PAGE_MASK));
    if (toUser) memory.copy(<usize>ph, k + done, chunk);
    else memory.copy(k + done, <usize>ph, chunk);
    done += chunk;
  }
  return done;
}

function userRangeOk(va: u32, n: u32): bool {
  return <u64>va + <u64>n <= <u64>USER_TOP;
}

export function fetchUser(p: Proc, dst: usize, va: u32, n: u32): i64 {
  if (!userRangeOk(va, n)) return -1;
  return copyUser(p, va, dst, n, false);
}

// Linux's strncpy_from_user: copy up to `max` bytes of the string at `va`, page by page through
// the page tables, stopping after its NUL; a bad page before the NUL is -1 (EFAULT).
export function strncpyFromUser(p: Proc, dst: usize, va: u32, max: u32): i64 {
  let done: u32 = 0;
  while (done < max) {
    const a = <u64>va + done;
    if (a >= <u64>USER_TOP) return -1;
    const ph = userPhys(p, <u32>a, false);
    if (ph < 0) return -1;
    const chunk = min(max - done, PAGE_SIZE - (<u32>a & ~PAGE_MASK));
    for (let i: u32 = 0; i < chunk; i++) {
      const c = load<u8>(<usize>ph + i);
      store<u8>(dst + done + i, c);
      if (c == 0) return done + i;
    }
    done += chunk;
  }
  return max;
}

// `from`/`to`: what the kernel side is (a kernel buffer, or a frame such as a page-cache page).
export function copyToUser(p: Proc, va: u32, src: usize, n: u32, r: Routine = Routine.copy_to_user, from: Place = Place.kernel): i64 {
  if (!userRangeOk(va, n)) return -1;
  const got = copyUser(p, va, src, n, true);
  if (got > 0) countCopy(r, <u64>src, <u64>va, got, from, Place.user);
  return got;
}

export function copyFromUser(p: Proc, dst: usize, va: u32, n: u32, r: Routine = Routine.copy_from_user, to: Place = Place.kernel): i64 {
  if (!userRangeOk(va, n)) return -1;
  const got = copyUser(p, va, dst, n, false);
  if (got > 0) countCopy(r, <u64>va, <u64>dst, got, Place.user, to);
  return got;
}
