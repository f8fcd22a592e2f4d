// The program break and the guest's own bulk-memory instructions. A guest's wasm linear memory is
// the heap region [0, brk): memory.size reports it in 64 KiB pages and memory.grow moves the break,
// as brk(2) does. memory.copy / memory.fill are user instructions carried out page by page through
// the MMU (faults as from user mode; not kernel copies).
// Interface: setBrk(p, newBrk) -> bool, and the "mmu" imports size, grow, copy, fill.
import { WASM_PAGE, PAGE_SIZE, USER_TOP, ARG_BASE, PAGE_MASK } from "./abi/layout";
import { Proc } from "./proc";
import { vmaAt, pageUp, VMA_HEAP } from "./vma";
import { unmapPage } from "./vm";
import { putUserPage } from "./fault";
import { tlbInvalidate } from "./tlb";
import { translate } from "./mmu";
import { curProc } from "./cpu";

function heapVma(p: Proc): i32 {
  for (let i: u32 = 0; i < p.nvma; i++) if (vmaAt(p, i).kind == VMA_HEAP) return <i32>i;
  return -1;
}

// Move the break; false if it would overlap another region or leave [brkMin, brkMax].
export function setBrk(p: Proc, nb: u64): bool {
  if (nb < <u64>p.brkMin || (p.brkMax != 0 && nb > <u64>p.brkMax)) return false;
  if (nb > <u64>ARG_BASE) return false;                  // before pageUp: brk(-1) must not wrap
  const h = heapVma(p);
  if (h < 0) return false;
  const end = pageUp(nb);
  if (<u32>h + 1 < p.nvma && end > <u64>vmaAt(p, h + 1).start) return false;
  const v = vmaAt(p, h);
  for (let a = end; a < <u64>v.end; a += PAGE_SIZE) {
    const f = unmapPage(p.pgdir, <u32>a);
    if (f) { putUserPage(f); tlbInvalidate(<u32>a); }
  }
  v.end = <u32>end;
  p.brk = <u32>nb;
  return true;
}

export function size(): i32 {
  return <i32>((<u64>curProc().brk + WASM_PAGE - 1) / WASM_PAGE);
}

export function grow(delta: i32): i32 {
  const p = curProc();
  const old = size();
  if (delta < 0) return -1;
  if (!setBrk(p, (<u64>old + <u64>delta) * WASM_PAGE)) return -1;
  return old;
}

export function fill(dst: u32, val: i32, n: u32): void {
  let done: u32 = 0;
  if (n == 0) return;
  if (<u64>dst + n > <u64>USER_TOP) translate(USER_TOP, true);   // SIGSEGV
  translate(dst + n - 1, true);
  while (done < n) {
    const a = dst + done;
    const chunk = min(n - done, PAGE_SIZE - (a & ~PAGE_MASK));
    memory.fill(translate(a, true), <u8>val, chunk);
    done += chunk;
  }
}

// memmove semantics: overlapping ranges copy as if through a temporary buffer.
export function copy(dst: u32, src: u32, n: u32): void {
  if (n == 0) return;
  if (<u64>src + n > <u64>USER_TOP || <u64>dst + n > <u64>USER_TOP) translate(USER_TOP, false);   // SIGSEGV
  translate(src + n - 1, false); translate(dst + n - 1, true);
  if (dst <= src || dst >= src + n) { forward(dst, src, n); return; }
  let left = n;
  while (left > 0) {
    const s = src + left - 1, d = dst + left - 1;
    const chunk = min(left, min((s & ~PAGE_MASK) + 1, (d & ~PAGE_MASK) + 1));
    memory.copy(translate(d + 1 - chunk, true), translate(s + 1 - chunk, false), chunk);
    left -= chunk;
  }
}

function forward(dst: u32, src: u32, n: u32): void {
  let done: u32 = 0;
  while (done < n) {
    const s = src + done, d = dst + done;
    const chunk = min(n - done, min(PAGE_SIZE - (s & ~PAGE_MASK), PAGE_SIZE - (d & ~PAGE_MASK)));
    memory.copy(translate(d, true), translate(s, false), chunk);
    done += chunk;
  }
}
