// netmap: the NIC's rings and packet buffers mapped into a process (/dev/netmap, after Luigi Rizzo's
// netmap as FreeBSD and Linux have it; the ABI subset in abi/netmap.ts). NIOCREGIF attaches the fd
// to the NIC: the kernel's TCP/IP stack stops using it (its packets wait, received frames go to the
// RX ring: the host stack is disconnected, no host rings) and a region of kernel-owned frames
// (Owner.netmap: the netmap_if, one TX and one RX ring, the buffers) is made for mmap. The program
// fills frames in the buffers and sets slots; NIOCTXSYNC validates the ring's head/cur and each new
// slot against the kernel's own copy of the ring state (kept here, never in the shared pages) and
// makes each slot a virtio chain { shared zero header, the pool buffer }: the NIC DMAs the frame
// from the buffer, with no CPU copy, one kick per sync. Completions (the interrupt) free slots; the
// ring's tail moves at the next sync or poll. RX: the NIC DMAs each frame into a slot's buffer;
// NIOCRXSYNC shows them (tail) and gives the released slots back to the NIC. Bad indices: EINVAL, the
// ring reset to the kernel's view.
//
//   kernel state (not shared)      txCur   next slot to hand to the NIC (hwcur)
//                                  txHead  the head the user released last (rhead)
//                                  txBusy  packets handed to the NIC, not yet completed
//   user TX ring: slots [head, tail) are the user's; tail = txCur - txBusy - 1 (mod num_slots)
//
// The region lives while the registration or any mapping holds it (netmapHold/netmapRelease from
// the VMA, Linux's netmap_mem refcount); a mapping reaches only its frames (mmap beyond: EINVAL).
// Interface: netmapIoctl(p, fi, req, arg), netmapMmap(p, fi, len, off) -> 0 or -errno (checks),
// netmapPage(gen, pgoff) -> pfn or 0, netmapHold(gen), netmapRelease(gen), netmapClose(fi),
// netmapPoll(fi) -> POLL* mask, netmapAttached(), netmapTxDone() and netmapRx(slot, len) (the driver's hooks).
import { Errno } from "../abi/errno";
import { Owner, Stat, PAGE_SIZE, PAGE_SHIFT } from "../abi/layout";
import { Ev } from "../abi/trace";
import { NET_HDR_SIZE, ETH_HLEN, MTU } from "../abi/net";
import { POLLIN, POLLRDNORM, POLLOUT, POLLWRNORM, POLLERR } from "../abi/poll";
import * as A from "../abi/netmap";
import { Proc } from "../proc";
import { kput, pa } from "../kalloc";
import { allocFrame } from "../pagecache";
import { copyFromUser, copyToUser } from "../copy";
import { statAdd } from "../stats";
import { nextSeq, traceEmit } from "../trace";
import { wakeup, POLL_CHAN } from "../sleep";
import { nicPresent, nicResume, nicTxAllocAny, nicTxSubmit, nicTxKick, txHdr, Gather, GATHER_SIZE, gatherClear, gatherAdd, TX_NETMAP, nicOnTxDone, nicSetNetmap,
  nicOnRx, nicRxPost, nicRxKick } from "./nic";

@unmanaged class Netmap {
  gen: u32;        // the region's generation (0: none); a mapping keeps it in vma.file
  refs: u32;       // the registration and each mapping
  owner: i32;      // the open file registered (-1: none)
  txCur: u32;
  txHead: u32;
  txBusy: u32;
  rxHead: u32;     // RX: the head the user released last
  rxTail: u32;     // RX: the slot the NIC fills next (slots [rxHead, rxTail) are the user's)
  rxPost: u32;     // RX: the next slot to post to the NIC
  rxNew: u32;      // RX: frames received since the last sync, and their bytes
  rxBytes: u32;
}
const nm = changetype<Netmap>(memory.data(offsetof<Netmap>()));
const pages: usize = memory.data(<i32>A.NM_PAGES * 4);         // the region's frames, page by page
const req: usize = memory.data(<i32>A.NMREQ_SIZE);              // one struct nmreq, in and out
const g = changetype<Gather>(memory.data(GATHER_SIZE));
const N: u32 = A.NM_SLOTS;
const TX: usize = A.NM_TXRING_OFS, RX: usize = A.NM_RXRING_OFS;
let started = false;

function init(): void {
  if (started) return;
  nm.owner = -1; started = true;
  nicOnTxDone(TX_NETMAP, netmapTxDone);
  nicOnRx(netmapRx);
}

