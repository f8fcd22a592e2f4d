// Read-only views of a machine for tools, tests and learners: frames by owner (meminfo), the
// process table, a process's regions and page table, the TLB, one frame's record, the pipes and
// the page references in their slots.
// Interface: meminfo(m), processes(m), regions(m, pid), pageTable(m, pid), tlb(m), frameInfo(m, pfn),
// pageCache(m), DETACHED, pipes(m).
import type { Machine } from "./machine";
import { Owner, PipeSlotFlag, FrameFlag, TLB_BASE, TLB_ENTRIES, TLB_ENTRY_SIZE, TLB_TAG_READ, TLB_TAG_WRITE, TLB_ADDEND, TLB_INVALID, PAGE_SIZE } from "../kernel/abi/layout";

export type OwnerName = Exclude<keyof typeof Owner, "COUNT">;
export interface MemInfo { total: number; free: number; byOwner: Record<OwnerName, number> }
export interface ProcInfo { pid: number; ppid: number; state: string; brk: number; regions: number }
export interface Region { start: number; end: number; prot: string; kind: string }
export interface PageEntry { va: number; frame: number; writable: boolean; user: boolean; accessed: boolean; dirty: boolean; cow: boolean }
export interface TlbEntry { index: number; page: number; frame: number; writable: boolean }
/** A frame's record: for a page-cache page, `data` is its inode (0: file-system metadata) and
 *  `index` its page in the file; `mapcount` counts the page tables mapping it. */
export interface FrameInfo { pfn: number; refcount: number; flags: number; owner: OwnerName; data: number; index: number; mapcount: number }
/** The page cache by file: pages cached, dirty, mapped by a process, held by someone else too (a pipe, a socket, a DMA). */
export interface CachedFile { ino: number; pages: number; dirty: number; mapped: number; shared: number }
/** One filled slot of a pipe (Linux's pipe_buffer): a reference to `len` bytes at `offset` of a frame. */
export interface PipeSlot { frame: number; offset: number; len: number; flags: ("canMerge" | "gift")[] }
/** A pipe in use: its open ends, capacity in slots, bytes queued, the frame of its slot ring, and
 *  its filled slots from the reader's end. */
export interface PipeInfo { index: number; readers: number; writers: number; capacity: number; bytes: number; ring: number; slots: PipeSlot[] }

const STATES = ["unused", "embryo", "runnable", "running", "sleeping", "zombie"];
const KINDS = ["?", "heap", "anon", "args", "file"];
const ownerNames = Object.keys(Owner).filter((k) => isNaN(Number(k)) && k !== "COUNT") as OwnerName[];

export function meminfo(m: Machine): MemInfo {
  const byOwner = {} as Record<OwnerName, number>;
  for (const n of ownerNames) byOwner[n] = m.k.ownerFrames(Owner[n]);
  return { total: m.k.frameCount(), free: byOwner.free, byOwner };
}

export function processes(m: Machine): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (let i = 0; i < (m.k.maxProcs.value as number); i++) {
    const pid = m.k.procPid(i);
    if (pid === 0 || m.k.procStateAt(i) === 0) continue;
    out.push({ pid, ppid: m.k.procPpid(i), state: STATES[m.k.procStateAt(i)] ?? "?", brk: m.k.procBrk(pid), regions: m.k.vmaCount(pid) });
  }
  return out;
}

function protString(p: number): string {
  return (p & 1 ? "r" : "-") + (p & 2 ? "w" : "-") + (p & 4 ? "x" : "-");
}

export function regions(m: Machine, pid: number): Region[] {
  const out: Region[] = [];
  for (let i = 0; i < m.k.vmaCount(pid); i++) {
    const f = (x: number) => m.k.vmaField(pid, i, x) >>> 0;
    out.push({ start: f(0), end: f(1), prot: protString(f(2)), kind: KINDS[f(4)] ?? "?" });
  }
  return out;
}

