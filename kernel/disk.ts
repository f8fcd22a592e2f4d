// virtio-blk driver. A request is a chain: header (device reads), data buffers, status byte
// (device writes). The device moves the data between the disk and the frames by DMA and raises an
// interrupt; the interrupt handler completes the request, counting one DMA copy attributed to the
// syscall or fault that queued it. I/O waits are synchronous: the CPU idles (virtual time passes,
// no CPU time) until the interrupt; other processes do not run meanwhile (see docs/architecture.md).
// Interface: diskInit() -> bool, diskIo(write, sector, iov, n, place) -> 0 or -EIO (iov: the caller's
// list of n u32 physical addresses, 4 KiB each), diskIoPage(write, sector, pa, place) (one page, no
// list), diskFlush(), diskIrq() (the interrupt handler), diskSectors(), BIO_MAX_PAGES.
import { Errno } from "./abi/errno";
import { Stat, Owner, PAGE_SIZE } from "./abi/layout";
import { Ev, Routine, Place } from "./abi/trace";
import { Dev, BlkType, BlkStatus, BLK_HDR_SIZE, SECTOR_SIZE, VRING_DESC_F_NEXT, VRING_DESC_F_WRITE } from "./abi/virtio";
import { Vq, vqInit, vqAlloc, vqDesc, vqNext, vqSubmit, vqUsed, vqFree } from "./virtq";
import { kalloc, pa } from "./kalloc";
import { hostVirtioSetup, hostVirtioNotify, hostVirtioWait, hostVirtioConfig } from "./host";
import { countDma } from "./copy";
import { statAdd, curSys } from "./stats";
import { nextSeq, traceEmit, curCause, setCause } from "./trace";
import { panic } from "./panic";

// Data buffers per request: a request is header + buffers + status in one 64-entry queue, and
// disk waits are synchronous (one request at a time); 32 pages = 128 KiB, Linux's read_ahead_kb.
// The list of a request's pages belongs to its caller (docs/architecture.md, "Who owns a buffer").
export const BIO_MAX_PAGES: i32 = 32;

// Per-descriptor-head request record, in the request frame: 40 bytes each.
//   +0 header (16) | +16 status u8 | +17 done u8 | +18 place u8 | +20 cause u32 | +24 sys i32
//   +28 bytes u32 | +32 first buffer's physical address u32
const REQ_SIZE: usize = 40;

@unmanaged class Disk {
  reqs: usize;      // request records, one per descriptor index
  sectors: u64;     // capacity
  present: u32;
}
const disk = changetype<Disk>(memory.data(offsetof<Disk>()));
const queue = changetype<Vq>(memory.data(offsetof<Vq>()));
@inline function vq(): Vq { return queue; }
@inline function req(head: u32): usize { return disk.reqs + <usize>head * REQ_SIZE; }

export function diskInit(): bool {
  const sectors = hostVirtioConfig(Dev.blk, 0);
  if (sectors <= 0) { disk.present = 0; return false; }
  const q = kalloc(Owner.kernel), r = kalloc(Owner.kernel);
  if (q == 0 || r == 0) panic("diskInit: no memory for the queue");
  vqInit(vq(), pa(q));
  disk.reqs = pa(r);
  disk.sectors = <u64>sectors;
  disk.present = 1;
  hostVirtioSetup(Dev.blk, 0, pa(q));
  return true;
}

export function diskSectors(): u64 { return disk.sectors; }

// Read or write n 4 KiB buffers (physical addresses: n u32 at `iov`) at `sector`; waits for
// completion. `place` says what the buffers are (page-cache frames, or user pages for O_DIRECT).
// The list is read only before the wait: the caller may reuse it once this returns.
export function diskIo(write: bool, sector: u64, iov: usize, n: i32, place: Place): i32 {
  return request(write ? BlkType.OUT : BlkType.IN, sector, iov, 0, n, place);
}