@inline function page(i: u32): u32 { return load<u32>(pages + (<usize>i << 2)); }
// The kernel address of byte `off` of the region.
@inline function at(off: usize): usize { return pa(page(<u32>(off >>> PAGE_SHIFT))) + (off & (PAGE_SIZE - 1)); }
@inline function dist(a: u32, b: u32): u32 { return (b + N - a) % N; }
@inline function slot(ring: usize, i: u32): usize { return at(ring + A.NR_SLOTS + <usize>i * A.NS_SIZE); }

export function netmapAttached(): bool { init(); return nm.owner >= 0; }

// --- the region

function regionAlloc(): bool {
  for (let i: u32 = 0; i < A.NM_PAGES; i++) {
    const f = allocFrame(Owner.netmap);
    if (f == 0) { regionFree(i); return false; }
    memory.fill(pa(f), 0, PAGE_SIZE);
    store<u32>(pages + (<usize>i << 2), f);
  }
  nm.gen++;
  if (nm.gen == 0) nm.gen = 1;
  const nif = at(A.NM_IF_OFS);
  for (let c = 0; c < A.NM_IFNAME.length; c++) store<u8>(nif + A.NI_NAME + c, <u8>A.NM_IFNAME.charCodeAt(c));
  store<u32>(nif + A.NI_VERSION, A.NETMAP_API);
  store<u32>(nif + A.NI_TX_RINGS, 1); store<u32>(nif + A.NI_RX_RINGS, 1);
  store<i32>(nif + A.NI_RING_OFS, <i32>TX); store<i32>(nif + A.NI_RING_OFS + 4, <i32>RX);
  ringInit(TX, 0, 2);
  ringInit(RX, 1, 2 + N);
  return true;
}

function regionFree(n: u32): void {
  for (let i: u32 = 0; i < n; i++) kput(page(i));
  memory.fill(pages, 0, <usize>A.NM_PAGES * 4);
}

function ringInit(ring: usize, dir: u32, firstBuf: u32): void {
  const r = at(ring);
  store<i64>(r + A.NR_BUF_OFS, <i64>(A.NM_BUF_OFS - <u32>ring));
  store<u32>(r + A.NR_NUM_SLOTS, N); store<u32>(r + A.NR_BUF_SIZE, A.NM_BUF_SIZE);
  store<u16>(r + A.NR_DIR, <u16>dir);
  for (let i: u32 = 0; i < N; i++) store<u32>(slot(ring, i) + A.NS_BUF_IDX, firstBuf + i);
}

// The frame at page `pgoff` of region `gen` (a mapping's fault), 0 if that region is gone.
export function netmapPage(gen: u32, pgoff: u32): u32 {
  return gen == nm.gen && nm.refs > 0 && pgoff < A.NM_PAGES ? page(pgoff) : 0;
}
export function netmapHold(gen: u32): void { if (gen == nm.gen) nm.refs++; }
export function netmapRelease(gen: u32): void {
  if (gen != nm.gen || nm.refs == 0) return;
  if (--nm.refs == 0) regionFree(A.NM_PAGES);        // the frames a mapping still maps keep their own reference
}

// mmap's checks: the registered fd, a range inside the region. The caller maps pages netmapPage gives.
export function netmapMmap(p: Proc, fi: i32, len: u64, off: u64): i64 {
  init();
  if (nm.owner != fi || nm.refs == 0) return -Errno.EINVAL;
  if (off >= <u64>A.NM_MEMSIZE || len > <u64>A.NM_MEMSIZE - off) return -Errno.EINVAL;
  return <i64>nm.gen;
}

// --- ioctl

export function netmapIoctl(p: Proc, fi: i32, request: u32, arg: u32): i64 {
  init();
  if (request == A.NIOCREGIF || request == A.NIOCGINFO) return regif(p, fi, arg, request == A.NIOCREGIF);
  if (request == A.NIOCTXSYNC) return nm.owner == fi ? txsync() : -Errno.ENXIO;
  if (request == A.NIOCRXSYNC) return nm.owner == fi ? rxsync() : -Errno.ENXIO;
  return -Errno.ENOTTY;
}

