// Storage entry points for the host: mount the disk's file system, deliver device interrupts,
// clean shutdown, drop caches, and the loader's path lookup and file reads (exec reads programs
// through the page cache into the staging buffer; each read is a CPU copy attributed to execve).
// Interface: mount() -> 0 or -1 (no file system), netInit(), irq(dev), shutdown() -> 0/-errno,
// dropCaches() -> pages, execLookup(len) -> ino or -errno (path staged), execRead(ino, off, len) ->
// bytes, fileSize(ino), pcStats(field) (PcStat: pages, dirty), idleUntil(ns), clockNowNs().
import { Errno } from "./abi/errno";
import { Sys } from "./abi/syscalls";
import { Dev } from "./abi/virtio";
import { Routine, Place } from "./abi/trace";
import { Stat, PcStat } from "./abi/layout";
import { ROOT_INO, BLOCK_SIZE } from "./abi/fs";
import { fsMount, fsUnmount, fsMounted, iSize } from "./fs";
import { diskIrq } from "./disk";
import { nicIrq, nicInit } from "./net/nic";
import { pcDrop, pcGet, pcFind, pcReadRange, pcPages, pcDirtyPages } from "./pagecache";
import { namei, isDir } from "./dir";
import { stageAddr } from "./exec";
import { procByPid } from "./proc";
import { pa } from "./kalloc";
import { countCopy } from "./copy";
import { setCurSys, statAdd } from "./stats";
import { nextSeq, setCause } from "./trace";
import { advanceTo, clockNow } from "./clock";
import { STAGE_SIZE } from "./param";

export function mount(): i32 { return fsMount() ? 0 : -1; }
export function irq(dev: i32): void { if (dev == Dev.blk) diskIrq(); else if (dev == Dev.net) nicIrq(); }
export function netInit(): i32 { return nicInit() ? 0 : -1; }
export function shutdown(): i32 { return fsUnmount(); }
export function dropCaches(): u32 { return pcDrop(); }
export function pcStats(field: i32): u32 { return field == PcStat.pages ? pcPages() : pcDirtyPages(); }
export function idleUntil(t: u64): void { advanceTo(t); }
export function clockNowNs(): u64 { return clockNow(); }

export function execLookup(len: i32): i64 {
  if (!fsMounted()) return -Errno.ENOENT;
  const r = namei(ROOT_INO, stageAddr(), len);
  if (r < 0) return r;
  if (isDir(<u32>r)) return -Errno.EISDIR;
  return r;
}

export function fileSize(ino: u32): u64 { return iSize(ino); }

// Copy up to `len` bytes of the file at `off` into the staging buffer, page by page. `pid`: the
// process whose execve this is (its disk reads and copies name that call as their cause), or 0.
export function execRead(ino: u32, off: u64, len: u32, pid: u32): i64 {
  const size = iSize(ino);
  if (off >= size) return 0;
  len = <u32>min(<u64>min(len, <u32>STAGE_SIZE), size - off);
  const p = pid != 0 ? procByPid(pid) : null;
  setCurSys(Sys.execve); setCause(p ? p.sysSeq : nextSeq());
  // The pages this chunk needs, read in as few disk requests as their blocks allow (as the binary's
  // read-around faults would bring them in on Linux); each page still counts as one hit or miss.
  const first = <u32>(off / BLOCK_SIZE), last = <u32>((off + len - 1) / BLOCK_SIZE);
  let missing: u32 = 0;
  for (let i = first; i <= last; i++) if (pcFind(ino, i) == 0) missing++;
  statAdd(Stat.pcMisses, missing);
  statAdd(Stat.pcHits, (last - first + 1) - missing);
  if (missing > 0) pcReadRange(ino, first, last - first + 1);
  let done: u32 = 0;
  while (done < len) {
    const pos = off + done;
    const pg = pcGet(ino, <u32>(pos / BLOCK_SIZE), false);
    if (pg == 0) { setCurSys(-1); setCause(0); return -Errno.EIO; }
    const o = <u32>(pos % BLOCK_SIZE);
    const chunk = min(len - done, BLOCK_SIZE - o);
    memory.copy(stageAddr() + done, pa(pg) + o, chunk);
    countCopy(Routine.exec_load, <u64>(pa(pg) + o), <u64>(stageAddr() + done), chunk, Place.frame, Place.kernel);
    done += chunk;
  }
  setCurSys(-1); setCause(0);
  return done;
}
