// Read-only views for the host's inspection API, tools and tests: frames by owner, a process's
// page table and regions, where things are in RAM. Never changes kernel state.
// Interface: lookup(pid, va), pteOf(pid, va), procPid(slot), procPpid(slot), procStateAt(slot),
// vmaCount(pid), vmaField(pid, i, field), ownerFrames(owner), frameTableAddr(), frameCount(), frameRecSize.
import { NPROC, FRAME_REC } from "./param";
import { procByPid, procSlot } from "./proc";
import { walk, lookupPhys } from "./vm";
import { vmaAt } from "./vma";
import { ownerCount, frameTable, nframes } from "./kalloc";

export const maxProcs: i32 = NPROC;
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

export function procPid(slot: i32): u32 { return slot >= 0 && slot < NPROC ? procSlot(slot).pid : 0; }
export function procPpid(slot: i32): u32 { return slot >= 0 && slot < NPROC ? procSlot(slot).ppid : 0; }
export function procStateAt(slot: i32): u32 { return slot >= 0 && slot < NPROC ? procSlot(slot).state : 0; }
export function procBrk(pid: u32): u32 { const p = procByPid(pid); return p ? p.brk : 0; }

export function vmaCount(pid: u32): i32 {
  const p = procByPid(pid);
  return p ? <i32>p.nvma : 0;
}

// field: 0 start, 1 end, 2 prot, 3 flags, 4 kind
export function vmaField(pid: u32, i: i32, field: i32): u32 {
  const p = procByPid(pid);
  if (!p || <u32>i >= p.nvma) return 0;
  return load<u32>(changetype<usize>(vmaAt(p, i)) + (<usize>field << 2));
}

export function ownerFrames(owner: i32): u32 { return ownerCount(owner); }
export function frameTableAddr(): usize { return frameTable(); }
export function frameCount(): u32 { return nframes(); }
export function ppidOf(pid: u32): u32 { const p = procByPid(pid); return p ? p.ppid : 0; }
