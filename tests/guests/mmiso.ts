// Test guest for memory isolation (tests/isolation.mm-*.test.ts). argv[1] picks the attack; each
// mode prints what it observed, one fact a line, so a test compares the whole output.
//   cow-mprotect read|none   a private page is read-only (or PROT_NONE) at fork; after fork both
//                            sides mprotect it writable and store: each must keep its own value
//   file-private PATH        MAP_PRIVATE PROT_READ of an O_RDONLY file, mprotect(PROT_WRITE), stores
//                            to two pages (one mapped by fault-around): the file must not change
//   file-shared-ro PATH      MAP_SHARED of an O_RDONLY fd: mprotect/mmap with PROT_WRITE are EACCES
//   ranges                   memory syscalls with 64-bit lengths and addresses that wrap
//   brk-wrap                 brk(-1) must fail and leave the heap as it was
//   munmap-wrap-fork         munmap with a length near 2^64, then forks (no frame may leak)
//   argstore                 a store to the argument block (read-only): SIGSEGV
//   pipe2-efault             pipe2 with a kernel-half pointer: EFAULT and no fd left open
//   exec-vec PROG unmapped|scattered   execve with an argv vector crossing a page boundary
//   exec-str PROG unmapped|scattered   execve with an argv string crossing a page boundary
//   exec-big PROG            execve with a 70,000-byte argument: E2BIG
// Attacks that were already stopped (each must end in SIGSEGV or an errno, never in data):
//   kernel-store kernel-load wrap-load wrap-offset   guest accesses to the kernel half / wrapping
//   fill-bad copy-bad copy-kernel copy-wrap          bulk memory ops reaching a bad page
//   tlb-switch               a stale TLB entry after a process switch
//   vmsplice-munmap          the pipe keeps the page's bytes after munmap; a new page is not it
//   mprotect-full            mprotect over two regions when the region table is full: ENOMEM after
//                            the first region changed; its pages must follow (a store: SIGSEGV)
//   munmap-full              munmap of a region's middle page when the region table is full:
//                            ENOMEM and nothing unmapped (the page keeps its data)
import {
  arg, print, errnoName, exit_group, fork, waitpid, pipe2, read, write, close, open, pread64, dup,
  mmap, munmap, mprotect, msync, madvise, mincore, brk, execve, syscall6, cstr, Sys,
  PAGE_SIZE, ARG_BASE, PROT_NONE, PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_SHARED, MAP_ANONYMOUS,
  MAP_FIXED, MAP_POPULATE, O_RDONLY, MS_SYNC, MADV_DONTNEED, vmsplice, USER_TOP,
} from "../../guests/sdk";

const NEAR64: u64 = 0xffffffffffffe001;   // rounds up past 2^64

function res(what: string, r: i64): void {
  print(what + " " + (r < 0 && r >= -4095 ? errnoName(<i32>-r) : "ok") + "\n");
}

function must(what: string, r: i64): i64 {
  if (r < 0 && r >= -4095) { print(what + " failed " + errnoName(<i32>-r) + "\n"); exit_group(2); }
  return r;
}

function anon(len: usize, prot: i32): usize {
  return <usize>must("mmap", mmap(0, len, prot, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0));
}

const fds = memory.data(8);
const one = memory.data(4);

function cowMprotect(before: i32): void {
  const p = anon(PAGE_SIZE, PROT_READ | PROT_WRITE);
  store<u32>(p, 1);
  must("mprotect", mprotect(p, PAGE_SIZE, before));
  must("pipe2", pipe2(fds)); const a0 = load<i32>(fds), a1 = load<i32>(fds + 4);
  must("pipe2", pipe2(fds)); const b0 = load<i32>(fds), b1 = load<i32>(fds + 4);
  const pid = <i32>must("fork", fork());
  if (pid == 0) {
    must("mprotect", mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE));
    store<u32>(p, 2);
    write(a1, one, 1);
    read(b0, one, 1);
    exit_group(<i32>load<u32>(p));
  }
  read(a0, one, 1);
  mprotect(p, PAGE_SIZE, PROT_READ);
  print("parent sees " + load<u32>(p).toString() + "\n");
  must("mprotect", mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE));
  store<u32>(p, 3);
  write(b1, one, 1);
  const st = memory.data(4);
  waitpid(pid, st, 0);
  print("child sees " + ((load<i32>(st) >> 8) & 0xff).toString() + "\n");
  print("parent keeps " + load<u32>(p).toString() + "\n");
}

function fileBytes(fd: i32): string {
  const b = memory.data(1);
  pread64(fd, b, 1, 0); let s = String.fromCharCode(load<u8>(b));
  pread64(fd, b, 1, PAGE_SIZE); s += String.fromCharCode(load<u8>(b));
  return s;
}

