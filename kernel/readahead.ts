// Readahead, on demand (Linux's mm/readahead.c, without the asynchronous half): a read of an open
// file that misses the page cache where that file's previous read ended is sequential, and reads a
// window of pages from there in as few disk requests as the blocks allow (pcReadRange). The first
// window is the request rounded up to a power of two, times 4 when small (times 2 when medium),
// and each following one is 4x, then 2x, the last, up to RA_MAX_PAGES (128 KiB, Linux's default
// read_ahead_kb). A miss anywhere else is a random read: only the pages asked for are read, and the
// window starts over. No window is longer than RA_MAX_PAGES, whatever the request (Linux's
// ractl_max_pages): a longer read misses again where the window ends. Hits need nothing: a
// sequential reader hits until the window's end, where its next miss reads the next window. (Linux
// also starts the next window early, from a marked page; here disk waits are synchronous, so that
// would not overlap anything.)
// A major fault on a file mapping reads around the page instead (Linux's mmap read-around): a
// window of RA_MAX_PAGES centred on it.
// Interface: raGet(f, index, last) -> pfn of page `index` (0: I/O error or no memory), for a read
// of pages index..last; raDone(f, last) after a read; raAround(ino, index) -> pfn (a major fault);
// RA_MAX_PAGES.
import { Stat, PAGE_SHIFT, PAGE_SIZE } from "./abi/layout";
import { File } from "./file";
import { iSize } from "./fs";
import { pcFind, pcGet, pcHit, pcReadRange, pcTouch } from "./pagecache";
import { frame, FR_REFERENCED } from "./kalloc";
import { statAdd } from "./stats";

export const RA_MAX_PAGES: u32 = 32;

function pow2(n: u32): u32 { let p: u32 = 1; while (p < n) p <<= 1; return p; }

// get_init_ra_size: the first window for a request of `req` pages.
function initSize(req: u32): u32 {
  const n = pow2(req);
  if (n <= RA_MAX_PAGES / 32) return n * 4;
  if (n <= RA_MAX_PAGES / 4) return n * 2;
  return RA_MAX_PAGES;
}

// get_next_ra_size: the window after one of `cur` pages.
function nextSize(cur: u32): u32 {
  if (cur < RA_MAX_PAGES / 16) return cur * 4;
  if (cur <= RA_MAX_PAGES / 2) return cur * 2;
  return RA_MAX_PAGES;
}

// Page `index` of the file, for a read of pages index..last; on a miss, reads it with its window.
export function raGet(f: File, index: u32, last: u32): u32 {
  const hit = pcFind(f.ino, index);
  if (hit != 0) return pcHit(hit, f.ino != 0);                         // a hit, counted (one lookup)
  statAdd(Stat.pcMisses, 1);
  const req = min(last - index + 1, RA_MAX_PAGES);   // a longer read misses again past the window
  let size = req;
  if (index == f.raNext) size = max(req, f.raSize == 0 ? initSize(req) : nextSize(f.raSize));
  f.raSize = index == f.raNext ? size : 0;
  const pages = <u32>((iSize(f.ino) + PAGE_SIZE - 1) >> PAGE_SHIFT);
  const count = index < pages ? min(size, pages - index) : 1;
  pcReadRange(f.ino, index, count);
  const p = pcFind(f.ino, index);
  if (p == 0) return pcGet(f.ino, index, false);    // not read (no frame, or an I/O error): one more try, alone
  frame(p).flags |= FR_REFERENCED;
  pcTouch(p);
  return p;
}

// The read ended at page `last`: a read starting at the next page is sequential.
export function raDone(f: File, last: u32): void { f.raNext = last + 1; }

// A major fault on page `index` of a mapped file: read the window around it, then the page.
export function raAround(ino: u32, index: u32): u32 {
  statAdd(Stat.pcMisses, 1);
  const pages = <u32>((iSize(ino) + PAGE_SIZE - 1) >> PAGE_SHIFT);
  const start = index > RA_MAX_PAGES / 2 ? index - RA_MAX_PAGES / 2 : 0;
  if (start < pages) pcReadRange(ino, start, min(RA_MAX_PAGES, pages - start));
  const p = pcFind(ino, index);
  if (p == 0) return pcGet(ino, index, false);
  frame(p).flags |= FR_REFERENCED;
  pcTouch(p);
  return p;
}
