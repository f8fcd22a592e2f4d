// virtio-blk: a disk whose requests arrive on one split virtqueue in guest RAM and whose data
// moves by DMA between RAM and a BlockStore. Each request is served in order and takes
//   latencyNs + bytes * 1000 / bytesPerUs   virtual ns
// from the later of its submission and the previous completion. The transfer itself happens when
// the driver notifies; the used ring entries of that batch are written, and its records move to
// `completed`, when its interrupt is taken at the batch's last completion. Never prints, never
// throws on anything the driver wrote: bad requests complete with IOERR (kernel/abi/virtio.ts).
// A Device (device.ts) named "disk", Dev.blk.
// Interface: new VirtioBlk(ram, store, timing?); capacitySectors(); config(field); setup(queue, addr);
// notify(queue, nowNs); nextIrqAt(); takeIrq(nowNs?); completed[] and faults[] (drained by the
// caller); stats. framesOf(descs): the page frames a request's buffers touch.
import type { BlockStore } from "./blockstore";
import { VirtQueue, type Chain, type Desc } from "./virtqueue";
import type { Device } from "./device";
import { PAGE_SIZE } from "../../kernel/abi/layout";
import { BlkType, BlkStatus, BLK_HDR_SIZE, SECTOR_SIZE, VRING_DESC_F_WRITE, Dev } from "../../kernel/abi/virtio";

export interface BlkTiming { latencyNs: number; bytesPerUs: number }

/** One request, as the machine traces it. bytes = data moved; frames = the 4 KiB RAM frames it touched. */
export interface BlkRequest {
  head: number; type: number; sector: number; bytes: number; frames: number[]; status: BlkStatus;
  submitNs: bigint; startNs: bigint; doneNs: bigint; error?: string;
}

export interface BlkStats {
  requests: number; reads: number; writes: number; flushes: number; ids: number; unsupported: number;
  errors: number; bytesRead: number; bytesWritten: number;   // bytesRead: disk -> RAM
}

export const BLK_ID = "wasmos-disk";
const BLK_ID_LEN = 20;
const FRAME = PAGE_SIZE;

interface Batch { irqAt: bigint; reqs: { req: BlkRequest; usedLen: number }[] }

export class VirtioBlk implements Device {
  readonly name = "disk";
  readonly id = Dev.blk;
  readonly completed: BlkRequest[] = [];   // requests whose interrupt was taken, oldest first
  readonly faults: string[] = [];          // queue-level driver errors (no request to complete)
  readonly stats: BlkStats = { requests: 0, reads: 0, writes: 0, flushes: 0, ids: 0, unsupported: 0,
    errors: 0, bytesRead: 0, bytesWritten: 0 };
  private queue: VirtQueue | null = null;
  private batches: Batch[] = [];
  private lastDoneNs = 0n;

  constructor(private ram: WebAssembly.Memory, private store: BlockStore,
    private timing: BlkTiming = { latencyNs: 100_000, bytesPerUs: 2000 }) {}

  capacitySectors(): number { return Math.floor(this.store.size / SECTOR_SIZE); }

  /** virtioConfig(Dev.blk, field): field 0 is the capacity in sectors (kernel/disk.ts), no other. */
  config(field: number): number { return field === 0 ? this.capacitySectors() : 0; }

  /** The driver placed queue `queue` at physical address addr; false (and a fault) if unusable. */
  setup(queue: number, addr: number): boolean {
    if (queue !== 0) return this.fault(`setup: no queue ${queue}`);
    try { this.queue = new VirtQueue(this.ram, addr); } catch (e) { this.queue = null; return this.fault(`setup: ${(e as Error).message}`); }
    this.batches = [];
    return true;
  }

  /** Serve every newly available chain; its interrupt becomes due at the last completion. */
  notify(queue: number, nowNs: bigint): void {
    if (queue !== 0 || !this.queue) { this.fault(`notify: queue ${queue} is not set up`); return; }
    const batch: Batch = { irqAt: 0n, reqs: [] };
    for (let c = this.queue.popAvail(); c; c = this.queue.popAvail()) {
      if (c.head < 0) { this.fault(c.error!); continue; }
      const { req, usedLen } = this.serve(c, nowNs);
      batch.reqs.push({ req, usedLen });
      batch.irqAt = req.doneNs;
    }
    if (batch.reqs.length > 0) this.batches.push(batch);
  }

  /** When the earliest pending interrupt is due, or null. */
  nextIrqAt(): bigint | null { return this.batches.length ? this.batches[0].irqAt : null; }

  /** Take the earliest pending interrupt (or every one due by nowNs): post its used entries. */
  takeIrq(nowNs?: bigint): boolean {
    let took = false;
    while (this.batches.length) {
      if (nowNs === undefined ? took : this.batches[0].irqAt > nowNs) break;
      for (const { req, usedLen } of this.batches.shift()!.reqs) {
        this.queue?.pushUsed(req.head, usedLen);
        this.completed.push(req);
      }
      took = true;
    }
    return took;
  }

  private fault(msg: string): false { this.faults.push(msg); this.stats.errors++; return false; }

