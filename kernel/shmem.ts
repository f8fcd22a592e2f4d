// Shared anonymous memory (Linux's shmem object behind MAP_SHARED|MAP_ANONYMOUS): one object per
// mmap call, holding the frames of its pages, so a page first touched after fork is the same frame
// in every process that inherited the mapping (a per-process demand-zero page would not be). The
// object's page index is the region's pgoff plus the page's place in the region, as for a file.
//
//   shm table (NSHM entries)     object's frames: a two-level table (vm.ts), entry i at va i << 12
//   +---------+-------+          +-----------+      +---------------------+
//   | dir u32 | refs  |  ----->  | directory | ---> | frame << 12 | PTE_P |
//   +---------+-------+          +-----------+      +---------------------+
//
// A region refers to its object by id (vma.file of a shared VMA_ANON region, 0 for none); each
// region holding it counts one reference (mmap, fork, a split, mremap), and the object's frames
// are dropped with its last reference. The object holds one reference to each of its frames, so
// madvise or munmap of one process's view never loses the data.
// Interface: shmCreate() -> id or 0 (no slot or no frame), shmGet(id), shmPut(id),
// shmPage(id, index, pid) -> the page's frame (allocated zeroed on first use) or 0 (out of memory).
import { Owner, PAGE_SHIFT, PTES_PER_TABLE } from "./abi/layout";
import { pgdirAlloc, pgdirFree, walk, PTE_P, ptePfn, PT_SPAN } from "./vm";
import { kput, frame } from "./kalloc";
import { allocFrame } from "./oom";
import { panic } from "./panic";
import { NSHM } from "./param";

const shm: usize = memory.data(<i32>NSHM * 8);   // { u32 dir (0: free), u32 refs }
const PAGES_MAX: u64 = <u64>PTES_PER_TABLE * PTES_PER_TABLE;   // pages one object can hold (4 GiB)

@inline function slot(id: u32): usize { return shm + (<usize>(id - 1) << 3); }

export function shmCreate(): u32 {
  for (let id: u32 = 1; id <= NSHM; id++) {
    if (load<u32>(slot(id)) != 0) continue;
    const dir = pgdirAlloc();
    if (dir == 0) return 0;
    store<u32>(slot(id), dir); store<u32>(slot(id) + 4, 1);
    return id;
  }
  return 0;
}

export function shmGet(id: u32): void {
  if (id == 0 || id > NSHM || load<u32>(slot(id)) == 0) panic("shmGet: no such object");
  store<u32>(slot(id) + 4, load<u32>(slot(id) + 4) + 1);
}

// Drop a reference; the last one frees the frames (mapped ones live on in their page tables).
export function shmPut(id: u32): void {
  if (id == 0 || id > NSHM || load<u32>(slot(id)) == 0) panic("shmPut: no such object");
  const refs = load<u32>(slot(id) + 4) - 1;
  store<u32>(slot(id) + 4, refs);
  if (refs != 0) return;
  const dir = load<u32>(slot(id));
  for (let va: u64 = 0; va < <u64>PAGES_MAX << PAGE_SHIFT; va += 1 << PAGE_SHIFT) {
    const e = walk(dir, <u32>va, false);
    if (e == 0) { va |= <u64>(PT_SPAN - 1); continue; }     // no table: skip the span it would hold
    if (load<u32>(e) & PTE_P) kput(ptePfn(load<u32>(e)));
  }
  pgdirFree(dir);
  store<u32>(slot(id), 0);
}

// The frame of page `index` of object `id`, a zeroed one on first use (charged to `pid`).
export function shmPage(id: u32, index: u64, pid: u32): u32 {
  if (index >= PAGES_MAX) return 0;
  const e = walk(load<u32>(slot(id)), <u32>(index << PAGE_SHIFT), true);
  if (e == 0) return 0;
  if (load<u32>(e) & PTE_P) return ptePfn(load<u32>(e));
  const f = allocFrame(Owner.anon);
  if (f == 0) return 0;
  frame(f).data = pid;
  store<u32>(e, (f << PAGE_SHIFT) | PTE_P);
  return f;
}
