// A packet socket's transmit ring (pktpool.ts): frames the kernel owns (Owner.pktpool), the ring's
// geometry and the kernel's position in it. Kept apart from the send path so the mapping code
// (pool.ts, from vma.ts) does not pull in the NIC driver.
// Interface: Ring, pktRing() -> the one ring, ringInit(), ringAlloc(fi, block size, blocks, frame size,
// frames) -> 0 or -errno (packet_set_ring's checks), frameOff(i), frameAt(i), ringPage(i),
// pktPage(gen, pgoff), pktHold(gen), pktRelease(gen), pktMmap(fi, len, off) -> generation or -errno.
import { Errno } from "../abi/errno";
import { Owner, PAGE_SIZE, PAGE_SHIFT } from "../abi/layout";
import * as A from "../abi/packet";
import { kput, pa } from "../kalloc";
import { allocFrame } from "../pagecache";

@unmanaged export class Ring {
  gen: u32;        // the ring's generation (0: none); a mapping keeps it in vma.file
  refs: u32;       // the owning socket and each mapping
  owner: i32;      // the open file whose ring it is (-1: none)
  npages: u32;
  frameSize: u32;
  frames: u32;
  perBlock: u32;   // frames per block
  blockSize: u32;
  head: u32;       // the next frame send() looks at
  done: u32;       // the oldest frame the NIC still has
  busy: u32;       // frames the NIC has
}
const ring = changetype<Ring>(memory.data(offsetof<Ring>()));
export function pktRing(): Ring { return ring; }        // the one ring's record (pktpool.ts)
const pages: usize = memory.data(<i32>A.PKT_RING_MAX_PAGES * 4);

let started = false;
export function ringInit(): void { if (!started) { ring.owner = -1; started = true; } }
@inline export function ringPage(i: u32): u32 { return load<u32>(pages + (<usize>i << 2)); }
// The region offset of frame i, and its kernel address.
export function frameOff(i: u32): u32 { return (i / ring.perBlock) * ring.blockSize + (i % ring.perBlock) * ring.frameSize; }
export function frameAt(i: u32): usize { const o = frameOff(i); return pa(ringPage(o >>> PAGE_SHIFT)) + <usize>(o & (PAGE_SIZE - 1)); }

// packet_set_ring's checks, then the frames.
export function ringAlloc(fi: i32, bsize: u32, bnr: u32, fsize: u32, fnr: u32): i64 {
  if (bsize == 0 || (bsize & (PAGE_SIZE - 1)) != 0 || bnr == 0) return -Errno.EINVAL;
  if (fsize < A.TPACKET_HDRLEN || (fsize & (A.TPACKET_ALIGNMENT - 1)) != 0 || fsize > bsize) return -Errno.EINVAL;
  const per = bsize / fsize;
  if (<u64>per * <u64>bnr != <u64>fnr) return -Errno.EINVAL;
  if (<u64>bsize * <u64>bnr > <u64>A.PKT_RING_MAX_PAGES * PAGE_SIZE) return -Errno.ENOMEM;
  const n = bsize * bnr / PAGE_SIZE;
  for (let i: u32 = 0; i < n; i++) {
    const f = allocFrame(Owner.pktpool);
    if (f == 0) { freePages(i); return -Errno.ENOMEM; }
    memory.fill(pa(f), 0, PAGE_SIZE);
    store<u32>(pages + (<usize>i << 2), f);
  }
  ring.npages = n; ring.frameSize = fsize; ring.frames = fnr; ring.perBlock = per; ring.blockSize = bsize;
  ring.head = 0; ring.done = 0; ring.busy = 0;
  ring.gen++; if (ring.gen == 0) ring.gen = 1;
  ring.refs = 1; ring.owner = fi;
  return 0;
}

function freePages(n: u32): void { for (let i: u32 = 0; i < n; i++) kput(ringPage(i)); }

export function pktPage(gen: u32, pgoff: u32): u32 {
  return gen == ring.gen && ring.refs > 0 && pgoff < ring.npages ? ringPage(pgoff) : 0;
}
export function pktHold(gen: u32): void { if (gen == ring.gen) ring.refs++; }
export function pktRelease(gen: u32): void {
  if (gen != ring.gen || ring.refs == 0) return;
  if (--ring.refs == 0) freePages(ring.npages);
}

// mmap's checks: the ring's socket, a range inside the ring (Linux's packet_mmap: EINVAL).
export function pktMmap(fi: i32, len: u64, off: u64): i64 {
  ringInit();
  if (ring.owner != fi || ring.refs == 0) return -Errno.EINVAL;
  const size = <u64>ring.npages * PAGE_SIZE;
  if (off >= size || len > size - off) return -Errno.EINVAL;
  return <i64>ring.gen;
}

