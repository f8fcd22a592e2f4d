// Asyncify save areas. A process that blocks or is preempted unwinds its guest stack into the
// host's unwind window; the host then keeps the window's used part here, in up to KSTACK_PAGES
// frames (Owner.kstack) listed in the process record's tail, allocated as the saved stack grows
// (the first one with the record) and freed when the process is reaped. Growing takes any free
// frame (the save area is the kernel's own need, like a page table); none: the host kills the process. The frames need not be
// contiguous: the host copies page by page. The saved data names only window addresses, so a copy
// needs no relocation (fork).
// Interface: kstackAlloc(p) (the first frame; false when memory is out), kstackGrow(p, bytes) ->
// bool, kstackPage(p, i) -> address (0: not allocated), kstackCopy(dst, src) -> bool (fork),
// kstackFree(p).
import { Owner, PAGE_SIZE } from "./abi/layout";
import { KSTACK_PAGES } from "./param";
import { Proc, KSTACK_OFF } from "./proc";
import { kalloc, kput, pa } from "./kalloc";

@inline function pfnSlot(p: Proc, i: i32): usize { return changetype<usize>(p) + KSTACK_OFF + (<usize>i << 2); }

export function kstackAlloc(p: Proc): bool { return kstackGrow(p, 1); }

// Frames enough for `bytes` of saved stack; false when more than KSTACK_SIZE or memory is out
// (the frames already there stay).
export function kstackGrow(p: Proc, bytes: u32): bool {
  const n = <i32>((<u64>bytes + PAGE_SIZE - 1) / PAGE_SIZE);
  if (n > KSTACK_PAGES) return false;
  for (let i = 0; i < n; i++) {
    if (load<u32>(pfnSlot(p, i)) != 0) continue;
    const f = kalloc(Owner.kstack);
    if (f == 0) return false;
    store<u32>(pfnSlot(p, i), f);
  }
  return true;
}

export function kstackPage(p: Proc, i: i32): usize {
  if (<u32>i >= <u32>KSTACK_PAGES) return 0;
  const f = load<u32>(pfnSlot(p, i));
  return f ? pa(f) : 0;
}

// The child of a fork gets a copy of every frame of its parent's save area.
export function kstackCopy(dst: Proc, src: Proc): bool {
  for (let i = 0; i < KSTACK_PAGES; i++) {
    const s = kstackPage(src, i);
    if (s == 0) break;
    if (!kstackGrow(dst, <u32>(i + 1) * PAGE_SIZE)) return false;
    memory.copy(kstackPage(dst, i), s, PAGE_SIZE);
  }
  return true;
}

export function kstackFree(p: Proc): void {
  for (let i = 0; i < KSTACK_PAGES; i++) {
    const f = load<u32>(pfnSlot(p, i));
    if (f) kput(f);
    store<u32>(pfnSlot(p, i), 0);
  }
}
