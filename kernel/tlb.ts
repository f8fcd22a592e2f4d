// Software TLB: direct mapped, at TLB_BASE, read by the translated guests' inline fast path.
// A store hits only if the page is writable and already dirty, so the first store to a page takes
// the slow path and sets PTE_D (x86 does the same in hardware).
// A flush touches only the entries filled since the last one: each fill of an invalid entry
// records its index (an entry invalidated and filled again is recorded twice; past TLB_ENTRIES
// records the flush sweeps the whole TLB), so a context switch costs the entries its process used.
// Interface: tlbFlush() (every address-space switch), tlbFill(va, pte), tlbInvalidate(va).
import { TLB_BASE, TLB_ENTRIES, TLB_ENTRY_SIZE, TLB_TAG_READ, TLB_TAG_WRITE, TLB_ADDEND, TLB_INVALID, Stat, PAGE_MASK, PAGE_SHIFT } from "./abi/layout";
import { Ev } from "./abi/trace";
import { PTE_W, PTE_D, pteAddr } from "./vm";
import { statAdd } from "./stats";
import { nextSeq, traceEmit } from "./trace";

@inline function entry(va: u32): usize {
  return TLB_BASE + <usize>((va >>> PAGE_SHIFT) & (TLB_ENTRIES - 1)) * TLB_ENTRY_SIZE;
}

const filled: usize = memory.data(TLB_ENTRIES * 2);   // u16 entry numbers, in fill order
let nfilled: i32 = 0;
let sweep = true;                                        // boot: nothing is known about the TLB

/** Drop entry i; true if it held a translation. */
function drop(i: i32): bool {
  const e = TLB_BASE + <usize>i * TLB_ENTRY_SIZE;
  const valid = load<u32>(e + TLB_TAG_READ) != TLB_INVALID;
  store<u32>(e + TLB_TAG_READ, TLB_INVALID);
  store<u32>(e + TLB_TAG_WRITE, TLB_INVALID);
  return valid;
}

export function tlbFlush(): void {
  let valid: u32 = 0;
  if (sweep) {
    for (let i = 0; i < TLB_ENTRIES; i++) if (drop(i)) valid++;
  } else {
    for (let k = 0; k < nfilled; k++) if (drop(load<u16>(filled + (<usize>k << 1)))) valid++;
  }
  nfilled = 0;
  sweep = false;
  statAdd(Stat.tlbFlushes, 1);
  traceEmit(nextSeq(), Ev.tlbFlush, 0, valid, 0, 0, 0, 0, 0);
}

/** Before va's entry is filled: record it for the next flush unless it is already recorded. */
function record(va: u32): void {
  if (load<u32>(entry(va) + TLB_TAG_READ) != TLB_INVALID) return;
  if (nfilled == TLB_ENTRIES) { sweep = true; return; }
  store<u16>(filled + (<usize>nfilled << 1), <u16>((va >>> PAGE_SHIFT) & (TLB_ENTRIES - 1)));
  nfilled++;
}

export function tlbFill(va: u32, pte: u32): void {
  record(va);
  // LAB(tlb) BEGIN
  const e = entry(va);
  const page = va & PAGE_MASK;
  store<u32>(e + TLB_TAG_READ, page);
  store<u32>(e + TLB_TAG_WRITE, (pte & PTE_W) && (pte & PTE_D) ? page : TLB_INVALID);
  store<u32>(e + TLB_ADDEND, <u32>pteAddr(pte) - page);
  // LAB(tlb) ELSE
  // // TODO(tlb): cache the translation in entry(va): nothing is cached, every access takes the slow path
  // LAB(tlb) END
}

export function tlbInvalidate(va: u32): void {
  // LAB(tlb) BEGIN
  const e = entry(va);
  if (load<u32>(e + TLB_TAG_READ) == (va & PAGE_MASK)) {
    store<u32>(e + TLB_TAG_READ, TLB_INVALID);
    store<u32>(e + TLB_TAG_WRITE, TLB_INVALID);
  }
  // LAB(tlb) ELSE
  // // TODO(tlb): drop va's entry if it holds va's page
  // LAB(tlb) END
}
