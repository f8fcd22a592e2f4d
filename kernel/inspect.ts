// Read-only views for the host's inspection API, tools and tests: frames by owner, a process's
// page table and regions, where things are in RAM. Never changes kernel state.
// Interface: lookup(pid, va), pteOf(pid, va), pgdirOf(pid), procSlots(), procPid(slot),
// procPpid(slot), procStateAt(slot), procBrk(pid), ppidOf(pid), vmaCount(pid), vmaField(pid, i,
// offset), ownerFrames(owner), frameTableAddr(), frameCount(), frameRecSize, pipeCount,
// pipeField(i, offset), pipeSlot(i, k, offset), filesInUse(), socketsInUse().
import { FRAME_REC, NFILE } from "./param";
import { procByPid, procAt, procSlots, VMA_SIZE } from "./proc";
import { walk, lookupPhys } from "./vm";
import { vmaAt } from "./vma";
import { SLOT_SIZE } from "./abi/records";
import { ownerCount, frameTable, nframes } from "./kalloc";
import { NPIPE, PIPE_REC, pipeAt, slotAt } from "./pipe";
import { fileAt } from "./file";
import { NSOCK, sockAt } from "./net/sock";

export { procSlots };   // slots to scan: procPid(slot) and co. for slot < procSlots() (the table grows)
export const frameRecSize: i32 = FRAME_REC;

export function lookup(pid: u32, va: u32): i64 {
  const p = procByPid(pid);
  return p ? lookupPhys(p.pgdir, va) : -1;
}

// The raw PTE for `va` (0 when absent).
export function pteOf(pid: u32, va: u32): u32 {
  const p = procByPid(pid);
  if (!p || p.pgdir == 0) return 0;
  const a = walk(p.pgdir, va, false);
  return a ? load<u32>(a) : 0;
}

export function pgdirOf(pid: u32): u32 {
  const p = procByPid(pid);
  return p ? p.pgdir : 0;
}

export function procPid(slot: i32): u32 { const p = procAt(slot); return p ? p.pid : 0; }
export function procPpid(slot: i32): u32 { const p = procAt(slot); return p ? p.ppid : 0; }
export function procStateAt(slot: i32): u32 { const p = procAt(slot); return p ? p.state : 0; }
export function procBrk(pid: u32): u32 { const p = procByPid(pid); return p ? p.brk : 0; }

export function vmaCount(pid: u32): i32 {
  const p = procByPid(pid);
  return p ? <i32>p.nvma : 0;
}

// A u32 field of region i at byte `offset` (abi/records.ts VMA_*); 0 when out of range.
export function vmaField(pid: u32, i: i32, offset: i32): u32 {
  const p = procByPid(pid);
  if (!p || <u32>i >= p.nvma || !wordIn(offset, VMA_SIZE)) return 0;
  return load<u32>(changetype<usize>(vmaAt(p, i)) + <usize>offset);
}

// `offset` names a whole u32 inside a record of `size` bytes.
function wordIn(offset: i32, size: usize): bool {
  return offset >= 0 && (offset & 3) == 0 && <usize>offset + 4 <= size;
}

export function ownerFrames(owner: i32): u32 { return ownerCount(owner); }
export function frameTableAddr(): usize { return frameTable(); }
export function frameCount(): u32 { return nframes(); }
export function ppidOf(pid: u32): u32 { const p = procByPid(pid); return p ? p.ppid : 0; }

export const pipeCount: i32 = NPIPE;

// A u32 field of pipe i's record at byte `offset` (abi/records.ts PIPE_*). 0 when out of range.
export function pipeField(i: i32, offset: i32): u32 {
  if (i < 0 || i >= NPIPE || !wordIn(offset, PIPE_REC)) return 0;
  return load<u32>(changetype<usize>(pipeAt(i)) + <usize>offset);
}

// A u32 field at byte `offset` (abi/records.ts SLOT_*) of the k-th occupied slot of pipe i, counted
// from the reader's end. 0 when the pipe is unused or has fewer than k + 1 slots filled.
export function pipeSlot(i: i32, k: u32, offset: i32): u32 {
  if (i < 0 || i >= NPIPE || !wordIn(offset, SLOT_SIZE)) return 0;
  const pp = pipeAt(i);
  if (!pp.used || k >= pp.head - pp.tail) return 0;
  return load<u32>(changetype<usize>(slotAt(pp, pp.tail + k)) + <usize>offset);
}

// Entries of the system-wide open file table in use, and sockets in use (the fuzzer's leak check).
export function filesInUse(): i32 {
  let n = 0;
  for (let i = 0; i < NFILE; i++) if (fileAt(i).ref != 0) n++;
  return n;
}

export function socketsInUse(): i32 {
  let n = 0;
  for (let i = 0; i < NSOCK; i++) if (sockAt(i).used) n++;
  return n;
}
