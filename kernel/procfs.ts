// The pseudo file systems mounted over the root's /proc and /dev names (Linux's procfs and
// devtmpfs): a fixed tree of nodes, no inodes on disk. A node is a u32: its kind, and the pid
// and fd it is about. Opening one gives a file of type FT_PSEUDO whose `ino` is the node; a /proc
// file's text is made at open (and again by a read from offset 0) into a one-page kernel buffer
// the open file holds (File.page), then read with a counted copy (Routine.proc_read). The page is
// a window on the text (procfsseq.ts): the frame record keeps the text's whole length in `data`
// and the window's offset in `index`; a read outside the window makes the text again, keeping the
// page from the read's offset on (as Linux's seq_read starts again from a position), so a text of
// any length reads whole, one read or many. /dev's files are served by devfs.ts.
//
//   node:  bits 0-7 kind (PNode)  8-15 fd (fd links)  16-31 pid (per-process nodes)
//
// Interface: PNode, NOT_PSEUDO, pseudoLookup(p, dirfd, start, path, len, follow) -> node,
// -errno or NOT_PSEUDO (not a /proc or /dev path), pseudoOpen(p, node, flags, follow) -> fd or
// -errno, pseudoRead(p, f, va, n, pos), pseudoWrite(p, f, va, n), pseudoSeek(f, off, whence),
// pseudoClose(f), pseudoGetdents(p, f, buf, count), putDirent(p, buf, out, count, ino, off, type, nl)
// (one record, its name at direntName), pseudoEntry(p, dir, i, name) (WASI's readdir; entryLen,
// entryType), isPseudoDir(node), pseudoStat(p, node, st) -> 0/-errno (fills
// STAT_SIZE bytes), pseudoReadlink(p, node, buf) -> length or -errno, fdLinkTarget(p, node) ->
// the open file an fd link names or -1, isFdLink(node), nodeKind(node), nodePid(node), kindName(kind)
// (an entry's name).
import { Errno } from "./abi/errno";
import { Routine } from "./abi/trace";
import { Owner, PAGE_SIZE } from "./abi/layout";
import { STAT_SIZE, ST_DEV, ST_INO, ST_MODE, ST_NLINK, ST_RDEV, ST_BLKSIZE, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR,
  D_INO, D_OFF, D_RECLEN, D_TYPE, D_NAME, DT_DIR, DT_REG, DT_LNK, DT_CHR } from "./abi/stat";
import { AT_FDCWD, O_ACCMODE, O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_DIRECTORY, O_CLOEXEC, O_NOFOLLOW, O_PATH, O_TRUNC, O_EXCL,
  SEEK_SET, SEEK_CUR } from "./abi/fcntl";
import { ROOT_INO } from "./abi/fs";
import { NOFILE } from "./param";
import { Proc, procByPid, procSlots, procAt, UNUSED } from "./proc";
import { File, fileAt, fileAlloc, fileClose, fileDup, fdAlloc, fdGet, FT_PSEUDO } from "./file";
import { kalloc, kput, frame, pa } from "./kalloc";
import { copyToUser, copyFromUser } from "./copy";
import { setLeaseBreakTime } from "./lease";
import { Seq } from "./procfsseq";
import { generate, fdLinkText } from "./procfsgen";
import { devRead, devWrite, devRdev, devOpen } from "./devfs";

export enum PNode {
  procRoot = 1, meminfo = 2, vmstat = 3, stat = 4, uptime = 5, loadavg = 6, version = 7, self = 8,
  pidDir = 9, pidStatus = 10, pidStat = 11, pidCmdline = 12, pidMaps = 13, pidWchan = 14, pidFd = 15, fdLink = 16,
  devRoot = 17, devNull = 18, devZero = 19, devFull = 20, devRandom = 21, devUrandom = 22, devTty = 23, devConsole = 24,
  devNetmap = 25,
  sysDir = 26, sysFs = 27, leaseBreakTime = 28,    // /proc/sys, /proc/sys/fs, /proc/sys/fs/lease-break-time
}
const ROOT_FIRST: u32 = PNode.meminfo, ROOT_LAST: u32 = PNode.self;       // /proc's named entries
const PID_FIRST: u32 = PNode.pidStatus, PID_LAST: u32 = PNode.pidFd;      // /proc/PID's entries
const DEV_FIRST: u32 = PNode.devNull, DEV_LAST: u32 = PNode.devNetmap;   // /dev's entries
export const NOT_PSEUDO: i64 = -0x10000;     // not an errno: the path is the disk's business
const PROC_DEV: u64 = 0x15;                  // st_dev of /proc (an anonymous device, as Linux's)
const DEV_DEV: u64 = 0x5;                    // st_dev of /dev (devtmpfs)
const PROC_BLKSIZE: i32 = 1 << 10;           // Linux's st_blksize of a proc file (1 KiB)
const FIRST_ENTRY: u32 = 2;                  // getdents index of the first entry after "." and ".."