  private serve(c: Chain, nowNs: bigint): { req: BlkRequest; usedLen: number } {
    const req: BlkRequest = { head: c.head, type: -1, sector: 0, bytes: 0, frames: [], status: BlkStatus.IOERR,
      submitNs: nowNs, startNs: 0n, doneNs: 0n, error: c.error };
    let usedLen = 0;
    const status = c.descs[c.descs.length - 1];
    const canStatus = c.descs.length >= 2 && status.flags & VRING_DESC_F_WRITE && status.len >= 1
      && this.queue!.inRam(status.addr, 1);
    if (!c.error) {
      if (!canStatus) req.error = "no writable status descriptor at the end of the chain";
      else usedLen = this.execute(req, c.descs);
    }
    if (canStatus) { this.bytes()[status.addr] = req.status; usedLen += 1; }
    this.account(req);
    req.startNs = nowNs > this.lastDoneNs ? nowNs : this.lastDoneNs;
    req.doneNs = req.startNs + BigInt(this.timing.latencyNs) + BigInt(req.bytes) * 1000n / BigInt(this.timing.bytesPerUs);
    this.lastDoneNs = req.doneNs;
    return { req, usedLen };
  }

  /** Do one well-formed request; returns the data bytes written into RAM. */
  private execute(req: BlkRequest, descs: Desc[]): number {
    const hdr = descs[0], data = descs.slice(1, -1);
    if (hdr.flags & VRING_DESC_F_WRITE || hdr.len !== BLK_HDR_SIZE) { req.error = "bad request header"; return 0; }
    const v = new DataView(this.ram.buffer, hdr.addr, BLK_HDR_SIZE);
    req.type = v.getUint32(0, true);
    req.sector = v.getUint32(12, true) * 2 ** 32 + v.getUint32(8, true);
    try {
      switch (req.type) {
        case BlkType.IN: return this.transfer(req, data, true);
        case BlkType.OUT: this.transfer(req, data, false); return 0;
        case BlkType.FLUSH: this.store.flush(); req.status = BlkStatus.OK; return 0;
        case BlkType.GET_ID: return this.getId(req, data);
        default: req.status = BlkStatus.UNSUPP; return 0;
      }
    } catch (e) {
      req.error = `store: ${(e as Error).message}`;
      req.status = BlkStatus.IOERR;
      return 0;
    }
  }

  /** IN (disk -> RAM) or OUT (RAM -> disk): one DMA transfer over the chain's data buffers. */
  private transfer(req: BlkRequest, data: Desc[], toRam: boolean): number {
    const total = data.reduce((n, d) => n + d.len, 0);
    const wantWrite = toRam ? VRING_DESC_F_WRITE : 0;
    if (data.some((d) => (d.flags & VRING_DESC_F_WRITE) !== wantWrite)) { req.error = "data buffer direction"; return 0; }
    if (total === 0 || total % SECTOR_SIZE !== 0) { req.error = `data length ${total} not a multiple of ${SECTOR_SIZE}`; return 0; }
    if (req.sector + total / SECTOR_SIZE > this.capacitySectors()) { req.error = `sector ${req.sector} + ${total / SECTOR_SIZE} past the disk`; return 0; }
    const ram = this.bytes();
    let off = req.sector * SECTOR_SIZE;
    for (const d of data) {
      const buf = ram.subarray(d.addr, d.addr + d.len);
      if (toRam) this.store.read(off, buf); else this.store.write(off, buf);
      off += d.len;
    }
    req.bytes = total;
    req.frames = framesOf(data);
    req.status = BlkStatus.OK;
    return toRam ? total : 0;
  }

  private getId(req: BlkRequest, data: Desc[]): number {
    if (data.length === 0 || data.some((d) => !(d.flags & VRING_DESC_F_WRITE))) { req.error = "GET_ID needs a writable buffer"; return 0; }
    const id = new Uint8Array(BLK_ID_LEN);
    id.set(new TextEncoder().encode(BLK_ID));
    const ram = this.bytes();
    let n = 0;
    for (const d of data) {
      const k = Math.min(d.len, BLK_ID_LEN - n);
      ram.set(id.subarray(n, n + k), d.addr);
      n += k;
    }
    req.bytes = n;
    req.frames = framesOf(data);
    req.status = BlkStatus.OK;
    return n;
  }

  private account(req: BlkRequest): void {
    const s = this.stats;
    s.requests++;
    if (req.status !== BlkStatus.OK) { if (req.status === BlkStatus.UNSUPP) s.unsupported++; else s.errors++; return; }
    if (req.type === BlkType.IN) { s.reads++; s.bytesRead += req.bytes; }
    else if (req.type === BlkType.OUT) { s.writes++; s.bytesWritten += req.bytes; }
    else if (req.type === BlkType.FLUSH) s.flushes++;
    else if (req.type === BlkType.GET_ID) s.ids++;
  }

  private bytes(): Uint8Array { return new Uint8Array(this.ram.buffer); }
}

/** The distinct 4 KiB frames a list of buffers touches, in order. */
export function framesOf(descs: readonly { addr: number; len: number }[]): number[] {
  const frames: number[] = [];
  for (const d of descs) {
    for (let f = d.addr - (d.addr % FRAME); f < d.addr + d.len; f += FRAME) {
      if (frames[frames.length - 1] !== f) frames.push(f);
    }
  }
  return frames;
}
