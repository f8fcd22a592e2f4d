// Physical page frames. One 32-byte record per frame; free frames on a singly linked list, lowest
// address first, so allocation order (and so every trace) is deterministic. Frames never allocated
// since boot are not on the list: they lie above a watermark (kmem.fresh), taken in address order
// once the list is empty, which is the order a list of every frame would give. Their records are
// left as RAM starts, zero (free, no references), so boot touches no record but the kernel's and
// the host's memory grows with the frames used, not with the RAM size (4 GiB: 32 MiB of records).
//
//   frame record (FRAME_REC = 32 bytes)
//   +----------+-------+-------+-----+------+------+-------+---------+---------+---------+
//   | refcount | flags | owner | epoch | next | data | index | lruPrev | lruNext | mapcount|
//   |   u32    |  u16  |  u8   |  u8   | u32  | u32  |  u32  |   u32   |   u32   |   u32   |
//   +----------+-------+-------+-------+------+------+-------+---------+---------+---------+
//   next: free-list or page-cache hash chain (frame number, 0 = none); data: owner-specific
//   (pid for anonymous pages, inode for page-cache pages); index: page index in the file;
//   lruPrev/lruNext: page-cache LRU list; mapcount: user mappings of the frame; epoch: the kernel
//   entry that last looked the page up (page cache: not reclaimed while that entry runs)
//
// Interface: Frame, frame(pfn) -> its record, kinit(table, owners, firstFree, total), kalloc(owner)
// -> pfn (0 when out of memory), kput(pfn) drops one reference (frees at zero), kget(pfn) adds one,
// setFrameOwner(pfn, owner), ownerCount(owner), pa(pfn), pfnOf(addr), nframes(), frameTable(),
// kscramble(step) (tests: reorder the free list).
import { PAGE_SHIFT, PAGE_SIZE, Owner, Stat, FrameFlag } from "./abi/layout";
import { FRAME_REC } from "./param";
import { statAdd, statSet } from "./stats";
import { panic } from "./panic";

@unmanaged export class Frame {
  refcount: u32;
  flags: u16;
  owner: u8;
  epoch: u8;
  next: u32;
  data: u32;
  index: u32;
  lruPrev: u32;
  lruNext: u32;
  mapcount: u32;
}

export const FR_DIRTY: u16 = <u16>FrameFlag.dirty;
export const FR_UPTODATE: u16 = <u16>FrameFlag.uptodate;
export const FR_LOCKED: u16 = <u16>FrameFlag.locked;
export const FR_WRITEBACK: u16 = <u16>FrameFlag.writeback;
export const FR_REFERENCED: u16 = <u16>FrameFlag.referenced;
export const FR_PINNED: u16 = <u16>FrameFlag.pinned;

@unmanaged class KMem {
  frames: usize;     // address of the frame record table
  nframes: u32;      // frames in RAM
  freeHead: u32;     // first free frame on the list (0: none; frame 0 is always kernel)
  owners: usize;     // u32 count per Owner
  fresh: u32;        // frames [fresh, nframes) were never allocated: free, records still zero
}
const kmem = changetype<KMem>(memory.data(offsetof<KMem>()));

@inline export function frame(pfn: u32): Frame {
  return changetype<Frame>(kmem.frames + <usize>pfn * FRAME_REC);
}
@inline export function pa(pfn: u32): usize { return <usize>pfn << PAGE_SHIFT; }
@inline export function pfnOf(addr: usize): u32 { return <u32>(addr >>> PAGE_SHIFT); }
export function nframes(): u32 { return kmem.nframes; }
export function frameTable(): usize { return kmem.frames; }

export function ownerCount(o: i32): u32 { return load<u32>(kmem.owners + (<usize>o << 2)); }
function ownerAdd(o: i32, n: i32): void {
  const a = kmem.owners + (<usize>o << 2);
  store<u32>(a, load<u32>(a) + n);
}

// Frames [0, firstFree) belong to the kernel; the rest are free, above the watermark. The table
// is zero already (RAM is zero at boot: a new memory), so only the kernel's records are written.
export function kinit(table: usize, owners: usize, firstFree: u32, total: u32): void {
  kmem.frames = table; kmem.nframes = total; kmem.owners = owners;
  memory.fill(table, 0, <usize>firstFree * FRAME_REC);
  memory.fill(owners, 0, Owner.COUNT * 4);
  for (let p: u32 = 0; p < firstFree; p++) { frame(p).owner = <u8>Owner.kernel; frame(p).refcount = 1; }
  ownerAdd(Owner.kernel, <i32>firstFree);
  kmem.freeHead = 0;
  kmem.fresh = firstFree;
  ownerAdd(Owner.free, <i32>(total - firstFree));
  statSet(Stat.framesTotal, total);
  statSet(Stat.framesFree, total - firstFree);
}

// Allocate one frame for `owner`, zeroed unless `zero` is false (the caller writes every byte it
// will read: a receive buffer the device fills); 0 when none is free.
export function kalloc(owner: i32, zero: bool = true): u32 {
  let p = kmem.freeHead;
  if (p != 0) kmem.freeHead = frame(p).next;
  else if (kmem.fresh < kmem.nframes) p = kmem.fresh++;
  else return 0;
  const f = frame(p);
  memory.fill(changetype<usize>(f), 0, FRAME_REC);
  f.refcount = 1; f.owner = <u8>owner;
  if (zero) memory.fill(pa(p), 0, PAGE_SIZE);
  ownerAdd(Owner.free, -1); ownerAdd(owner, 1);
  statAdd(Stat.framesFree, -1);
  return p;
}

export function kget(pfn: u32): void {
  const f = frame(pfn);
  if (f.owner == Owner.free) panic("kget: frame is free");
  f.refcount++;
}

// Drop one reference; the frame returns to the free list at zero.
export function kput(pfn: u32): void {
  const f = frame(pfn);
  if (f.owner == Owner.free || f.refcount == 0) panic("kput: frame already free");
  if (--f.refcount > 0) return;
  ownerAdd(f.owner, -1); ownerAdd(Owner.free, 1);
  memory.fill(changetype<usize>(f), 0, FRAME_REC);
  f.owner = <u8>Owner.free;
  f.next = kmem.freeHead; kmem.freeHead = pfn;
  statAdd(Stat.framesFree, 1);
}

export function setFrameOwner(pfn: u32, owner: i32): void {
  const f = frame(pfn);
  ownerAdd(f.owner, -1); ownerAdd(owner, 1);
  f.owner = <u8>owner;
}

function gcd(a: u32, b: u32): u32 { while (b) { const t = a % b; a = b; b = t; } return a; }

// Test aid, at boot only: reorder the free list so consecutive allocations land on scattered
// frames (frame first + i * step mod n), exposing any code that assumes contiguous frames.
export function kscramble(step: u32): void {
  const first = kmem.fresh;
  if (first >= kmem.nframes) return;
  const n = kmem.nframes - first;
  if (kmem.freeHead != 0 || ownerCount(Owner.free) != n) panic("kscramble: frames already allocated");
  kmem.fresh = kmem.nframes;                 // every free frame is on the list from now on
  while (gcd(step, n) != 1) step++;
  let prev: u32 = 0;
  for (let i: u32 = 0; i < n; i++) {
    const p = first + <u32>((<u64>i * step) % n);
    if (prev == 0) kmem.freeHead = p; else frame(prev).next = p;
    prev = p;
  }
  frame(prev).next = 0;
}
