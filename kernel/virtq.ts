// The driver's side of a virtio split virtqueue (abi/virtio.ts): one frame holds the descriptor
// table and both rings. Free descriptors are chained through `next`.
// Interface: Vq, vqInit(vq, frameAddr), vqAlloc(vq, n) -> head or -1, vqDesc(vq, i, addr, len,
// flags, next), vqNext(vq, i), vqSubmit(vq, head), vqUsed(vq) -> {id} of the next used entry or -1,
// vqFree(vq, head), vqWantsKick(vq): false while the device said it needs no notification,
// vqArmDelayed(vq): used_event set so that the device interrupts when 3/4 of the pending chains are done.
import { PAGE_SIZE } from "./abi/layout";
import { VQ_SIZE, VQ_DESC, VQ_AVAIL, VQ_USED, VQ_DESC_SIZE, VRING_DESC_F_NEXT, VRING_USED_F_NO_NOTIFY, VQ_USED_EVENT } from "./abi/virtio";

@unmanaged export class Vq {
  base: usize;      // physical address of the queue frame
  freeHead: u32;    // first free descriptor (VQ_SIZE: none)
  nfree: u32;
  lastUsed: u32;    // used entries consumed (free running)
  availIdx: u32;    // available entries published (free running)
}

@inline function desc(vq: Vq, i: u32): usize { return vq.base + VQ_DESC + <usize>i * VQ_DESC_SIZE; }

export function vqInit(vq: Vq, base: usize): void {
  vq.base = base; vq.lastUsed = 0; vq.availIdx = 0;
  memory.fill(base, 0, PAGE_SIZE);
  for (let i: u32 = 0; i < <u32>VQ_SIZE; i++) store<u16>(desc(vq, i) + 14, <u16>(i + 1));
  vq.freeHead = 0; vq.nfree = VQ_SIZE;
}

// Take `n` descriptors linked as a chain; -1 if not enough are free.
export function vqAlloc(vq: Vq, n: u32): i32 {
  if (n == 0 || n > vq.nfree) return -1;
  const head = vq.freeHead;
  let last = head;
  for (let i: u32 = 1; i < n; i++) last = load<u16>(desc(vq, last) + 14);
  vq.freeHead = load<u16>(desc(vq, last) + 14);
  vq.nfree -= n;
  return <i32>head;
}

export function vqNext(vq: Vq, i: u32): u32 { return load<u16>(desc(vq, i) + 14); }

export function vqDesc(vq: Vq, i: u32, addr: u64, len: u32, flags: u32): void {
  const d = desc(vq, i);
  store<u64>(d, addr); store<u32>(d + 8, len); store<u16>(d + 12, <u16>flags);
}

export function vqSubmit(vq: Vq, head: u32): void {
  store<u16>(vq.base + VQ_AVAIL + 4 + ((vq.availIdx % <u32>VQ_SIZE) << 1), <u16>head);
  vq.availIdx++;
  store<u16>(vq.base + VQ_AVAIL + 2, <u16>vq.availIdx);
}

// Does the device want a notification for what was submitted (used.flags without NO_NOTIFY)?
export function vqWantsKick(vq: Vq): bool { return (load<u16>(vq.base + VQ_USED) & VRING_USED_F_NO_NOTIFY) == 0; }

// EVENT_IDX: ask for the interrupt when 3/4 of the chains submitted and not yet seen used are done
// (Linux's virtqueue_enable_cb_delayed): with one pending, at its completion.
export function vqArmDelayed(vq: Vq): void {
  const pending = (vq.availIdx - vq.lastUsed) & 0xffff;
  store<u16>(vq.base + VQ_USED_EVENT, <u16>(vq.lastUsed + pending * 3 / 4));
}

// Head of the next chain the device finished, or -1.
export function vqUsed(vq: Vq): i32 {
  const idx = <u32>load<u16>(vq.base + VQ_USED + 2);
  if ((vq.lastUsed & 0xffff) == idx) return -1;
  const id = load<u32>(vq.base + VQ_USED + 4 + <usize>(vq.lastUsed % <u32>VQ_SIZE) * 8);
  vq.lastUsed++;
  return <i32>id;
}

// Return a chain to the free list.
export function vqFree(vq: Vq, head: u32): void {
  let i = head, n: u32 = 1;
  while (load<u16>(desc(vq, i) + 12) & VRING_DESC_F_NEXT) { i = load<u16>(desc(vq, i) + 14); n++; }
  store<u16>(desc(vq, i) + 14, <u16>vq.freeHead);
  vq.freeHead = head;
  vq.nfree += n;
}