function filePrivate(path: string): void {
  const fd = <i32>must("open", open(path, O_RDONLY));
  const p = <usize>must("mmap", mmap(0, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0));
  print("mapped " + String.fromCharCode(load<u8>(p)) + "\n");   // page 1 comes by fault-around
  res("mprotect", mprotect(p, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE));
  store<u8>(p, 0x58); store<u8>(p + PAGE_SIZE, 0x59);
  print("mapping " + String.fromCharCode(load<u8>(p)) + String.fromCharCode(load<u8>(p + PAGE_SIZE)) + "\n");
  print("file " + fileBytes(fd) + "\n");
  const fd2 = <i32>must("open", open(path, O_RDONLY));
  print("reopened " + fileBytes(fd2) + "\n");
}

function fileSharedRo(path: string): void {
  const fd = <i32>must("open", open(path, O_RDONLY));
  const p = <usize>must("mmap", mmap(0, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0));
  res("mprotect shared rw", mprotect(p, PAGE_SIZE, PROT_READ | PROT_WRITE));
  res("mmap shared rw", mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
  res("mmap private rw", mmap(0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0));
  res("mmap offset 2^63", mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, <i64>0x8000000000000000));
  res("mmap offset past 2^63", mmap(0, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE, fd, 0x7ffffffffffff000));
  print("still " + String.fromCharCode(load<u8>(p)) + "\n");
}