@inline export function nodeKind(n: u32): u32 { return n & 0xff; }
@inline export function nodePid(n: u32): u32 { return n >>> 16; }
@inline function nodeFd(n: u32): i32 { return <i32>((n >>> 8) & 0xff); }
@inline function mkNode(kind: u32, pid: u32, fd: i32): u32 { return kind | (<u32>fd << 8) | (pid << 16); }
@inline export function isFdLink(n: u32): bool { return nodeKind(n) == PNode.fdLink; }
@inline function isDirKind(k: u32): bool {
  return k == PNode.procRoot || k == PNode.pidDir || k == PNode.pidFd || k == PNode.devRoot || k == PNode.sysDir || k == PNode.sysFs;
}
@inline function isDevKind(k: u32): bool { return k >= DEV_FIRST && k <= DEV_LAST; }

export function kindName(k: u32): string {
  switch (k) {
    case PNode.meminfo: return "meminfo";
    case PNode.vmstat: return "vmstat";
    case PNode.stat: return "stat";
    case PNode.uptime: return "uptime";
    case PNode.loadavg: return "loadavg";
    case PNode.version: return "version";
    case PNode.self: return "self";
    case PNode.pidStatus: return "status";
    case PNode.pidStat: return "stat";
    case PNode.pidCmdline: return "cmdline";
    case PNode.pidMaps: return "maps";
    case PNode.pidWchan: return "wchan";
    case PNode.pidFd: return "fd";
    case PNode.devNull: return "null";
    case PNode.devZero: return "zero";
    case PNode.devFull: return "full";
    case PNode.devRandom: return "random";
    case PNode.devUrandom: return "urandom";
    case PNode.devTty: return "tty";
    case PNode.devConsole: return "console";
    case PNode.sysDir: return "sys";
    case PNode.sysFs: return "fs";
    case PNode.leaseBreakTime: return "lease-break-time";
    case PNode.devNetmap: return "netmap";
  }
  return "";
}

function nameIs(path: usize, len: i32, t: string): bool {
  if (len != t.length) return false;
  for (let i = 0; i < len; i++) if (<i32>load<u8>(path + i) != t.charCodeAt(i)) return false;
  return true;
}