function regif(p: Proc, fi: i32, arg: u32, attach: bool): i64 {
  if (copyFromUser(p, req, arg, A.NMREQ_SIZE) < 0) return -Errno.EFAULT;
  if (load<u32>(req + A.NR_VERSION) != A.NETMAP_API) return -Errno.EINVAL;
  if (!nameIsOurs() || !nicPresent()) return -Errno.ENXIO;
  const flags = load<u32>(req + A.NR_FLAGS);
  if (flags != A.NR_REG_DEFAULT && flags != A.NR_REG_ALL_NIC) return -Errno.EINVAL;
  if (attach && nm.owner >= 0) return -Errno.EBUSY;
  store<u32>(req + A.NR_OFFSET, A.NM_IF_OFS); store<u32>(req + A.NR_MEMSIZE, A.NM_MEMSIZE);
  store<u32>(req + A.NR_TX_SLOTS, N); store<u32>(req + A.NR_RX_SLOTS, N);
  store<u16>(req + A.NR_TX_RINGS, 1); store<u16>(req + A.NR_RX_RINGS, 1);
  if (copyToUser(p, arg, req, A.NMREQ_SIZE) < 0) return -Errno.EFAULT;
  if (!attach) return 0;
  // A new registration gets a region of its own: one an earlier registrant's mappings still hold is
  // retired (its frames stay with those mappings, their faults and holds no longer match its gen),
  // so no process sees another's packets through a mapping it kept after close.
  if (nm.refs > 0) { regionFree(A.NM_PAGES); nm.refs = 0; }
  if (!regionAlloc()) return -Errno.ENOMEM;
  nm.refs++;
  nm.owner = fi;
  nm.txCur = 0; nm.txHead = 0;
  nm.rxHead = 0; nm.rxTail = 0; nm.rxPost = 0; nm.rxNew = 0; nm.rxBytes = 0;
  ringReset(TX, 0, txTail()); ringReset(RX, 0, 0);
  nicSetNetmap(true);
  rxRefill();
  return 0;
}

function nameIsOurs(): bool {
  const name = A.NM_IFNAME;
  for (let c = 0; c < <i32>A.IFNAMSIZ; c++) {
    const want: u32 = c < name.length ? <u32>name.charCodeAt(c) : 0;
    if (<u32>load<u8>(req + A.NR_NAME + c) != want) return false;
    if (want == 0) return true;
  }
  return false;
}

function ringReset(ring: usize, head: u32, tail: u32): void {
  const r = at(ring);
  store<u32>(r + A.NR_HEAD, head); store<u32>(r + A.NR_CUR, head); store<u32>(r + A.NR_TAIL, tail);
}

@inline function txTail(): u32 { return (nm.txCur + N - 1 - nm.txBusy) % N; }

// nm_txsync_prologue: head in [rhead, tail], cur in [head, tail]; each new slot a valid buffer.
function txsync(): i64 {
  const r = at(TX);
  const head = load<u32>(r + A.NR_HEAD), cur = load<u32>(r + A.NR_CUR);
  const ktail = txTail();
  if (head >= N || cur >= N || dist(nm.txHead, head) > dist(nm.txHead, ktail) || dist(head, cur) > dist(head, ktail)) {
    return reinit(TX, nm.txHead, ktail);
  }
  for (let i = nm.txCur; i != head; i = (i + 1) % N) if (!slotOk(slot(TX, i))) return reinit(TX, nm.txHead, ktail);
  nm.txHead = head;
  let slots: u32 = 0, bytes: u64 = 0;
  while (nm.txCur != head) {
    const s = slot(TX, nm.txCur);
    const idx = load<u32>(s + A.NS_BUF_IDX), len = <u32>load<u16>(s + A.NS_LEN);
    if (!transmit(idx, len)) break;                 // the queue is full (the stack's packets): next sync
    nm.txCur = (nm.txCur + 1) % N;
    slots++; bytes += len;
  }
  if (slots > 0) nicTxKick();
  store<u32>(r + A.NR_TAIL, txTail());
  syncDone(0, slots, bytes);
  return 0;
}

function slotOk(s: usize): bool {
  const idx = load<u32>(s + A.NS_BUF_IDX), len = <u32>load<u16>(s + A.NS_LEN), flags = <u32>load<u16>(s + A.NS_FLAGS);
  return idx >= 2 && idx < A.NM_NBUF && len >= <u32>ETH_HLEN && len <= <u32>(ETH_HLEN + MTU) && !(flags & A.NS_MOREFRAG);
}

// Bad indices: the ring goes back to the kernel's view (netmap_ring_reinit), the call fails.
function reinit(ring: usize, head: u32, tail: u32): i64 {
  ringReset(ring, head, tail);
  return -Errno.EINVAL;
}

// One slot to the NIC: { zero virtio_net_hdr, the buffer }; the NIC reads the frame from the pool.
function transmit(idx: u32, len: u32): bool {
  const h = nicTxAllocAny(1);
  if (h < 0) return false;
  memory.fill(txHdr(<u32>h), 0, NET_HDR_SIZE);
  const off = <usize>A.NM_BUF_OFS + <usize>idx * A.NM_BUF_SIZE;
  gatherClear(g);
  gatherAdd(g, page(<u32>(off >>> PAGE_SHIFT)), <u32>(off & (PAGE_SIZE - 1)), len);
  nicTxSubmit(<u32>h, NET_HDR_SIZE, g, false, TX_NETMAP);
  nm.txBusy++;
  return true;
}