function ranges(): void {
  const p = anon(4 * PAGE_SIZE, PROT_READ | PROT_WRITE);
  store<u32>(p, 77);
  const vec = memory.data(16);
  res("munmap near 2^64", syscall6(Sys.munmap, p, NEAR64, 0, 0, 0, 0));
  res("munmap wraps", syscall6(Sys.munmap, p + PAGE_SIZE, <u64>0 - <u64>PAGE_SIZE, 0, 0, 0, 0));
  res("munmap past top", syscall6(Sys.munmap, 0xbffff000, 0x2000, 0, 0, 0, 0));
  res("munmap addr 2^32", syscall6(Sys.munmap, <u64>0x100000000 + p, PAGE_SIZE, 0, 0, 0, 0));
  res("mmap near 2^64", syscall6(Sys.mmap, 0, NEAR64, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  res("mmap fixed wraps", syscall6(Sys.mmap, p, <u64>0 - <u64>PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
  res("mmap fixed 2^32", syscall6(Sys.mmap, <u64>0x100000000 + p, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
  res("mprotect near 2^64", syscall6(Sys.mprotect, p, NEAR64, PROT_READ, 0, 0, 0));
  res("mprotect wraps", syscall6(Sys.mprotect, p, <u64>0 - <u64>PAGE_SIZE, PROT_READ, 0, 0, 0));
  res("mprotect addr 2^32", syscall6(Sys.mprotect, <u64>0x100000000 + p, PAGE_SIZE, PROT_READ, 0, 0, 0));
  res("madvise near 2^64", syscall6(Sys.madvise, p, NEAR64, MADV_DONTNEED, 0, 0, 0));
  res("madvise wraps", syscall6(Sys.madvise, p, <u64>0 - <u64>PAGE_SIZE, MADV_DONTNEED, 0, 0, 0));
  res("madvise addr 2^32", syscall6(Sys.madvise, <u64>0x100000000 + p, PAGE_SIZE, MADV_DONTNEED, 0, 0, 0));
  res("msync near 2^64", syscall6(Sys.msync, p, NEAR64, MS_SYNC, 0, 0, 0));
  res("msync wraps", syscall6(Sys.msync, p, <u64>0 - <u64>PAGE_SIZE, MS_SYNC, 0, 0, 0));
  res("msync addr 2^32", syscall6(Sys.msync, <u64>0x100000000 + p, PAGE_SIZE, MS_SYNC, 0, 0, 0));
  res("mincore near 2^64", syscall6(Sys.mincore, p, NEAR64, vec, 0, 0, 0));
  res("mincore wraps", syscall6(Sys.mincore, p, <u64>0 - <u64>PAGE_SIZE, vec, 0, 0, 0));
  res("mincore addr 2^32", syscall6(Sys.mincore, <u64>0x100000000 + p, PAGE_SIZE, vec, 0, 0, 0));
  store<u8>(vec, 0xee);
  res("mincore vec 2^32", syscall6(Sys.mincore, p, PAGE_SIZE, <u64>0x100000000 + vec, 0, 0, 0));
  print("vec " + load<u8>(vec).toString() + "\n");
  print("data " + load<u32>(p).toString() + "\n");
  res("munmap whole", munmap(p, 4 * PAGE_SIZE));
}

function brkWrap(): void {
  const b0 = brk(0);
  const heap = memory.data(4);
  store<u32>(heap, 1234);
  const r = syscall6(Sys.brk, -1, 0, 0, 0, 0, 0);
  print("brk(-1) " + (r == b0 ? "unchanged" : "moved") + "\n");
  const r2 = syscall6(Sys.brk, <u64>b0 + 0x100000000, 0, 0, 0, 0, 0);
  print("brk(+2^32) " + (r2 == b0 ? "unchanged" : "moved") + "\n");
  print("heap " + load<u32>(heap).toString() + " brk " + (brk(0) == b0 ? "same" : "changed") + "\n");
}

function munmapWrapFork(): void {
  const p = anon(4 * PAGE_SIZE, PROT_READ | PROT_WRITE);
  store<u32>(p + PAGE_SIZE, 5);
  res("munmap", syscall6(Sys.munmap, p + 2 * PAGE_SIZE, <u64>0 - <u64>PAGE_SIZE, 0, 0, 0, 0));
  const st = memory.data(4);
  for (let i = 0; i < 4; i++) {
    const pid = <i32>must("fork", fork());
    if (pid == 0) exit_group(<i32>load<u32>(p + PAGE_SIZE));
    waitpid(pid, st, 0);
  }
  print("children exited " + ((load<i32>(st) >> 8) & 0xff).toString() + "\n");
}

function pipe2Efault(): void {
  res("pipe2", pipe2(0xc0000000));
  res("pipe2 last byte", pipe2(0xbffffffc));
  print("next fd " + dup(0).toString() + "\n");
}

// A page at p and an unmapped (or mapped) page right after it.
function twoPages(second: bool): usize {
  const p = anon(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
  if (!second) must("munmap", munmap(p + PAGE_SIZE, PAGE_SIZE));
  return p;
}

function putStr(at: usize, s: string): void {
  for (let i = 0; i < s.length; i++) store<u8>(at + i, <u8>s.charCodeAt(i));
  store<u8>(at + s.length, 0);
}

function execVec(prog: string, second: bool): void {
  const p = twoPages(second);
  const path = cstr(prog);
  putStr(p + 16, "crossing");              // at 0xbf......: the pointer's high bytes are not zero
  const a1 = <u32>(p + 16);
  const vec = p + PAGE_SIZE - 6;           // argv[0] lies in page 0, argv[1] across the boundary
  store<u32>(vec, <u32>changetype<usize>(path));
  store<u8>(vec + 4, <u8>a1); store<u8>(vec + 5, <u8>(a1 >> 8));
  if (second) { store<u16>(vec + 6, <u16>(a1 >> 16)); store<u32>(vec + 8, 0); }
  res("execve", execve(changetype<usize>(path), vec, 0));
}

function execStr(prog: string, second: bool): void {
  const p = twoPages(second);
  const path = cstr(prog);
  const s = p + PAGE_SIZE - 5;
  if (second) putStr(s, "page-crossing");
  else for (let i: usize = 0; i < 5; i++) store<u8>(s + i, 0x41);
  const vec = memory.data(12);
  store<u32>(vec, <u32>changetype<usize>(path)); store<u32>(vec + 4, <u32>s); store<u32>(vec + 8, 0);
  res("execve", execve(changetype<usize>(path), vec, 0));
}

function execBig(prog: string): void {
  const n: usize = 70000;
  const p = anon(n + 1, PROT_READ | PROT_WRITE);
  memory.fill(p, 0x61, n);
  const path = cstr(prog);
  const vec = memory.data(12);
  store<u32>(vec, <u32>changetype<usize>(path)); store<u32>(vec + 4, <u32>p); store<u32>(vec + 8, 0);
  res("execve", execve(changetype<usize>(path), vec, 0));
}

// The child munmaps X; the parent loads X (its TLB entry) and wakes the child, which loads X.
function tlbSwitch(): void {
  const x = anon(PAGE_SIZE, PROT_READ | PROT_WRITE);
  store<u32>(x, 0x5ec12e7);
  must("pipe2", pipe2(fds)); const a0 = load<i32>(fds), a1 = load<i32>(fds + 4);
  must("pipe2", pipe2(fds)); const b0 = load<i32>(fds), b1 = load<i32>(fds + 4);
  const pid = <i32>must("fork", fork());
  if (pid == 0) {
    must("munmap", munmap(x, PAGE_SIZE));
    write(a1, one, 1);
    read(b0, one, 1);
    print("child read " + load<u32>(x).toString() + "\n");
    exit_group(0);
  }
  read(a0, one, 1);
  print("parent reads " + load<u32>(x).toString() + "\n");
  write(b1, one, 1);
  const st = memory.data(4);
  waitpid(pid, st, 0);
  print("child signal " + (load<i32>(st) & 0x7f).toString() + "\n");
}

function vmspliceMunmap(): void {
  const p = anon(PAGE_SIZE, PROT_READ | PROT_WRITE);
  memory.fill(p, 0xab, PAGE_SIZE);
  must("pipe2", pipe2(fds)); const r0 = load<i32>(fds), r1 = load<i32>(fds + 4);
  const iov = memory.data(8);
  store<u32>(iov, <u32>p); store<u32>(iov + 4, PAGE_SIZE);
  res("vmsplice", vmsplice(r1, iov, 1, 0));
  res("munmap", munmap(p, PAGE_SIZE));
  const q = anon(PAGE_SIZE, PROT_READ | PROT_WRITE);
  memory.fill(q, 0xcd, PAGE_SIZE);
  const buf = memory.data(PAGE_SIZE);
  const n = read(r0, buf, PAGE_SIZE);
  let same = 0;
  for (let i = 0; i < PAGE_SIZE; i++) if (load<u8>(buf + i) == 0xab) same++;
  print("read " + n.toString() + ", " + same.toString() + " bytes as spliced\n");
  close(r0); close(r1);
  res("munmap new", munmap(q, PAGE_SIZE));
}

function mprotectFull(): void {
  const hi = anon(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
  const lo = anon(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
  if (lo + 2 * PAGE_SIZE != hi) { print("not adjacent\n"); exit_group(2); }
  let n = 0;
  while (mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) >= 0) n++;
  res("mprotect", mprotect(lo, 3 * PAGE_SIZE, PROT_READ));
  store<u32>(hi, 7);                       // the part not reached stays writable
  print("store to the unchanged region ok\n");
  store<u32>(lo, 7);
  print("survived\n");
}

function munmapFull(): void {
  const p = anon(3 * PAGE_SIZE, PROT_READ | PROT_WRITE);
  store<u32>(p + PAGE_SIZE, 4242);
  while (mmap(0, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) >= 0) {}
  res("munmap", munmap(p + PAGE_SIZE, PAGE_SIZE));
  print("page keeps " + load<u32>(p + PAGE_SIZE).toString() + "\n");
}

// One bad access; if it returns, say so.
function attack(mode: string): void {
  const p = anon(2 * PAGE_SIZE, PROT_READ | PROT_WRITE);
  must("munmap", munmap(p + PAGE_SIZE, PAGE_SIZE));
  const buf = memory.data(64);
  print("attack\n");
  if (mode == "kernel-store") store<u8>(<usize>USER_TOP, 1);
  else if (mode == "kernel-load") store<u32>(buf, load<u32>(<usize>USER_TOP + 0x1000));
  else if (mode == "wrap-load") store<u32>(buf, load<u32>(0xfffffffe));
  else if (mode == "wrap-offset") store<u32>(buf, load<u32>(0xfffffff0, 0x20));
  else if (mode == "fill-bad") memory.fill(p + PAGE_SIZE - 16, 0x55, 32);
  else if (mode == "copy-bad") memory.copy(buf, p + PAGE_SIZE - 16, 32);
  else if (mode == "copy-kernel") memory.copy(buf, <usize>USER_TOP - 16, 32);
  else if (mode == "copy-wrap") memory.copy(buf, 0xfffffff0, 32);
  print("survived " + load<u32>(buf).toString() + "\n");
}

const mode = arg(1);
if (mode == "cow-mprotect") cowMprotect(arg(2) == "none" ? PROT_NONE : PROT_READ);
else if (mode == "file-private") filePrivate(arg(2));
else if (mode == "file-shared-ro") fileSharedRo(arg(2));
else if (mode == "ranges") ranges();
else if (mode == "brk-wrap") brkWrap();
else if (mode == "munmap-wrap-fork") munmapWrapFork();
else if (mode == "argstore") { store<u8>(<usize>ARG_BASE + 1, 9); print("stored\n"); }
else if (mode == "pipe2-efault") pipe2Efault();
else if (mode == "exec-vec") execVec(arg(2), arg(3) == "scattered");
else if (mode == "exec-str") execStr(arg(2), arg(3) == "scattered");
else if (mode == "exec-big") execBig(arg(2));
else if (mode == "tlb-switch") tlbSwitch();
else if (mode == "vmsplice-munmap") vmspliceMunmap();
else if (mode == "mprotect-full") mprotectFull();
else if (mode == "munmap-full") munmapFull();
else if (mode.startsWith("kernel-") || mode.startsWith("wrap-") || mode.startsWith("fill-") || mode.startsWith("copy-")) attack(mode);
else { print("unknown mode\n"); exit_group(2); }
exit_group(0);