// A decimal component ("123"), or -1.
function number(path: usize, len: i32): i64 {
  if (len == 0 || len > 9) return -1;
  let v: i64 = 0;
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(path + i) - 0x30;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function named(first: u32, last: u32, pid: u32, path: usize, len: i32): u32 {
  for (let k = first; k <= last; k++) if (nameIs(path, len, kindName(k))) return mkNode(k, pid, 0);
  return 0;
}

// The child `path[0..len)` of directory node `dir` for process `p` (self resolved), or 0.
function child(p: Proc, dir: u32, path: usize, len: i32): u32 {
  const k = nodeKind(dir), pid = nodePid(dir);
  if (k == PNode.devRoot) return named(DEV_FIRST, DEV_LAST, 0, path, len);
  if (k == PNode.sysDir) return named(PNode.sysFs, PNode.sysFs, 0, path, len);
  if (k == PNode.sysFs) return named(PNode.leaseBreakTime, PNode.leaseBreakTime, 0, path, len);
  if (k == PNode.pidDir) return procByPid(pid) ? named(PID_FIRST, PID_LAST, pid, path, len) : 0;
  if (k == PNode.pidFd) {
    const fd = number(path, len), t = procByPid(pid);
    return t && fd >= 0 && fd < NOFILE && fdGet(t, <i32>fd) >= 0 ? mkNode(PNode.fdLink, pid, <i32>fd) : 0;
  }
  if (k != PNode.procRoot) return 0;
  const n = number(path, len);
  if (n > 0) return procByPid(<u32>n) ? mkNode(PNode.pidDir, <u32>n, 0) : 0;
  if (nameIs(path, len, "sys")) return PNode.sysDir;
  return named(ROOT_FIRST, ROOT_LAST, 0, path, len);
}

// The node `dirfd` is open on (AT_FDCWD: the working directory's, when it lies in /proc or /dev), or 0.
function dirfdNode(p: Proc, dirfd: i32): u32 {
  if (dirfd == AT_FDCWD) return p.cwdNode;
  const fi = fdGet(p, dirfd);
  return fi >= 0 && fileAt(fi).type == FT_PSEUDO ? fileAt(fi).ino : 0;
}

// Resolve a path (already fetched into `path`) that lies in /proc or /dev: absolute, relative to
// the root directory (`start` is where a relative path begins: WASI's preopened "/", a cwd of /),
// or relative to an open pseudo directory. "self" is followed on the way, and at the end if `follow`.
export function pseudoLookup(p: Proc, dirfd: i32, start: i64, path: usize, len: i32, follow: bool): i64 {
  let i = 0;
  let node: u32 = dirfdNode(p, dirfd);
  if (len > 0 && load<u8>(path) == 0x2f) node = 0;
  else if (node == 0 && start != ROOT_INO) return NOT_PSEUDO;
  if (node != 0 && !isDirKind(nodeKind(node))) return -Errno.ENOTDIR;
  let mounted = node != 0;
  while (i < len) {
    while (i < len && load<u8>(path + i) == 0x2f) i++;
    let j = i;
    while (j < len && load<u8>(path + j) != 0x2f) j++;
    if (j == i) break;
    const c = path + i, cl = j - i;
    i = j;
    if (nameIs(c, cl, ".")) { if (mounted) continue; return NOT_PSEUDO; }
    if (!mounted) {                                     // the mount points in the root
      if (nameIs(c, cl, "proc")) node = PNode.procRoot;
      else if (nameIs(c, cl, "dev")) node = PNode.devRoot;
      else return NOT_PSEUDO;
      mounted = true;
      continue;
    }
    if (nameIs(c, cl, "..")) { node = parentOf(node); if (node == 0) return NOT_PSEUDO; continue; }
    if (!isDirKind(nodeKind(node))) return -Errno.ENOTDIR;
    node = child(p, node, c, cl);
    if (node == 0) return -Errno.ENOENT;
    const last = i >= len || onlySlashes(path + i, len - i);
    if (nodeKind(node) == PNode.self && (!last || follow)) node = mkNode(PNode.pidDir, p.pid, 0);
    if (!last && isFdLink(node)) return -Errno.ENOTDIR;   // (a link to a directory: not followed here)
  }
  if (!mounted) return NOT_PSEUDO;
  return node;
}

function onlySlashes(a: usize, n: i32): bool {
  for (let i = 0; i < n; i++) if (load<u8>(a + i) != 0x2f) return false;
  return true;
}

// ".." of a node; 0 above /proc or /dev (the root file system's directory).
function parentOf(n: u32): u32 {
  const k = nodeKind(n);
  if (k == PNode.pidDir) return PNode.procRoot;
  if (k == PNode.pidFd) return mkNode(PNode.pidDir, nodePid(n), 0);
  if (k == PNode.sysDir) return PNode.procRoot;
  if (k == PNode.sysFs) return PNode.sysDir;
  return 0;
}

// The open file (index) that fd link `node` names, or -1.
export function fdLinkTarget(p: Proc, node: u32): i32 {
  const t = procByPid(nodePid(node));
  return t ? fdGet(t, nodeFd(node)) : -1;
}

export function pseudoOpen(p: Proc, node: u32, flags: u32, follow: bool): i64 {
  const k = nodeKind(node);
  if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) return -Errno.EEXIST;
  if (isFdLink(node) || k == PNode.self) {
    if (!follow && !(flags & O_PATH)) return -Errno.ELOOP;
    if (isFdLink(node)) return reopen(p, node, flags);
  }
  if (isDirKind(k) && (flags & O_ACCMODE) != O_RDONLY) return -Errno.EISDIR;
  if ((flags & O_DIRECTORY) && !isDirKind(k)) return -Errno.ENOTDIR;
  if (isDevKind(k)) { const c = devOpen(p, k, flags); if (c != NOT_PSEUDO) return c; }
  const fi = fileAlloc(FT_PSEUDO, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC | O_NOFOLLOW));
  if (fi < 0) return -Errno.ENFILE;
  const f = fileAt(fi);
  f.ino = node;
  if (!isDirKind(k) && !isDevKind(k)) {
    f.page = kalloc(Owner.kernel);
    if (f.page == 0) { fileClose(fi); return -Errno.ENOMEM; }
    if (!fill(p, f, 0)) { fileClose(fi); return -Errno.ESRCH; }
  }
  const fd = fdAlloc(p, fi, (flags & O_CLOEXEC) != 0);
  if (fd < 0) fileClose(fi);
  return fd;
}

