// O_DIRECT: the disk DMAs straight to and from the program's own pages, which are pinned for the
// transfer; the page cache is bypassed but kept coherent (dirty cached pages of the range are
// written back first; cached copies are dropped after a direct write). Offsets, lengths and buffer
// addresses must be multiples of 4096 (the file system's block), else EINVAL.
// Interface: directRead(p, ino, off, va, n), directWrite(p, ino, off, va, n) -> bytes or -errno.
import { PAGE_SHIFT } from "./abi/layout";
import { Errno } from "./abi/errno";
import { Place } from "./abi/trace";
import { BLOCK_SIZE, SECTORS_PER_BLOCK } from "./abi/fs";
import { Proc } from "./proc";
import { frame, kget, kput, FR_PINNED } from "./kalloc";
import { pcFind, pcWriteback, pcForget, pcTruncate } from "./pagecache";
import { iSize, iSetSize, iTouch, T_MTIME, T_CTIME } from "./fs";
import { fsBlockOf, bmapFree, BLOCK_BAD } from "./bmap";
import { userPhys } from "./copy";
import { diskIo, BIO_MAX_PAGES } from "./disk";

// dmaRun's list of the pinned user pages (physical addresses), its own: the write-backs and faults
// it calls while filling it use no list (diskIoPage) or their own (pcReadRange).
const pinned: usize = memory.data(BIO_MAX_PAGES * 4);

@inline function aligned(x: u64): bool { return (x & (BLOCK_SIZE - 1)) == 0; }

export function directRead(p: Proc, ino: u32, off: u64, va: u32, n: u32): i64 {
  const size = iSize(ino);
  if (off >= size) return 0;                 // end of file first, so a read loop ends cleanly
  if (!aligned(off) || !aligned(n) || !aligned(va)) return -Errno.EINVAL;
  const len = <u32>min(<u64>n, (size - off + BLOCK_SIZE - 1) & ~(<u64>BLOCK_SIZE - 1));
  const r = transfer(p, ino, off, va, len, false);
  return r > 0 ? <i64>min(<u64>r, size - off) : r;     // whole blocks move; the count stops at EOF
}

export function directWrite(p: Proc, ino: u32, off: u64, va: u32, n: u32): i64 {
  if (!aligned(off) || !aligned(n) || !aligned(va)) return -Errno.EINVAL;
  const r = transfer(p, ino, off, va, n, true);
  if (r > 0 && off + <u64>r > iSize(ino)) iSetSize(ino, off + <u64>r);
  if (r > 0) iTouch(ino, T_MTIME | T_CTIME);
  if (r < <i64>n) trimPastSize(ino);    // a failed or short write: no block left past the size
  return r;
}

// Blocks (and indirect blocks) allocated ahead of a transfer that stopped early go back.
function trimPastSize(ino: u32): void {
  const keep = <u32>((iSize(ino) + BLOCK_SIZE - 1) / BLOCK_SIZE);
  pcTruncate(ino, keep);
  bmapFree(ino, keep);
}

// Move `len` bytes in runs of consecutive disk blocks, one DMA request per run (BIO_MAX_PAGES pages).
function transfer(p: Proc, ino: u32, off: u64, va: u32, len: u32, write: bool): i64 {
  let done: u32 = 0;
  while (done < len) {
    const first = <u32>((off + done) / BLOCK_SIZE);
    const block = fsBlockOf(ino, first, write);
    if (block == BLOCK_BAD) return done > 0 ? <i64>done : -Errno.EIO;
    if (block == 0) {
      if (write) return done > 0 ? <i64>done : -Errno.ENOSPC;
      const ph = userPhys(p, va + done, true);             // a hole reads as zeros
      if (ph < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
      memory.fill(<usize>ph, 0, BLOCK_SIZE);
      done += BLOCK_SIZE;
      continue;
    }
    const run = runLength(ino, first, block, (len - done) / BLOCK_SIZE, write);
    const r = dmaRun(p, ino, first, block, run, va + done, write);
    if (r < 0) return done > 0 ? <i64>done : r;
    done += run * BLOCK_SIZE;
  }
  return done;
}

function runLength(ino: u32, first: u32, block: u32, max: u32, write: bool): u32 {
  let n: u32 = 1;
  while (n < max && n < <u32>BIO_MAX_PAGES && fsBlockOf(ino, first + n, write) == block + n) n++;
  return n;
}

function dmaRun(p: Proc, ino: u32, first: u32, block: u32, n: u32, va: u32, write: bool): i32 {
  for (let i: u32 = 0; i < n; i++) {
    const cached = pcFind(ino, first + i);
    if (cached != 0 && pcWriteback(cached) < 0) return -Errno.EIO;     // coherence before the DMA
    const ph = userPhys(p, va + i * BLOCK_SIZE, !write);
    if (ph < 0) { unpin(i); return -Errno.EFAULT; }
    const pfn = <u32>(ph >>> PAGE_SHIFT);
    kget(pfn); frame(pfn).flags |= FR_PINNED;
    store<u32>(pinned + (<usize>i << 2), <u32>ph);
  }
  const r = diskIo(write, <u64>block * SECTORS_PER_BLOCK, pinned, <i32>n, Place.user);
  unpin(n);
  if (write) for (let i: u32 = 0; i < n; i++) pcForget(ino, first + i);
  return r;
}

function unpin(n: u32): void {
  for (let i: u32 = 0; i < n; i++) {
    const pfn = load<u32>(pinned + (<usize>i << 2)) >>> PAGE_SHIFT;
    frame(pfn).flags &= ~FR_PINNED;
    kput(pfn);
  }
}
