// Names for the inspection views (host/inspect.ts): the path of an inode the page cache holds
// pages of, and a process's command name. Read-only like inspect.ts, and more: only what the
// page cache holds now is searched (no disk read, no page-cache hit or miss counted, no LRU
// move), so looking never changes what a run counts. A name not found that way is "".
// Interface: nameBuf() -> address of the name last made (PATH_MAX bytes), inodeName(ino) -> its
// path's length in nameBuf, 0 for none (the root is "/"), procComm(pid) -> the length of its
// command name (argv[0]'s last component, 15 bytes as Linux's comm) in nameBuf, 0 for none;
// commOf(t) the same for a Proc, argPtr(t, i) -> argv[i]'s user address or 0.
import { BLOCK_SIZE, DIRENT_SIZE, Dirent, DT_DIR, Ino, ROOT_INO } from "./abi/fs";
import { PATH_MAX } from "./param";
import { pa } from "./kalloc";
import { pcFind } from "./pagecache";
import { inodeAddrCached } from "./fs";
import { Proc, procByPid } from "./proc";
import { lookupPhys } from "./vm";
import { ARG_BASE } from "./abi/layout";

const buf: usize = memory.data(PATH_MAX);
const PER_PAGE: u32 = BLOCK_SIZE / DIRENT_SIZE;
const SEARCH_DEPTH = 32;
const COMM_LEN = 15;

export function nameBuf(): usize { return buf; }

export function inodeName(ino: u32): i32 {
  if (ino == ROOT_INO) { store<u8>(buf, 0x2f); return 1; }
  const n = findCached(ROOT_INO, ino, 0, 0);
  return n > 0 ? n : 0;
}

// Entries of `dir` whose pages are cached, depth first; the length of the path to `ino`, or 0.
function findCached(dir: u32, ino: u32, at: i32, depth: i32): i32 {
  const rec = inodeAddrCached(dir);
  if (rec == 0) return 0;
  const n = <u32>(min(load<u64>(rec + Ino.size), <u64>(64 << 20)) / DIRENT_SIZE);
  for (let i: u32 = 2; i < n; i++) {
    const p = pcFind(dir, i / PER_PAGE);
    if (p == 0) { i = (i / PER_PAGE + 1) * PER_PAGE - 1; continue; }   // the page is not cached: skip it
    const e = pa(p) + <usize>(i % PER_PAGE) * DIRENT_SIZE;
    const child = load<u32>(e);
    const len = <i32>load<u8>(e + Dirent.nameLen);
    if (child == 0 || at + 1 + len > PATH_MAX) continue;
    store<u8>(buf + at, 0x2f);
    memory.copy(buf + at + 1, e + Dirent.name, len);
    if (child == ino) return at + 1 + len;
    if (depth < SEARCH_DEPTH && load<u8>(e + Dirent.type) == DT_DIR) {
      const r = findCached(child, ino, at + 1 + len, depth + 1);
      if (r > 0) return r;
    }
  }
  return 0;
}

export function procComm(pid: u32): i32 {
  const t = procByPid(pid);
  return t == null ? 0 : commOf(t);
}

// The program's name into nameBuf: the last component of argv[0], at most 15 bytes (Linux's
// comm); its length. procfsgen's Name and stat use it too.
export function commOf(t: Proc): i32 {
  const a0 = argPtr(t, 0);
  if (a0 == 0) return 0;
  let start = a0, end = a0;
  for (let i: u32 = 0; i < <u32>PATH_MAX; i++) {
    const ph = lookupPhys(t.pgdir, a0 + i);
    if (ph < 0) break;
    const c = load<u8>(<usize>ph);
    if (c == 0) break;
    end = a0 + i + 1;
    if (c == 0x2f) start = end;
  }
  let n = 0;
  for (let a = start; a < end && n < COMM_LEN; a++, n++) store<u8>(buf + n, load<u8>(<usize>lookupPhys(t.pgdir, a)));
  return n;
}

// argv[i] (a user address), or 0 (none, or no argument block), read through the page table.
export function argPtr(t: Proc, i: u32): u32 {
  if (t.pgdir == 0) return 0;
  const pc = lookupPhys(t.pgdir, ARG_BASE);
  if (pc < 0 || i >= load<u32>(<usize>pc)) return 0;
  const pv = lookupPhys(t.pgdir, ARG_BASE + 4 + i * 4);
  return pv < 0 ? 0 : load<u32>(<usize>pv);
}