// Opening /proc/PID/fd/N opens what it names again: here the same open file (a dup: the offset
// is shared, where Linux opens the file anew).
function reopen(p: Proc, node: u32, flags: u32): i64 {
  const t = fdLinkTarget(p, node);
  if (t < 0) return -Errno.ENOENT;
  fileDup(t);
  const fd = fdAlloc(p, t, (flags & O_CLOEXEC) != 0);
  if (fd < 0) fileClose(t);
  return fd;
}

// Make the file's text again, keeping the page from offset `from` on; false when the process it
// describes is gone.
const seq = changetype<Seq>(memory.data(offsetof<Seq>()));   // pseudoOpen's and pseudoRead's, one call at a time
function fill(p: Proc, f: File, from: u64): bool {
  seq.base = pa(f.page); seq.len = 0; seq.cap = PAGE_SIZE; seq.skip = <u32>from;
  const ok = generate(p, f.ino, seq);
  frame(f.page).data = seq.len;
  frame(f.page).index = <u32>from;
  return ok;
}

export function pseudoRead(p: Proc, f: File, va: u32, n: u32, pos: i64): i64 {
  const k = nodeKind(f.ino);
  if (isDevKind(k)) return devRead(p, k, va, n);
  if (isDirKind(k)) return -Errno.EISDIR;
  const off = pos >= 0 ? <u64>pos : f.offset;
  if (off > <u64>U32.MAX_VALUE) return 0;
  if (off == 0 && !fill(p, f, 0)) return -Errno.ESRCH;
  const m = readText(p, f, va, n, off);
  if (m > 0 && pos < 0) f.offset = off + <u64>m;
  return m;
}

