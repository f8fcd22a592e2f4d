// /dev's character devices, with Linux's semantics (drivers/char/mem.c, random.c): null reads
// end of file and takes every write; zero and full read zeros, full refuses writes (ENOSPC);
// random and urandom read the kernel's seeded generator (random.ts: deterministic by default) and
// take writes; tty and console open the console itself (an FT_CONSOLE file); netmap opens an
// FT_NETMAP file (net/netmap.ts: ioctl, mmap, poll; read and write EINVAL). Reads are counted
// copies (Routine.dev_read), one per page.
// Interface: devOpen(p, kind, flags) -> fd or -errno (tty, console, netmap; another device: procfs's "not
// mine" value, it opens them itself);
// devRead(p, kind, va, n), devWrite(p, kind, va, n) -> bytes or -errno; devRdev(kind) -> st_rdev.
import { Errno } from "./abi/errno";
import { Routine } from "./abi/trace";
import { PAGE_SIZE } from "./abi/layout";
import { O_CREAT, O_EXCL, O_TRUNC, O_CLOEXEC, O_NOFOLLOW, O_DIRECTORY } from "./abi/fcntl";
import { Proc } from "./proc";
import { fileAlloc, fileAt, fileClose, fdAlloc, FT_CONSOLE, FT_NETMAP } from "./file";
import { copyToUser } from "./copy";
import { randomFill } from "./random";
import { PNode, NOT_PSEUDO } from "./procfs";

const MEM_MAJOR: u64 = 1;          // Linux's major of null, zero, full, random, urandom
const TTYAUX_MAJOR: u64 = 5;       // ... of tty (minor 0) and console (minor 1)
const MISC_MAJOR: u64 = 10;        // netmap is a misc device (its minor is dynamic on Linux)
const NETMAP_MINOR: u64 = 120;
const CONSOLE_OUT: u32 = 1;        // the host stream console output goes to (stdout)

const zeros: usize = memory.data(PAGE_SIZE);   // never written: the source of zero reads
const rbuf: usize = memory.data(PAGE_SIZE);    // devRead's random bytes

// Linux's new_encode_dev for small numbers: major << 8 | minor.
export function devRdev(k: u32): u64 {
  if (k == PNode.devTty) return TTYAUX_MAJOR << 8;
  if (k == PNode.devConsole) return (TTYAUX_MAJOR << 8) | 1;
  if (k == PNode.devNetmap) return (MISC_MAJOR << 8) | NETMAP_MINOR;
  const minor: u64 = k == PNode.devNull ? 3 : k == PNode.devZero ? 5 : k == PNode.devFull ? 7 : k == PNode.devRandom ? 8 : 9;
  return (MEM_MAJOR << 8) | minor;
}

export function devOpen(p: Proc, k: u32, flags: u32): i64 {
  if (k != PNode.devTty && k != PNode.devConsole && k != PNode.devNetmap) return NOT_PSEUDO;
  const fi = fileAlloc(k == PNode.devNetmap ? FT_NETMAP : FT_CONSOLE, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_DIRECTORY));
  if (fi < 0) return -Errno.ENFILE;
  if (k != PNode.devNetmap) fileAt(fi).ino = CONSOLE_OUT;
  const fd = fdAlloc(p, fi, (flags & O_CLOEXEC) != 0);
  if (fd < 0) fileClose(fi);
  return fd;
}

export function devRead(p: Proc, k: u32, va: u32, n: u32): i64 {
  if (k == PNode.devNull) return 0;
  const random = k == PNode.devRandom || k == PNode.devUrandom;
  let done: u32 = 0;
  while (done < n) {
    const chunk = min(n - done, <u32>PAGE_SIZE);
    if (random) randomFill(rbuf, chunk);
    if (copyToUser(p, va + done, random ? rbuf : zeros, chunk, Routine.dev_read) < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    done += chunk;
  }
  return done;
}

export function devWrite(p: Proc, k: u32, va: u32, n: u32): i64 {
  return k == PNode.devFull ? -Errno.ENOSPC : <i64>n;
}