// RX (nm_rxsync_prologue): head in [the last head, tail], cur in [head, tail]; the slots released
// go back to the NIC, and tail shows the frames received since.
function rxsync(): i64 {
  const r = at(RX);
  const head = load<u32>(r + A.NR_HEAD), cur = load<u32>(r + A.NR_CUR), t = nm.rxTail;
  if (head >= N || cur >= N || dist(nm.rxHead, head) > dist(nm.rxHead, t) || dist(head, cur) > dist(head, t)) {
    return reinit(RX, nm.rxHead, t);
  }
  nm.rxHead = head;
  rxRefill();
  store<u32>(r + A.NR_TAIL, t);
  syncDone(1, nm.rxNew, nm.rxBytes);
  nm.rxNew = 0; nm.rxBytes = 0;
  return 0;
}

// Post the kernel's free RX slots (all but the one before head) to the NIC, each its own buffer.
function rxRefill(): void {
  const limit = (nm.rxHead + N - 1) % N;
  let posted = false;
  while (nm.rxPost != limit) {
    const off = <usize>A.NM_BUF_OFS + <usize>(2 + N + nm.rxPost) * A.NM_BUF_SIZE;
    if (!nicRxPost(nm.rxPost, at(off), A.NM_BUF_SIZE)) break;
    nm.rxPost = (nm.rxPost + 1) % N;
    posted = true;
  }
  if (posted) nicRxKick();
}

// The driver's RX hook: a frame of `len` bytes is in slot `s`'s buffer (the kernel's choice of buffer:
// the slot's buf_idx is set again, whatever the program wrote there).
export function netmapRx(s: u32, len: u32): void {
  if (nm.owner < 0) return;
  const sl = slot(RX, s);
  store<u32>(sl + A.NS_BUF_IDX, 2 + N + s); store<u16>(sl + A.NS_LEN, <u16>len); store<u16>(sl + A.NS_FLAGS, 0);
  nm.rxTail = (s + 1) % N;
  nm.rxNew++; nm.rxBytes += len;
  wakeup(POLL_CHAN);
}

function syncDone(dir: u32, slots: u32, bytes: u64): void {
  statAdd(Stat.netmapSyncs, 1);
  statAdd(dir == 0 ? Stat.netmapTxSlots : Stat.netmapRxSlots, slots);
  traceEmit(nextSeq(), Ev.netmapSync, dir, slots, bytes, 0, 0, 0, 0);
}

// --- completions, poll, close

export function netmapTxDone(): void {
  init();
  if (nm.txBusy > 0) nm.txBusy--;
  wakeup(POLL_CHAN);
}

// POLLOUT when the TX ring's tail has passed cur, the wakeup point (cur = head: any free slot; a
// program wanting k slots sets cur = head + k - 1). The tail is brought up to date, as netmap's
// poll does. A cur out of range counts as head; the wait is at most for every slot.
export function netmapPoll(fi: i32): i32 {
  init();
  if (nm.owner != fi) return POLLERR;
  const r = at(TX), t = txTail();
  store<u32>(r + A.NR_TAIL, t);
  const head = load<u32>(r + A.NR_HEAD), cur = load<u32>(r + A.NR_CUR);
  if (head >= N) return POLLERR;
  const want = cur < N ? min(dist(head, cur), N - 2) : 0;
  return (dist(head, t) > want ? POLLOUT | POLLWRNORM : 0) | rxPoll();
}

// POLLIN when the RX ring's tail has passed its cur (frames beyond the wakeup point); tail updated.
function rxPoll(): i32 {
  const r = at(RX), t = nm.rxTail;
  store<u32>(r + A.NR_TAIL, t);
  const head = load<u32>(r + A.NR_HEAD), cur = load<u32>(r + A.NR_CUR);
  if (head >= N) return POLLERR;
  const want = cur < N ? min(dist(head, cur), N - 2) : 0;
  return dist(head, t) > want ? POLLIN | POLLRDNORM : 0;
}

// The registered file's last close: the NIC goes back to the kernel's stack.
export function netmapClose(fi: i32): void {
  init();
  if (nm.owner != fi) return;
  nm.owner = -1;
  nicSetNetmap(false);
  netmapRelease(nm.gen);
  nicResume();
}