// Copy text from offset `off` on, window by window; the bytes copied (or -errno before any).
function readText(p: Proc, f: File, va: u32, n: u32, off: u64): i64 {
  let done: u32 = 0;
  while (done < n) {
    const at = off + <u64>done, fr = frame(f.page);
    const from = <u64>fr.index;
    if (at < from || at >= from + PAGE_SIZE) {          // outside the window: make it again from `at`
      if (!fill(p, f, at)) return done > 0 ? <i64>done : -Errno.ESRCH;
      continue;
    }
    const end = min(<u64>fr.data, from + PAGE_SIZE);
    if (at >= end) break;                               // the end of the text
    const m = <u32>min(<u64>(n - done), end - at);
    if (copyToUser(p, va + done, pa(f.page) + <usize>(at - from), m, Routine.proc_read) < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    done += m;
  }
  return done;
}

// /dev's files take writes as Linux's do, and so does /proc/sys/fs/lease-break-time; /proc's other
// files here have no write: EIO for /proc's own (Linux's proc_reg_write), EINVAL for a process's (no
// write method); directories EISDIR.
export function pseudoWrite(p: Proc, f: File, va: u32, n: u32): i64 {
  const k = nodeKind(f.ino);
  if (isDevKind(k)) return devWrite(p, k, va, n);
  if (k == PNode.leaseBreakTime) return sysctlWrite(p, va, n);
  if (isDirKind(k)) return -Errno.EISDIR;
  return k >= ROOT_FIRST && k <= ROOT_LAST ? -Errno.EIO : -Errno.EINVAL;
}

// A sysctl's new value, in decimal (proc_dointvec: leading blanks, digits, then a newline or the
// end); EINVAL for anything else or a number past i32.
const sysctlBuf: usize = memory.data(24);
function sysctlWrite(p: Proc, va: u32, n: u32): i64 {
  const m = min(n, 23);
  if (copyFromUser(p, sysctlBuf, va, m) < 0) return -Errno.EFAULT;
  let i: u32 = 0, v: i64 = 0;
  while (i < m && (load<u8>(sysctlBuf + i) == 0x20 || load<u8>(sysctlBuf + i) == 0x09)) i++;
  const first = i;
  for (; i < m; i++) {
    const c = <i32>load<u8>(sysctlBuf + i) - 0x30;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    if (v > <i64>I32.MAX_VALUE) return -Errno.EINVAL;
  }
  if (i == first || (i < m && load<u8>(sysctlBuf + i) != 0x0a)) return -Errno.EINVAL;
  setLeaseBreakTime(<u32>v);
  return n;
}

// seq_lseek: SEEK_SET and SEEK_CUR only; /dev's files stay at 0 (Linux's noop_llseek for null/zero).
export function pseudoSeek(f: File, off: i64, whence: i32): i64 {
  const k = nodeKind(f.ino);
  if (isDevKind(k)) return 0;
  let pos = off;
  if (whence == SEEK_CUR) pos += <i64>f.offset;
  else if (whence != SEEK_SET) return -Errno.EINVAL;
  if (pos < 0) return -Errno.EINVAL;
  f.offset = <u64>pos;
  return pos;
}

export function pseudoClose(f: File): void {
  if (f.page != 0) { kput(f.page); f.page = 0; }
}

// --- getdents64 and stat

const dent: usize = memory.data(64);   // one dirent64 being built (pseudoGetdents's)

// The entry at index `i` of directory node `dir`: its node (0: none at i; past the end: -1).
function entryAt(p: Proc, dir: u32, i: u32): i64 {
  const k = nodeKind(dir), pid = nodePid(dir);
  if (i == 0) return dir;
  if (i == 1) { const up = parentOf(dir); return up != 0 ? up : ROOT_INO; }
  const j = i - FIRST_ENTRY;
  if (k == PNode.devRoot) return j <= DEV_LAST - DEV_FIRST ? mkNode(DEV_FIRST + j, 0, 0) : -1;
  if (k == PNode.pidDir) return j <= PID_LAST - PID_FIRST ? mkNode(PID_FIRST + j, pid, 0) : -1;
  if (k == PNode.pidFd) {
    const t = procByPid(pid);
    if (!t || j >= <u32>NOFILE) return -1;
    return fdGet(t, <i32>j) >= 0 ? mkNode(PNode.fdLink, pid, <i32>j) : 0;
  }
  if (k == PNode.sysDir) return j == 0 ? PNode.sysFs : -1;
  if (k == PNode.sysFs) return j == 0 ? PNode.leaseBreakTime : -1;
  if (j <= ROOT_LAST - ROOT_FIRST) return mkNode(ROOT_FIRST + j, 0, 0);
  if (j == ROOT_LAST - ROOT_FIRST + 1) return PNode.sysDir;
  const s = j - (ROOT_LAST - ROOT_FIRST + 2);
  if (s >= <u32>procSlots()) return -1;
  const t = procAt(<i32>s);
  return t && t.state != UNUSED ? mkNode(PNode.pidDir, t.pid, 0) : 0;
}

// The entry's name into `dst`; its length.
function entryName(i: u32, node: u32, dst: usize): i32 {
  if (i < FIRST_ENTRY) { for (let c: u32 = 0; c <= i; c++) store<u8>(dst + c, 0x2e); return <i32>i + 1; }
  const k = nodeKind(node);
  if (k == PNode.pidDir) return decimal(nodePid(node), dst);
  if (k == PNode.fdLink) return decimal(<u32>nodeFd(node), dst);
  const t = kindName(k);
  for (let c = 0; c < t.length; c++) store<u8>(dst + c, <u8>t.charCodeAt(c));
  return t.length;
}

function decimal(v: u32, dst: usize): i32 {
  let n = 1;
  for (let x = v; x >= 10; x /= 10) n++;
  for (let c = n - 1; c >= 0; c--) { store<u8>(dst + c, <u8>(0x30 + v % 10)); v /= 10; }
  return n;
}

function dtypeOf(i: u32, node: u32): u8 {
  const k = nodeKind(node);
  if (i < FIRST_ENTRY || isDirKind(k)) return DT_DIR;
  if (k == PNode.self || k == PNode.fdLink) return DT_LNK;
  return isDevKind(k) ? DT_CHR : DT_REG;
}

// struct linux_dirent64 records of the directory from its offset (the entry index) on.
export function pseudoGetdents(p: Proc, f: File, buf: u32, count: u32): i64 {
  if (!isDirKind(nodeKind(f.ino))) return -Errno.ENOTDIR;
  let out: u32 = 0;
  for (;;) {
    const i = <u32>f.offset;
    const node = entryAt(p, f.ino, i);
    if (node < 0) break;
    if (node > 0) {
      const nl = entryName(i, <u32>node, dent + D_NAME);
      const r = putDirent(p, buf, out, count, <u64>node, <i64>i + 1, dtypeOf(i, <u32>node), nl);
      if (r < 0) return r;
      if (r == out) break;                      // full
      out = <u32>r;
    }
    f.offset = <u64>(i + 1);
  }
  return out;
}

// One linux_dirent64 whose name (nl bytes) is at direntName, copied out at buf + out when it fits in
// count: the new length; `out` itself when it does not fit (-EINVAL if nothing did), -EFAULT.
export const direntName: usize = dent + D_NAME;
export function putDirent(p: Proc, buf: u32, out: u32, count: u32, ino: u64, off: i64, dtype: u8, nl: i32): i64 {
  const rec = (<u32>D_NAME + <u32>nl + 1 + 7) & ~7;
  if (out + rec > count) return out == 0 ? -Errno.EINVAL : <i64>out;
  memory.fill(dent + D_NAME + nl, 0, rec - D_NAME - nl);
  store<u64>(dent + D_INO, ino); store<i64>(dent + D_OFF, off);
  store<u16>(dent + D_RECLEN, <u16>rec); store<u8>(dent + D_TYPE, dtype);
  if (copyToUser(p, buf + out, dent, rec) < 0) return -Errno.EFAULT;
  return <i64>(out + rec);
}

// Entry `i` of pseudo directory `dir` (WASI's fd_readdir): its node (0: none at i; -1: past the
// end), its name into `name` (entryLen bytes) and its d_type into entryType.
export let entryLen: i32 = 0;
export let entryType: u8 = 0;
export function pseudoEntry(p: Proc, dir: u32, i: u32, name: usize): i64 {
  if (!isDirKind(nodeKind(dir))) return -1;
  const node = entryAt(p, dir, i);
  if (node <= 0) return node;
  entryLen = entryName(i, <u32>node, name);
  entryType = dtypeOf(i, <u32>node);
  return node;
}

// A directory node (chdir into /proc or /dev: procmount.ts).
export function isPseudoDir(node: u32): bool { return isDirKind(nodeKind(node)); }

// stat of a node itself (an fd link or self: the link; the caller follows them).
export function pseudoStat(p: Proc, node: u32, st: usize): i64 {
  const k = nodeKind(node);
  memory.fill(st, 0, STAT_SIZE);
  let mode: u32 = S_IFREG | 0o444;
  if (isDirKind(k)) mode = k == PNode.pidFd ? S_IFDIR | 0o500 : k == PNode.devRoot ? S_IFDIR | 0o755 : S_IFDIR | 0o555;
  else if (k == PNode.self) mode = S_IFLNK | 0o777;
  else if (k == PNode.leaseBreakTime) mode = S_IFREG | 0o644;
  else if (k == PNode.fdLink) mode = S_IFLNK | linkPerm(p, node);
  else if (isDevKind(k)) { mode = S_IFCHR | (k == PNode.devConsole ? 0o600 : 0o666); store<u64>(st + ST_RDEV, devRdev(k)); }
  store<u64>(st + ST_DEV, isDevKind(k) || k == PNode.devRoot ? DEV_DEV : PROC_DEV);
  store<u64>(st + ST_INO, <u64>node);
  store<u32>(st + ST_MODE, mode);
  store<u32>(st + ST_NLINK, isDirKind(k) ? 2 : 1);
  store<i32>(st + ST_BLKSIZE, isDevKind(k) ? PAGE_SIZE : PROC_BLKSIZE);
  return 0;
}

// An fd link's permission bits: r-x for a readable file, -wx for a writable one (Linux's).
function linkPerm(p: Proc, node: u32): u32 {
  const t = fdLinkTarget(p, node);
  if (t < 0) return 0;
  const m = fileAt(t).flags & O_ACCMODE;
  return (m != O_WRONLY ? 0o500 : 0) | (m == O_WRONLY || m == O_RDWR ? 0o300 : 0);
}

// readlink: "PID" for self, what an fd names for an fd link ("pipe:[N]", "/path", ...).
export function pseudoReadlink(p: Proc, node: u32, buf: usize): i64 {
  const k = nodeKind(node);
  if (k == PNode.self) return decimal(p.pid, buf);
  if (k != PNode.fdLink) return -Errno.EINVAL;
  const t = fdLinkTarget(p, node);
  if (t < 0) return -Errno.ENOENT;
  return fdLinkText(t, buf);
}
