// Boot: lay out the kernel area above the fixed tables, then hand every other frame to kalloc.
// Process records and save areas are not here: they are frames allocated per process (proc.ts).
//
//   KTABLES_BASE open file table   NFILE x FILE_SIZE
//               exec staging       STAGE_SIZE
//               tty out, tty in    2 x TTY_BUF
//               trace ring         TRACE_RECS x TRACE_REC
//               page-cache hash    one u32 bucket per frame (power of two)
//               sockets            NSOCK x SOCK_SIZE
//               pipes              NPIPE x PIPE_REC
//               owner counters     Owner.COUNT x u32
//               frame records      nframes x FRAME_REC
//   kernelEnd   first free frame (page aligned)
//
// RAM is zero at boot (a new memory): the page-cache buckets and the records of free frames are
// left as they are, so the host backs only what is used (kalloc.ts).
// Interface: boot(ramBytes) -> 0 or a negative code (ramBytes at most 4 GiB - 64 KiB: a u32); kernelEnd().
import { KTABLES_BASE, KIMAGE_END, PAGE_SIZE, Owner } from "./abi/layout";
import { NFILE, FILE_SIZE, STAGE_SIZE, TTY_BUF, TRACE_RECS, TRACE_REC, FRAME_REC } from "./param";
import { kinit } from "./kalloc";
import { procInit } from "./proc";
import { fileInit } from "./file";
import { ttyInit } from "./console";
import { stageInit } from "./exec";
import { statsReset } from "./stats";
import { costInit } from "./clock";
import { tlbFlush } from "./tlb";
import { setTraceBase } from "./trace";
import { panic } from "./panic";
import { pcInit, nbuckets } from "./pagecache";
import { sockInit, NSOCK, SOCK_SIZE } from "./net/sock";
import { pipeInit, NPIPE, PIPE_REC } from "./pipe";

let kend: usize = 0;
export function kernelEnd(): usize { return kend; }

export function boot(ramBytes: u32): i32 {
  if (__heap_base >= <usize>KIMAGE_END) panic("boot: kernel image overlaps the fixed tables");
  if (ramBytes < 8 << 20 || (ramBytes & (PAGE_SIZE - 1))) return -1;
  if (<u64>ramBytes > <u64>memory.size() << 16) return -2;
  statsReset();
  costInit();
  let a: usize = KTABLES_BASE;
  fileInit(a); a += <usize>NFILE * FILE_SIZE;
  const stage = a; stageInit(a); a += STAGE_SIZE;
  ttyInit(a, a + TTY_BUF, stage); a += 2 * TTY_BUF;
  setTraceBase(a); a += <usize>TRACE_RECS * TRACE_REC;
  const nb = nbuckets(ramBytes / PAGE_SIZE);
  pcInit(a, nb); a += <usize>nb * 4;
  sockInit(a); a += <usize>NSOCK * SOCK_SIZE;
  pipeInit(a); a += <usize>NPIPE * PIPE_REC;
  const owners = a; a += Owner.COUNT * 4;
  const nframes = ramBytes / PAGE_SIZE;
  const table = a; a += <usize>nframes * FRAME_REC;
  kend = (a + PAGE_SIZE - 1) & ~(<usize>PAGE_SIZE - 1);
  kinit(table, owners, <u32>(kend / PAGE_SIZE), nframes);
  procInit();
  tlbFlush();
  return 0;
}