// Every present page of the process's regions, in address order.
export function pageTable(m: Machine, pid: number): PageEntry[] {
  const out: PageEntry[] = [];
  for (const r of regions(m, pid)) {
    for (let va = r.start; va < r.end; va += PAGE_SIZE) {
      const e = m.k.pteOf(pid, va) >>> 0;
      if (!(e & 1)) continue;
      out.push({ va, frame: e >>> 12, writable: !!(e & 2), user: !!(e & 4), accessed: !!(e & 0x20), dirty: !!(e & 0x40), cow: !!(e & 0x200) });
    }
  }
  return out;
}

export function tlb(m: Machine): TlbEntry[] {
  const v = new DataView(m.ram.buffer);
  const out: TlbEntry[] = [];
  for (let i = 0; i < TLB_ENTRIES; i++) {
    const e = TLB_BASE + i * TLB_ENTRY_SIZE;
    const tag = v.getUint32(e + TLB_TAG_READ, true);
    if (tag === TLB_INVALID) continue;
    const phys = (tag + v.getUint32(e + TLB_ADDEND, true)) >>> 0;
    out.push({ index: i, page: tag, frame: phys >>> 12, writable: v.getUint32(e + TLB_TAG_WRITE, true) === tag });
  }
  return out;
}

export function frameInfo(m: Machine, pfn: number): FrameInfo {
  const v = new DataView(m.ram.buffer);
  const a = m.k.frameTableAddr() + pfn * (m.k.frameRecSize.value as number);
  return { pfn, refcount: v.getUint32(a, true), flags: v.getUint16(a + 4, true),
    owner: ownerNames[v.getUint8(a + 6)] ?? ("free" as OwnerName), data: v.getUint32(a + 12, true),
    index: v.getUint32(a + 16, true), mapcount: v.getUint32(a + 28, true) };
}

/** The file field of a page taken out of the cache while still held (kernel/pagecache.ts DETACHED). */
export const DETACHED = 0xffffffff;

/** The page cache by inode (0: metadata blocks; DETACHED: pages of no file), in inode order. */
export function pageCache(m: Machine): CachedFile[] {
  const byIno = new Map<number, CachedFile>();
  for (let pfn = 0; pfn < m.k.frameCount(); pfn++) {
    const f = frameInfo(m, pfn);
    if (f.owner !== "pagecache") continue;
    const c = byIno.get(f.data) ?? { ino: f.data, pages: 0, dirty: 0, mapped: 0, shared: 0 };
    c.pages++;
    if (f.flags & FrameFlag.dirty) c.dirty++;
    if (f.mapcount > 0) c.mapped++;
    if (f.refcount > 1 + f.mapcount) c.shared++;
    byIno.set(f.data, c);
  }
  return [...byIno.values()].sort((a, b) => a.ino - b.ino);
}

const PIPE = { used: 0, readers: 1, writers: 2, head: 3, tail: 4, nslots: 5, ring: 6, bytes: 7 };

/** Every pipe in use, with the page references its slots hold. */
export function pipes(m: Machine): PipeInfo[] {
  const out: PipeInfo[] = [];
  for (let i = 0; i < (m.k.pipeCount.value as number); i++) {
    const f = (x: number) => m.k.pipeField(i, x) >>> 0;
    if (!f(PIPE.used)) continue;
    const slots: PipeSlot[] = [];
    for (let k = 0; k < ((f(PIPE.head) - f(PIPE.tail)) >>> 0); k++) {
      const s = (x: number) => m.k.pipeSlot(i, k, x) >>> 0;
      const flags = s(3);
      slots.push({ frame: s(0), offset: s(1), len: s(2),
        flags: [...(flags & PipeSlotFlag.canMerge ? ["canMerge" as const] : []), ...(flags & PipeSlotFlag.gift ? ["gift" as const] : [])] });
    }
    out.push({ index: i, readers: f(PIPE.readers), writers: f(PIPE.writers), capacity: f(PIPE.nslots), bytes: f(PIPE.bytes),
      ring: f(PIPE.ring), slots });
  }
  return out;
}