// One page at physical address `page`: the same request, without a list.
export function diskIoPage(write: bool, sector: u64, page: usize, place: Place): i32 {
  return request(write ? BlkType.OUT : BlkType.IN, sector, 0, page, 1, place);
}

function request(type: BlkType, sector: u64, iov: usize, page: usize, n: i32, place: Place): i32 {
  if (!disk.present) return -Errno.EIO;
  const bytes = <u64>n * PAGE_SIZE;
  if (sector + bytes / SECTOR_SIZE > disk.sectors) return -Errno.EIO;
  return waitFor(submit(type, sector, iov, page, n, place));
}

export function diskFlush(): i32 {
  if (!disk.present) return 0;
  return waitFor(submit(BlkType.FLUSH, 0, 0, 0, 0, Place.frame));
}

@inline function pageAt(iov: usize, page: usize, i: i32): u32 {
  return iov != 0 ? load<u32>(iov + (<usize>i << 2)) : <u32>page;
}

// Queue a request for n pages: the list at `iov`, or (iov 0) the one page `page`.
function submit(type: BlkType, sector: u64, iov: usize, page: usize, n: i32, place: Place): u32 {
  const v = vq();
  const h = vqAlloc(v, <u32>n + 2);
  if (h < 0) panic("diskIo: queue full");
  const head = <u32>h;
  const r = req(head);
  store<u32>(r, type); store<u32>(r + 4, 0); store<u64>(r + 8, sector);
  store<u8>(r + 16, 0xff); store<u8>(r + 17, 0);
  store<u32>(r + 20, curCause); store<i32>(r + 24, curSys); store<u32>(r + 28, <u32>n * PAGE_SIZE);
  store<u8>(r + 18, <u8>place); store<u32>(r + 32, n > 0 ? pageAt(iov, page, 0) : 0);
  const devWrites = type == BlkType.IN ? VRING_DESC_F_WRITE : 0;
  vqDesc(v, head, r, BLK_HDR_SIZE, VRING_DESC_F_NEXT);
  let d = vqNext(v, head);
  for (let i = 0; i < n; i++) {
    vqDesc(v, d, <u64>pageAt(iov, page, i), PAGE_SIZE, VRING_DESC_F_NEXT | devWrites);
    d = vqNext(v, d);
  }
  vqDesc(v, d, r + 16, 1, VRING_DESC_F_WRITE);
  vqSubmit(v, head);
  hostVirtioNotify(Dev.blk, 0);
  return head;
}

function waitFor(head: u32): i32 {
  const r = req(head);
  while (load<u8>(r + 17) == 0) {
    if (hostVirtioWait(Dev.blk) < 0) panic("diskIo: request lost by the device");
  }
  const st = load<u8>(r + 16);
  vqFree(vq(), head);
  return st == BlkStatus.OK ? 0 : -Errno.EIO;
}

// Interrupt handler: complete every request the device has finished.
export function diskIrq(): void {
  statAdd(Stat.irqs, 1);
  const s = nextSeq();
  traceEmit(s, Ev.irq, Dev.blk, 0, 0, 0, 0, 0, 0);
  for (let h = vqUsed(vq()); h >= 0; h = vqUsed(vq())) complete(<u32>h);
}

function complete(head: u32): void {
  const r = req(head);
  store<u8>(r + 17, 1);
  const type = load<u32>(r), bytes = load<u32>(r + 28);
  if (bytes == 0 || (type != BlkType.IN && type != BlkType.OUT)) return;
  const saved = curCause;
  setCause(load<u32>(r + 20));
  const dev = load<u64>(r + 8) * SECTOR_SIZE;
  const mem = <u64>load<u32>(r + 32);
  const place = <Place>load<u8>(r + 18);
  if (type == BlkType.IN) countDma(Routine.disk_dma, dev, mem, bytes, Place.device, place, load<i32>(r + 24));
  else countDma(Routine.disk_dma, mem, dev, bytes, place, Place.device, load<i32>(r + 24));
  setCause(saved);
}
