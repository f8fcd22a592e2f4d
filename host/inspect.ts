// Read-only views of a machine for tools, tests and learners: frames by owner (meminfo), the
// process table, a process's regions and page table, the TLB, one frame's record, the pipes and
// the page references in their slots.
// Interface: meminfo(m), processes(m), regions(m, pid), pageTable(m, pid), tlb(m), frameInfo(m, pfn),
// pageCache(m), DETACHED, pipes(m), inodeName(m, ino) (a path from the cached directories, "" when none);
// a process has its command name (comm), a file region its path.
import type { Machine } from "./machine";
import { Owner, PipeSlotFlag, FrameFlag, TLB_BASE, TLB_ENTRIES, TLB_ENTRY_SIZE, TLB_TAG_READ, TLB_TAG_WRITE, TLB_ADDEND, TLB_INVALID, PAGE_SIZE, PAGE_SHIFT } from "../kernel/abi/layout";
import { FRAME_REC_SIZE, FRAME_REFCOUNT, FRAME_FLAGS, FRAME_OWNER, FRAME_DATA, FRAME_INDEX, FRAME_MAPCOUNT, Pte, ProcState,
  VMA_START, VMA_END, VMA_PROT, VMA_KIND, VMA_INODE, VmaKind, PIPE_USED, PIPE_READERS, PIPE_WRITERS, PIPE_HEAD, PIPE_TAIL, PIPE_NSLOTS,
  PIPE_RING, PIPE_BYTES, SLOT_PFN, SLOT_OFF, SLOT_LEN, SLOT_FLAGS, DETACHED } from "../kernel/abi/records";

export type OwnerName = Exclude<keyof typeof Owner, "COUNT">;
export interface MemInfo { total: number; free: number; byOwner: Record<OwnerName, number> }
export interface ProcInfo { pid: number; ppid: number; comm: string; state: string; brk: number; regions: number }
export interface Region { start: number; end: number; prot: string; kind: string; path: string }   // path: a file mapping's file ("" unknown)
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

const ownerNames = Object.keys(Owner).filter((k) => isNaN(Number(k)) && k !== "COUNT") as OwnerName[];

export function meminfo(m: Machine): MemInfo {
  const byOwner = {} as Record<OwnerName, number>;
  for (const n of ownerNames) byOwner[n] = m.k.ownerFrames(Owner[n]);
  return { total: m.k.frameCount(), free: byOwner.free, byOwner };
}

export function processes(m: Machine): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (let i = 0; i < m.k.procSlots(); i++) {
    const pid = m.k.procPid(i);
    if (pid === 0 || m.k.procStateAt(i) === ProcState.unused) continue;
    out.push({ pid, ppid: m.k.procPpid(i), comm: kernelName(m, m.k.procComm(pid)), state: ProcState[m.k.procStateAt(i)] ?? "?", brk: m.k.procBrk(pid), regions: m.k.vmaCount(pid) });
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
    out.push({ start: f(VMA_START), end: f(VMA_END), prot: protString(f(VMA_PROT)), kind: VmaKind[f(VMA_KIND)] ?? "?",
      path: f(VMA_KIND) === VmaKind.file ? inodeName(m, f(VMA_INODE)) : "" });
  }
  return out;
}

// Every present page of the process's regions, in address order.
export function pageTable(m: Machine, pid: number): PageEntry[] {
  const out: PageEntry[] = [];
  for (const r of regions(m, pid)) {
    for (let va = r.start; va < r.end; va += PAGE_SIZE) {
      const e = m.k.pteOf(pid, va) >>> 0;
      if (!(e & Pte.present)) continue;
      out.push({ va, frame: e >>> PAGE_SHIFT, writable: !!(e & Pte.writable), user: !!(e & Pte.user), accessed: !!(e & Pte.accessed),
        dirty: !!(e & Pte.dirty), cow: !!(e & Pte.cow) });
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
    out.push({ index: i, page: tag, frame: phys >>> PAGE_SHIFT, writable: v.getUint32(e + TLB_TAG_WRITE, true) === tag });
  }
  return out;
}

export function frameInfo(m: Machine, pfn: number): FrameInfo {
  const v = new DataView(m.ram.buffer);
  const a = m.k.frameTableAddr() + pfn * FRAME_REC_SIZE;
  return { pfn, refcount: v.getUint32(a + FRAME_REFCOUNT, true), flags: v.getUint16(a + FRAME_FLAGS, true),
    owner: ownerNames[v.getUint8(a + FRAME_OWNER)] ?? ("free" as OwnerName), data: v.getUint32(a + FRAME_DATA, true),
    index: v.getUint32(a + FRAME_INDEX, true), mapcount: v.getUint32(a + FRAME_MAPCOUNT, true) };
}

/** The file field of a page taken out of the cache while still held (kernel/abi/records.ts). */
export { DETACHED };

/** The path of an inode, found among the directory pages the page cache holds now (no disk read,
 *  no counter moves: kernel/names.ts), or "" when they do not name it. */
export function inodeName(m: Machine, ino: number): string { return kernelName(m, m.k.inodeName(ino)); }

function kernelName(m: Machine, len: number): string {
  return len > 0 ? Buffer.from(new Uint8Array(m.ram.buffer, m.k.nameBuf(), len)).toString("utf8") : "";
}

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

/** Every pipe in use, with the page references its slots hold. */
export function pipes(m: Machine): PipeInfo[] {
  const out: PipeInfo[] = [];
  for (let i = 0; i < (m.k.pipeCount.value as number); i++) {
    const f = (x: number) => m.k.pipeField(i, x) >>> 0;
    if (!f(PIPE_USED)) continue;
    const slots: PipeSlot[] = [];
    for (let k = 0; k < ((f(PIPE_HEAD) - f(PIPE_TAIL)) >>> 0); k++) {
      const s = (x: number) => m.k.pipeSlot(i, k, x) >>> 0;
      const flags = s(SLOT_FLAGS);
      slots.push({ frame: s(SLOT_PFN), offset: s(SLOT_OFF), len: s(SLOT_LEN),
        flags: [...(flags & PipeSlotFlag.canMerge ? ["canMerge" as const] : []), ...(flags & PipeSlotFlag.gift ? ["gift" as const] : [])] });
    }
    out.push({ index: i, readers: f(PIPE_READERS), writers: f(PIPE_WRITERS), capacity: f(PIPE_NSLOTS), bytes: f(PIPE_BYTES),
      ring: f(PIPE_RING), slots });
  }
  return out;
}
