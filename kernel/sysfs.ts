// File-system syscalls: path and argument checking, then one call into inode.ts / dir.ts / fs.ts.
// Interface: the table's entries (syscall.ts, each (a0..a5) -> result or -errno): sys_openat,
// sys_lseek, sys_pread64, sys_pwrite64, sys_fstat, sys_newfstatat, sys_ftruncate, sys_fsync,
// sys_fdatasync, sys_sync, sys_getdents64, sys_mkdirat, sys_umask, sys_fchmod, sys_fchmodat,
// sys_unlinkat, sys_renameat, sys_chdir,
// sys_getcwd, sys_faccessat, sys_symlinkat, sys_readlinkat, sys_linkat, sys_utimensat, sys_fallocate,
// sys_fadvise64; fetchPath(p, va, buf) -> length or -errno (the path in the caller's PATH_MAX buffer);
// kernelPath(va, buf, len), KPATH_A, KPATH_B (a path argument the kernel supplies: the WASI
// personality's).
// For another personality (WASI) the same work without the raw registers: fsSymlinkat(p, target,
// dirfd, path), fsReadlinkat(p, dirfd, path, buf, size), fsLinkat(p, ofd, opath, nfd, npath, flags),
// fsUtimensat(p, dirfd, path, times, flags), fsSetTimes(p, dirfd, path, atimeNs, mtimeNs, flags)
// (TIME_NOW, TIME_OMIT), fsFallocate(p, fd, mode, off, len),
// fsFadvise(p, fd, off, len, advice) (each -> result or -errno, user pointers as Linux's).
import { Errno } from "./abi/errno";
import { Routine, Place } from "./abi/trace";
import { S_IFIFO, S_IFSOCK, S_IFCHR, STAT_SIZE, ST_MODE, ST_NLINK, ST_BLKSIZE, D_INO, D_OFF, D_RECLEN, D_TYPE, D_NAME, UTIME_NOW, UTIME_OMIT } from "./abi/stat";
import { PAGE_SIZE } from "./abi/layout";
import { S_IFDIR, S_IFREG, S_IFLNK, S_IFMT, S_IALLUGO, S_IRWXUGO, S_ISVTX, DIRENT_SIZE, Dirent, BLOCK_SIZE, ROOT_INO, DT_DIR, S_MAXBYTES, Ino, INO_FL_PREALLOC } from "./abi/fs";
import { TIMESPEC_SIZE, TV_SEC, TV_NSEC } from "./abi/time";
import { PATH_MAX } from "./param";
import { curProc } from "./cpu";
import { Proc, CWD_OFF } from "./proc";
import { fdGet, fdAlloc, fileAlloc, fileAt, fileClose, fileRead, fileWrite, FT_INODE, FT_CONSOLE, FT_PIPE, FT_SOCKET, FT_PSEUDO, O_ACCMODE, O_RDONLY, File } from "./file";
import { namei, nameiparent, Name, NAME_SIZE, nameOf, dirLookup, dirLink, dirUnlink, dirIsEmpty, isDir, isBelow, setDotdot, INO_BAD,
  isSymlink, readLink, dtOf, dirPath } from "./dir";
import { iget, iput, iprune, itrunc, fillStat, iheld, isizeExtending } from "./inode";
import { breakLease } from "./lease";
import { sleeping } from "./sleep";
import { ialloc, iSize, iSetSize, iNlink, iSetNlink, iMode, iSetMode, inodeAddrCached, fsMounted, iTouch, iAccessed, iSetTime, iTime, iFlags, iSetFlags, T_ATIME, T_MTIME, T_CTIME } from "./fs";
import { fsBlockOf, bmapSeek, BLOCK_BAD } from "./bmap";
import { clockNow } from "./clock";
import { pcSync, pcGet, pcGetNew, pcDirty, pcReadRange, pcDropRange } from "./pagecache";
import { copyToUser, copyFromUser, countCopy, userPhys } from "./copy";
import { diskFlush } from "./disk";
import { pa } from "./kalloc";
import { u32arg, fdArg, tooBig } from "./sysarg";
import { pseudoLookup, pseudoOpen, pseudoSeek, pseudoStat, pseudoGetdents, pseudoReadlink, fdLinkTarget, isFdLink, NOT_PSEUDO } from "./procfs";
import { mountDents, pseudoChdir, chdirDisk } from "./procmount";

import { AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW, AT_SYMLINK_FOLLOW, AT_EMPTY_PATH, AT_NO_AUTOMOUNT, O_CREAT, O_EXCL, O_TRUNC,
  O_DIRECTORY, O_CLOEXEC, O_NOFOLLOW, O_PATH, SEEK_SET, SEEK_CUR, SEEK_END, SEEK_DATA, SEEK_HOLE, FALLOC_FL_KEEP_SIZE,
  POSIX_FADV_NORMAL, POSIX_FADV_NOREUSE, POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED } from "./abi/fcntl";
// This file's syscalls own these (docs/architecture.md, "Who owns a buffer"); each runs to the end
// (or restarts from the top) before another starts, and none is used by code outside this file.
const name = changetype<Name>(memory.data(NAME_SIZE));   // the last component of a parent lookup
const pathBuf: usize = memory.data(PATH_MAX);            // the path being looked up
const kbuf: usize = memory.data(512);    // small structs; also a path-joining scratch

// The table's entries (syscall.ts): the six raw arguments in, narrowed and checked here.
export function sys_openat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc();
  const r = sysOpenat(p, fdArg(a0), u32arg(a1), <u32>a2, <u32>a3);
  if (!sleeping(r)) p.wakeAt = 0;                      // a lease break's deadline ends with the call
  return r;
}
export function sys_lseek(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysLseek(curProc(), fdArg(a0), a1, <i32>a2);
}
export function sys_pread64(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysPrw(curProc(), fdArg(a0), u32arg(a1), a2, a3, false);
}
export function sys_pwrite64(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysPrw(curProc(), fdArg(a0), u32arg(a1), a2, a3, true);
}
export function sys_fstat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysFstat(curProc(), fdArg(a0), u32arg(a1));
}
export function sys_newfstatat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysFstatat(curProc(), fdArg(a0), u32arg(a1), u32arg(a2), <i32>a3);
}
export function sys_ftruncate(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysFtruncate(curProc(), fdArg(a0), a1);
}
export function sys_fsync(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysFsync(curProc(), fdArg(a0));
}
export function sys_fdatasync(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysFsync(curProc(), fdArg(a0));
}
export function sys_sync(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  pcSync(0); diskFlush(); return 0;
}
export function sys_getdents64(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysGetdents(curProc(), fdArg(a0), u32arg(a1), <u32>a2);
}
export function sys_mkdirat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysMkdirat(curProc(), fdArg(a0), u32arg(a1), <u32>a2);
}
export function sys_umask(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), old = p.umask;
  p.umask = <u32>a0 & S_IRWXUGO;
  return old;
}
export function sys_fchmod(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  const p = curProc(), fi = fdGet(p, fdArg(a0));
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (f.type != FT_INODE || (f.flags & O_PATH)) return f.type == FT_INODE ? -Errno.EBADF : 0;   // a pipe or socket: no inode bits kept
  return chmodInode(f.ino, <u32>a1);
}
export function sys_fchmodat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  pnode = 0;
  const ino = lookupPath(curProc(), fdArg(a0), u32arg(a1), null, yes(true));
  if (ino == PSEUDO_HIT) return -Errno.EPERM;          // /proc and /dev keep their modes
  return ino < 0 ? ino : chmodInode(<u32>ino, <u32>a2);
}
export function sys_unlinkat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysUnlinkat(curProc(), fdArg(a0), u32arg(a1), <i32>a2);
}
export function sys_renameat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysRenameat(curProc(), fdArg(a0), u32arg(a1), fdArg(a2), u32arg(a3));
}
export function sys_chdir(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysChdir(curProc(), u32arg(a0));
}
export function sys_getcwd(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysGetcwd(curProc(), u32arg(a0), <u32>a1);
}
export function sys_faccessat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return sysFaccessat(curProc(), fdArg(a0), u32arg(a1));
}
export function sys_symlinkat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return fsSymlinkat(curProc(), u32arg(a0), fdArg(a1), u32arg(a2));
}
export function sys_readlinkat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return fsReadlinkat(curProc(), fdArg(a0), u32arg(a1), u32arg(a2), <i32>a3);
}
export function sys_linkat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return fsLinkat(curProc(), fdArg(a0), u32arg(a1), fdArg(a2), u32arg(a3), <i32>a4);
}
export function sys_utimensat(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return fsUtimensat(curProc(), fdArg(a0), u32arg(a1), u32arg(a2), <i32>a3);
}
export function sys_fallocate(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return fsFallocate(curProc(), fdArg(a0), <i32>a1, a2, a3);
}
export function sys_fadvise64(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return fsFadvise(curProc(), fdArg(a0), a1, a2, <i32>a3);
}

// Paths the kernel supplies to these handlers in place of a user pointer (as Linux's getname_kernel):
// the WASI personality fetches and checks a (pointer, length) path itself, then passes KPATH_A (and
// KPATH_B, rename's second) as the path argument. Both lie in the kernel half, so a user pointer is
// never taken for one; kernelPath(va, 0, -1) withdraws the path.
export const KPATH_A: u32 = 0xfffff000;
export const KPATH_B: u32 = 0xfffff800;
let kpathA: usize = 0, kpathALen: i32 = -1, kpathB: usize = 0, kpathBLen: i32 = -1;
export function kernelPath(va: u32, buf: usize, len: i32): void {
  if (va == KPATH_A) { kpathA = buf; kpathALen = len; } else { kpathB = buf; kpathBLen = len; }
}

// Copy a NUL-terminated path from user memory into `buf` (PATH_MAX bytes, one copy); its length or -errno.
export function fetchPath(p: Proc, va: u32, buf: usize): i32 {
  const klen = va == KPATH_A ? kpathALen : va == KPATH_B ? kpathBLen : -1;
  if (klen >= 0) {                                    // a kernel path (NUL-terminated, < PATH_MAX)
    memory.copy(buf, va == KPATH_A ? kpathA : kpathB, klen + 1);
    return klen == 0 ? -Errno.ENOENT : klen;
  }
  for (let i = 0; i < PATH_MAX; i++) {
    const ph = userPhys(p, va + i, false);
    if (ph < 0) return -Errno.EFAULT;
    const c = load<u8>(<usize>ph);
    store<u8>(buf + i, c);
    if (c == 0) {
      countCopy(Routine.strncpy_from_user, va, buf, i + 1, Place.user, Place.kernel);
      return i == 0 ? -Errno.ENOENT : i;
    }
  }
  return -Errno.ENAMETOOLONG;
}

// The directory a *at call starts from: the cwd, or an open directory.
function startDir(p: Proc, dirfd: i32): i64 {
  if (!fsMounted()) return -Errno.ENOENT;
  if (dirfd == AT_FDCWD) return p.cwd != 0 ? p.cwd : ROOT_INO;
  const f = fdGet(p, dirfd);
  if (f < 0) return -Errno.EBADF;
  if (fileAt(f).type != FT_INODE || !isDir(fileAt(f).ino)) return -Errno.ENOTDIR;
  return fileAt(f).ino;
}

// The inode `va` names; with `parent`, its parent directory and the last component in `parent`.
// `follow`: a final symbolic link is followed (for a parent lookup: to where its target would be);
// by default a whole lookup follows it (stat, chdir) and a parent lookup does not (unlink, rename,
// mkdir act on the link itself).
// `pseudo`: a path in /proc or /dev (procfs.ts) is resolved there: PSEUDO_HIT, its node in `pnode`.
const FOLLOW_DEFAULT: i32 = -1;
const PSEUDO_HIT: i64 = 1 << 40;     // not an inode number: the path named a /proc or /dev node
let pnode: u32 = 0;                  // ... that node (this file's syscalls, one at a time)
const PNODE_ERR: u32 = 0xffffffff;   // pnode after a lookup that failed inside /proc or /dev
function lookupPath(p: Proc, dirfd: i32, va: u32, parent: Name | null, follow: i32 = FOLLOW_DEFAULT, pseudo: bool = false): i64 {
  const len = fetchPath(p, va, pathBuf);
  if (len < 0) return len;
  const start = startDir(p, dirfd);
  if (pseudo || p.cwdNode != 0) {
    const n = pseudoLookup(p, dirfd, start, pathBuf, len, follow != 0);
    if (n != NOT_PSEUDO && !pseudo) return n < 0 ? n : -Errno.EPERM;   // from a cwd in /proc: no disk call there
    if (n != NOT_PSEUDO) { if (n < 0) { pnode = PNODE_ERR; return n; } pnode = <u32>n; return PSEUDO_HIT; }
  }
  if (start < 0) return start;
  if (parent) return nameiparent(<u32>start, pathBuf, len, parent, follow == 1);
  return namei(<u32>start, pathBuf, len, follow != 0);
}
@inline function yes(b: bool): i32 { return b ? 1 : 0; }

// chmod on an inode: its permission bits (S_IFMT kept), ctime now.
function chmodInode(ino: u32, mode: u32): i64 {
  iSetMode(ino, (iMode(ino) & S_IFMT) | (mode & S_IALLUGO));
  iTouch(ino, T_CTIME);
  return 0;
}

function sysOpenat(p: Proc, dirfd: i32, path: u32, flags: u32, mode: u32): i64 {
  // O_NOFOLLOW and O_CREAT|O_EXCL do not follow a final symbolic link (Linux's open_last_lookups).
  const follow = !(flags & O_NOFOLLOW) && (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL);
  pnode = 0;
  let ino = lookupPath(p, dirfd, path, null, yes(follow), true);
  if (ino == PSEUDO_HIT) return pseudoOpen(p, pnode, flags, follow);
  if (ino < 0 && pnode == PNODE_ERR) return ino;       // in /proc or /dev: nothing is created there
  if (ino == -Errno.ENOENT && (flags & O_CREAT)) {
    const dir = lookupPath(p, dirfd, path, name, yes(follow));   // a dangling link: its target is made
    if (dir < 0) return dir;
    if (name.len == 0 || name.trailing) return -Errno.EISDIR;
    const old = dirLookup(<u32>dir, nameOf(name), name.len);
    if (old != 0) return old == INO_BAD ? -Errno.EIO : (flags & O_EXCL) ? -Errno.EEXIST : -Errno.ELOOP;
    const c = create(<u32>dir, name, S_IFREG | (mode & S_IALLUGO & ~p.umask));
    if (c < 0) return c;
    ino = c;
  } else if (ino >= 0 && (flags & O_CREAT) && (flags & O_EXCL)) return -Errno.EEXIST;
  if (ino < 0) return ino;
  const i = <u32>ino;
  if (isSymlink(i) && !(flags & O_PATH)) return -Errno.ELOOP;  // O_NOFOLLOW met a link
  // a directory is never opened for writing, created over or truncated (Linux's do_open and may_open;
  // O_PATH drops the other flags)
  if (isDir(i) && ((flags & O_ACCMODE) != O_RDONLY || (!(flags & O_PATH) && (flags & (O_CREAT | O_TRUNC))))) return -Errno.EISDIR;
  if ((flags & O_DIRECTORY) && !isDir(i)) return -Errno.ENOTDIR;
  if (!(flags & O_PATH)) {                              // the leases this open breaks (do_dentry_open)
    const b = breakLease(p, i, flags);
    if (b < 0) return b;
  }
  if ((flags & O_TRUNC) && !isDir(i) && (flags & O_ACCMODE) != O_RDONLY) itrunc(i, 0);
  if (!iget(i)) return -Errno.ENFILE;                   // the in-core inode table is full
  const f = fileAlloc(FT_INODE, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC));
  if (f < 0) { iput(i); return -Errno.ENFILE; }
  fileAt(f).ino = i;
  const fd = fdAlloc(p, f, (flags & O_CLOEXEC) != 0);
  if (fd < 0) fileClose(f);
  return fd;
}

// A new inode linked as `name` in `dir`; its number or -errno.
function create(dir: u32, name: Name, mode: u32): i64 {
  if (name.len > 120) return -Errno.ENAMETOOLONG;
  const ino = ialloc(mode);
  if (ino == 0) return -Errno.ENOSPC;
  const r = dirLink(dir, nameOf(name), name.len, ino, dtOf(ino));
  if (r < 0) { iSetNlink(ino, 0); iprune(ino); return r; }
  iSetNlink(ino, 1);
  iTouch(dir, T_MTIME | T_CTIME);          // a new entry: the directory changed
  return ino;
}

function sysLseek(p: Proc, fd: i32, off: i64, whence: i32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (f.type == FT_PSEUDO) return pseudoSeek(f, off, whence);
  if (f.type != FT_INODE) return -Errno.ESPIPE;
  if (whence == SEEK_DATA || whence == SEEK_HOLE) return seekData(f, off, whence == SEEK_DATA);
  let base: i64 = 0;
  if (whence == SEEK_CUR) base = <i64>f.offset;
  else if (whence == SEEK_END) base = <i64>iSize(f.ino);
  else if (whence != SEEK_SET) return -Errno.EINVAL;
  // Linux's generic_file_llseek_size: the result must lie in [0, S_MAXBYTES]; base is already there,
  // so comparing against the room left cannot overflow.
  if (off > 0 ? off > S_MAXBYTES - base : off < -base) return -Errno.EINVAL;
  const pos = base + off;
  f.offset = <u64>pos;
  return pos;
}

// lseek SEEK_DATA / SEEK_HOLE: the next data or hole at or after `off`, from the block map (a
// block is the granularity); the end of the file counts as a hole. ENXIO at or past the end.
function seekData(f: File, off: i64, data: bool): i64 {
  if (isDir(f.ino)) return -Errno.EINVAL;
  const size = iSize(f.ino);
  if (off < 0 || <u64>off >= size) return -Errno.ENXIO;
  const end = <u32>((size + BLOCK_SIZE - 1) / BLOCK_SIZE);
  const i = bmapSeek(f.ino, <u32>(<u64>off / BLOCK_SIZE), end, data);
  if (i < 0) return -Errno.EIO;
  let pos: i64;
  if (i == <i64>end) { if (data) return -Errno.ENXIO; pos = <i64>size; }
  else pos = max(off, i * BLOCK_SIZE);
  f.offset = <u64>pos;
  return pos;
}

function sysPrw(p: Proc, fd: i32, buf: u32, n: i64, pos: i64, write: bool): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  if (n < 0 || tooBig(n) || pos < 0) return -Errno.EINVAL;
  if (fileAt(fi).type == FT_CONSOLE) return -Errno.ESPIPE;
  return write ? fileWrite(p, fi, buf, <u32>n, pos) : fileRead(p, fi, buf, <u32>n, pos);
}

function sysFstat(p: Proc, fd: i32, buf: u32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  statFile(p, fi);
  return copyToUser(p, buf, kbuf, STAT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

// The stat of open file `fi` into kbuf.
function statFile(p: Proc, fi: i32): void {
  const f = fileAt(fi);
  if (f.type == FT_PSEUDO) pseudoStat(p, f.ino, kbuf);
  else if (f.type == FT_INODE) fillStat(f.ino, kbuf);
  else {
    memory.fill(kbuf, 0, STAT_SIZE);
    // a pipe is S_IFIFO, a socket S_IFSOCK, the console a character device (S_IFCHR)
    const mode: u32 = f.type == FT_PIPE ? S_IFIFO | 0o600 : f.type == FT_SOCKET ? S_IFSOCK | 0o777 : S_IFCHR | 0o620;
    store<u32>(kbuf + ST_MODE, mode);
    store<u32>(kbuf + ST_NLINK, 1);             // as Linux's pipefs, sockfs and devpts inodes
    store<i32>(kbuf + ST_BLKSIZE, PAGE_SIZE);   // Linux's st_blksize of a pipe, socket or tty
  }
}

// stat of a /proc or /dev node; a followed fd link: the file it names.
function statNode(p: Proc, node: u32, follow: bool, buf: u32): i64 {
  if (follow && isFdLink(node)) {
    const t = fdLinkTarget(p, node);
    if (t < 0) return -Errno.ENOENT;
    statFile(p, t);
  } else pseudoStat(p, node, kbuf);
  return copyToUser(p, buf, kbuf, STAT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

// AT_SYMLINK_NOFOLLOW: lstat; AT_EMPTY_PATH with "": the file dirfd names (fstat).
function sysFstatat(p: Proc, dirfd: i32, path: u32, buf: u32, flags: i32): i64 {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT)) return -Errno.EINVAL;
  if ((flags & AT_EMPTY_PATH) && emptyPath(p, path)) {
    if (dirfd != AT_FDCWD) return sysFstat(p, dirfd, buf);
    return p.cwdNode != 0 ? statNode(p, p.cwdNode, false, buf) : statIno(p, cwdIno(p), buf);
  }
  const ino = lookupPath(p, dirfd, path, null, yes(!(flags & AT_SYMLINK_NOFOLLOW)), true);
  if (ino == PSEUDO_HIT) return statNode(p, pnode, !(flags & AT_SYMLINK_NOFOLLOW), buf);
  if (ino < 0) return ino;
  return statIno(p, <u32>ino, buf);
}

function statIno(p: Proc, ino: u32, buf: u32): i64 {
  fillStat(ino, kbuf);
  return copyToUser(p, buf, kbuf, <u32>STAT_SIZE) < 0 ? -Errno.EFAULT : 0;
}

function cwdIno(p: Proc): u32 { return p.cwd != 0 ? p.cwd : ROOT_INO; }

// Is the user string at `va` empty ("")? (A fault reads as not empty: the lookup then reports it.)
function emptyPath(p: Proc, va: u32): bool {
  const ph = userPhys(p, va, false);
  return ph >= 0 && load<u8>(<usize>ph) == 0;
}

function sysFaccessat(p: Proc, dirfd: i32, path: u32): i64 {
  const ino = lookupPath(p, dirfd, path, null, FOLLOW_DEFAULT, true);
  return ino < 0 ? ino : 0;
}

function sysFtruncate(p: Proc, fd: i32, len: i64): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (len < 0) return -Errno.EINVAL;
  if (f.type != FT_INODE || isDir(f.ino) || (f.flags & O_ACCMODE) == O_RDONLY) return -Errno.EINVAL;
  return itrunc(f.ino, <u64>len);
}

// Data and metadata of the file reach the disk, and the disk's cache is flushed.
function sysFsync(p: Proc, fd: i32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (f.type != FT_INODE) return -Errno.EINVAL;
  let r = pcSync(f.ino);
  const m = pcSync(0);
  if (r == 0) r = m;
  if (diskFlush() < 0 && r == 0) r = -Errno.EIO;
  return r;
}

// struct linux_dirent64 { u64 d_ino; i64 d_off; u16 d_reclen; u8 d_type; char d_name[] } (8-aligned)
function sysGetdents(p: Proc, fd: i32, buf: u32, count: u32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (f.type == FT_PSEUDO) return pseudoGetdents(p, f, buf, count);
  if (f.type != FT_INODE || !isDir(f.ino)) return -Errno.ENOTDIR;
  let out: u32 = 0;
  const per: u32 = BLOCK_SIZE / DIRENT_SIZE;
  for (;;) {
    if (f.offset >= iSize(f.ino)) {           // (lseek allows offsets past 2^32 entries)
      if (f.ino == ROOT_INO) { const r = mountDents(p, f, buf, out, count); if (r < 0) return r; out = <u32>r; }
      break;
    }
    const i = <u32>(f.offset / DIRENT_SIZE);
    const pg = pcGet(f.ino, i / per, false);
    if (pg == 0) return -Errno.EIO;
    const e = pa(pg) + <usize>(i % per) * DIRENT_SIZE;
    const ino = load<u32>(e);
    if (ino != 0) {
      const nl = <u32>load<u8>(e + Dirent.nameLen);
      const rec = (<u32>D_NAME + nl + 1 + 7) & ~7;
      if (out + rec > count) { if (out == 0) return -Errno.EINVAL; break; }
      memory.fill(kbuf, 0, rec);
      store<u64>(kbuf + D_INO, ino); store<i64>(kbuf + D_OFF, <i64>(i + 1) * DIRENT_SIZE);
      store<u16>(kbuf + D_RECLEN, <u16>rec); store<u8>(kbuf + D_TYPE, load<u8>(e + Dirent.type));
      memory.copy(kbuf + D_NAME, e + Dirent.name, nl);
      if (copyToUser(p, buf + out, kbuf, rec) < 0) return -Errno.EFAULT;
      out += rec;
    }
    f.offset += DIRENT_SIZE;
  }
  iAccessed(f.ino);
  return out;
}

function sysMkdirat(p: Proc, dirfd: i32, path: u32, mode: u32): i64 {
  const dir = lookupPath(p, dirfd, path, name);
  if (dir < 0) return dir;
  if (name.len == 0) return -Errno.EEXIST;
  const old = dirLookup(<u32>dir, nameOf(name), name.len);
  if (old != 0) return old == INO_BAD ? -Errno.EIO : -Errno.EEXIST;
  if (name.len > 120) return -Errno.ENAMETOOLONG;
  // All or nothing: the new directory gets "." and ".." before it is linked into its parent; a
  // failure on the way frees what it took (its nlink is 0 until it is linked).
  const d = ialloc(S_IFDIR | (mode & (S_IRWXUGO | S_ISVTX) & ~p.umask));
  if (d == 0) return -Errno.ENOSPC;
  store<u8>(kbuf, 0x2e); store<u8>(kbuf + 1, 0x2e);
  let r = dirLink(d, kbuf, 1, d, <u8>DT_DIR);
  if (r == 0) r = dirLink(d, kbuf, 2, <u32>dir, <u8>DT_DIR);
  if (r == 0) r = dirLink(<u32>dir, nameOf(name), name.len, d, <u8>DT_DIR);
  if (r < 0) { iprune(d); return r; }
  iSetNlink(d, 2);
  iSetNlink(<u32>dir, iNlink(<u32>dir) + 1);
  iTouch(<u32>dir, T_MTIME | T_CTIME);
  return 0;
}

function sysUnlinkat(p: Proc, dirfd: i32, path: u32, flags: i32): i64 {
  if (flags & ~AT_REMOVEDIR) return -Errno.EINVAL;
  const dir = lookupPath(p, dirfd, path, name);
  const rmdir = (flags & AT_REMOVEDIR) != 0;
  // Linux's do_rmdir and do_unlinkat on a last component that is not a name: unlink says EISDIR
  // for all of them; rmdir says EBUSY for the root, EINVAL for ".", ENOTEMPTY for "..".
  if (dir < 0) return dir != -Errno.EEXIST ? dir : rmdir ? -Errno.EBUSY : -Errno.EISDIR;
  const nm = nameOf(name);
  if (isDot(nm, name.len) && !rmdir) return -Errno.EISDIR;
  if (name.len == 1 && load<u8>(nm) == 0x2e) return -Errno.EINVAL;
  if (name.len == 2 && load<u16>(nm) == 0x2e2e) return -Errno.ENOTEMPTY;
  const ino = dirLookup(<u32>dir, nm, name.len);
  if (ino == 0 || ino == INO_BAD) return ino == 0 ? -Errno.ENOENT : -Errno.EIO;
  const d = isDir(ino);
  if (name.trailing && !d) return -Errno.ENOTDIR;
  if ((flags & AT_REMOVEDIR) && !d) return -Errno.ENOTDIR;
  if (!(flags & AT_REMOVEDIR) && d) return -Errno.EISDIR;
  if (d && !dirIsEmpty(ino)) return -Errno.ENOTEMPTY;
  dirUnlink(<u32>dir, nm, name.len);
  if (d) { iSetNlink(<u32>dir, iNlink(<u32>dir) - 1); iSetNlink(ino, 0); }
  else iSetNlink(ino, iNlink(ino) - 1);
  iTouch(<u32>dir, T_MTIME | T_CTIME);
  iTouch(ino, T_CTIME);     // one link less
  iprune(ino);              // frees it now unless it is open or mapped
  return 0;
}

function sysRenameat(p: Proc, ofd: i32, oldp: u32, nfd: i32, newp: u32): i64 {
  const oldName = changetype<Name>(memory.data(NAME_SIZE));   // renameat's own: alive across the second lookup
  const odir = lookupPath(p, ofd, oldp, oldName);
  if (odir < 0) return odir;
  const oname = nameOf(oldName), olen = oldName.len;
  const ino = dirLookup(<u32>odir, oname, olen);
  if (ino == 0 || ino == INO_BAD) return ino == 0 ? -Errno.ENOENT : -Errno.EIO;
  const dir = isDir(ino);
  if (oldName.trailing && !dir) return -Errno.ENOTDIR;
  if (isDot(oname, olen)) return -Errno.EINVAL;
  const ndir = lookupPath(p, nfd, newp, name);
  if (ndir < 0) return ndir;
  const nname = nameOf(name), nlen = name.len;
  if (nlen == 0 || isDot(nname, nlen)) return -Errno.EBUSY;
  if (name.trailing && !dir) return -Errno.ENOTDIR;
  if (dir && isBelow(<u32>ndir, ino)) return -Errno.EINVAL;   // into its own subtree
  const target = dirLookup(<u32>ndir, nname, nlen);
  if (target == INO_BAD) return -Errno.EIO;
  if (target == ino) return 0;
  // over a directory the source lies below: Linux's do_renameat2 finds the target is lock_rename's
  // trap (the ancestor of the other parent) before it compares types
  if (target != 0 && isDir(target) && isBelow(<u32>odir, target)) return -Errno.ENOTEMPTY;
  if (target != 0) {
    if (isDir(target) != dir) return isDir(target) ? -Errno.EISDIR : -Errno.ENOTDIR;
    if (isDir(target) && !dirIsEmpty(target)) return -Errno.ENOTEMPTY;
    dirUnlink(<u32>ndir, nname, nlen);
    if (isDir(target)) { iSetNlink(target, 0); iSetNlink(<u32>ndir, iNlink(<u32>ndir) - 1); }
    else iSetNlink(target, iNlink(target) - 1);
    iTouch(target, T_CTIME);
    iprune(target);
  }
  const r = dirLink(<u32>ndir, nname, nlen, ino, dtOf(ino));
  if (r < 0) return r;
  iTouch(<u32>odir, T_MTIME | T_CTIME); iTouch(<u32>ndir, T_MTIME | T_CTIME);
  iTouch(ino, T_CTIME);
  dirUnlink(<u32>odir, oname, olen);
  if (dir && <u32>odir != <u32>ndir) {           // ".." moves with it
    setDotdot(ino, <u32>ndir);
    iSetNlink(<u32>odir, iNlink(<u32>odir) - 1);
    iSetNlink(<u32>ndir, iNlink(<u32>ndir) + 1);
  }
  return 0;
}

function isDot(name: usize, len: i32): bool {
  return (len == 1 && load<u8>(name) == 0x2e) || (len == 2 && load<u16>(name) == 0x2e2e);
}

function sysChdir(p: Proc, path: u32): i64 {
  const len = fetchPath(p, path, pathBuf);
  if (len < 0) return len;
  const node = pseudoLookup(p, AT_FDCWD, p.cwd != 0 ? p.cwd : ROOT_INO, pathBuf, len, true);
  if (node != NOT_PSEUDO) return node < 0 ? node : pseudoChdir(p, <u32>node);
  const ino = namei(p.cwd != 0 ? p.cwd : ROOT_INO, pathBuf, len);
  if (ino < 0) return ino;
  if (!isDir(<u32>ino)) return -Errno.ENOTDIR;
  if (!iget(<u32>ino)) return -Errno.ENFILE;
  if (p.cwd != 0) iput(p.cwd);
  p.cwd = <u32>ino;
  chdirDisk(p);
  // The directory's real path (through a link, getcwd names where it led, as Linux's d_path);
  // the text of the path when it cannot be found.
  const cwd = changetype<usize>(p) + CWD_OFF;
  const n = dirPath(<u32>ino, kbuf, PATH_MAX - 1);
  if (n >= 0) { memory.copy(cwd, kbuf, n); p.cwdLen = <u32>n; }
  else setCwdPath(p, pathBuf, len);
  return 0;
}

// Keep the textual working directory: join `path` (len bytes), then fold "." and ".." components.
function setCwdPath(p: Proc, path: usize, len: i32): void {
  const cwd = changetype<usize>(p) + CWD_OFF;
  const join = kbuf;                        // scratch: cwd + "/" + path
  let n: i32 = 0;
  if (load<u8>(path) != 0x2f) { n = <i32>p.cwdLen; memory.copy(join, cwd, n); store<u8>(join + n++, 0x2f); }
  const take = min(len, 510 - n);
  memory.copy(join + n, path, take);
  p.cwdLen = <u32>min(normalize(join, n + take, cwd), PATH_MAX - 1);
}

function normalize(src: usize, n: i32, dst: usize): i32 {
  let out = 0, i = 0;
  while (i < n) {
    while (i < n && load<u8>(src + i) == 0x2f) i++;
    let j = i;
    while (j < n && load<u8>(src + j) != 0x2f) j++;
    const len = j - i;
    if (len == 1 && load<u8>(src + i) == 0x2e) { i = j; continue; }
    if (len == 2 && load<u16>(src + i) == 0x2e2e) {
      while (out > 0 && load<u8>(dst + out - 1) != 0x2f) out--;
      if (out > 0) out--;
      i = j; continue;
    }
    if (len > 0 && out + 1 + len < PATH_MAX) { store<u8>(dst + out++, 0x2f); memory.copy(dst + out, src + i, len); out += len; }
    i = j;
  }
  return out;
}

// ENOENT when the working directory was removed (Linux: its dentry is unhashed). Its inode is
// looked at only where the page cache holds it (as Linux's dentry cache answers without I/O): rmdir
// wrote it there; a removed directory whose inode block was since evicted reads as present.
function cwdRemoved(ino: u32): bool {
  const at = inodeAddrCached(ino);
  return at != 0 && load<u16>(at + Ino.nlink) == 0;
}
function sysGetcwd(p: Proc, buf: u32, size: u32): i64 {
  if (p.cwdNode == 0 && cwdRemoved(p.cwd)) return -Errno.ENOENT;
  const cwd = changetype<usize>(p) + CWD_OFF;
  let n = <i32>p.cwdLen;
  if (n == 0) { store<u8>(kbuf, 0x2f); n = 1; } else memory.copy(kbuf, cwd, n);
  store<u8>(kbuf + n, 0);
  if (<u32>(n + 1) > size) return -Errno.ERANGE;
  return copyToUser(p, buf, kbuf, n + 1) < 0 ? -Errno.EFAULT : n + 1;
}

// --- Links, times, space (also the kernel work of WASI's path_symlink, path_link, path_readlink,
// *_set_times, fd_allocate, fd_advise)

const target: usize = memory.data(PATH_MAX);   // symlinkat's target, alive across the path lookup
const NLINK_MAX: u32 = 0xffff;                 // nlink is a u16 on disk (ext4's EXT4_LINK_MAX is 65000)

// A symbolic link `path` whose content is the string at `tva` (not looked at: it may dangle).
export function fsSymlinkat(p: Proc, tva: u32, dirfd: i32, path: u32): i64 {
  const tl = fetchPath(p, tva, target);
  if (tl < 0) return tl;
  const dir = lookupPath(p, dirfd, path, name, 0);
  if (dir < 0) return dir;
  if (name.len == 0) return -Errno.EEXIST;
  const old = dirLookup(<u32>dir, nameOf(name), name.len);
  if (old != 0) return old == INO_BAD ? -Errno.EIO : -Errno.EEXIST;
  if (name.trailing) return -Errno.ENOENT;             // "new/": only a directory may end in '/'
  const ino = create(<u32>dir, name, S_IFLNK | 0o777);
  if (ino < 0) return ino;
  const i = <u32>ino;
  const b = fsBlockOf(i, 0, true);
  const pg = b == 0 || b == BLOCK_BAD ? 0 : pcGetNew(i, 0);
  if (pg == 0) {                                       // undo: the name goes, the inode is freed
    dirUnlink(<u32>dir, nameOf(name), name.len); iSetNlink(i, 0); iprune(i);
    return b == 0 ? -Errno.ENOSPC : -Errno.EIO;
  }
  memory.copy(pa(pg), target, tl);
  pcDirty(pg);
  iSetSize(i, <u64>tl);
  return 0;
}

// The target of the link `path` names (not followed), at most `size` bytes, no NUL; its length.
export function fsReadlinkat(p: Proc, dirfd: i32, path: u32, buf: u32, size: i32): i64 {
  if (size <= 0) return -Errno.EINVAL;
  const ino = lookupPath(p, dirfd, path, null, 0, true);
  if (ino == PSEUDO_HIT) return pseudoReadlinkTo(p, pnode, buf, size);
  if (ino < 0) return ino;
  if (!isSymlink(<u32>ino)) return -Errno.EINVAL;
  const n = readLink(<u32>ino, kbuf);
  if (n < 0) return n;
  const k = min(n, size);
  if (copyToUser(p, buf, kbuf, k) < 0) return -Errno.EFAULT;
  iAccessed(<u32>ino);
  return k;
}

function pseudoReadlinkTo(p: Proc, node: u32, buf: u32, size: i32): i64 {
  const n = pseudoReadlink(p, node, kbuf);
  if (n < 0) return n;
  const k = <u32>min(n, <i64>size);
  return copyToUser(p, buf, kbuf, k) < 0 ? -Errno.EFAULT : k;
}

// A second name `npath` for the file `opath` names (a final link itself, unless AT_SYMLINK_FOLLOW).
export function fsLinkat(p: Proc, ofd: i32, opath: u32, nfd: i32, npath: u32, flags: i32): i64 {
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return -Errno.EINVAL;
  const old = lookupPath(p, ofd, opath, null, yes((flags & AT_SYMLINK_FOLLOW) != 0));
  if (old < 0) return old;
  const ino = <u32>old;
  if (isDir(ino)) return -Errno.EPERM;                 // no hard links to directories
  const dir = lookupPath(p, nfd, npath, name, 0);
  if (dir < 0) return dir;
  if (name.len == 0) return -Errno.EEXIST;
  const there = dirLookup(<u32>dir, nameOf(name), name.len);
  if (there != 0) return there == INO_BAD ? -Errno.EIO : -Errno.EEXIST;
  if (name.trailing) return -Errno.ENOENT;
  if (iNlink(ino) == 0) return -Errno.ENOENT;          // unlinked while open: no new name
  if (iNlink(ino) >= NLINK_MAX) return -Errno.EMLINK;
  const r = dirLink(<u32>dir, nameOf(name), name.len, ino, dtOf(ino));
  if (r < 0) return r;
  iSetNlink(ino, iNlink(ino) + 1);
  iTouch(ino, T_CTIME);
  iTouch(<u32>dir, T_MTIME | T_CTIME);
  return 0;
}

// Set atime and mtime from times[2] (null: both now; tv_nsec UTIME_NOW: now, UTIME_OMIT: kept);
// ctime becomes now. `path` null: the file dirfd names (futimens).
export function fsUtimensat(p: Proc, dirfd: i32, path: u32, times: u32, flags: i32): i64 {
  let at: i64 = TIME_NOW, mt: i64 = TIME_NOW;
  if (times != 0) {
    if (copyFromUser(p, kbuf, times, 2 * <u32>TIMESPEC_SIZE) < 0) return -Errno.EFAULT;
    const an = load<i64>(kbuf + TV_NSEC), mn = load<i64>(kbuf + TIMESPEC_SIZE + TV_NSEC);
    if (an == UTIME_OMIT && mn == UTIME_OMIT) return 0;   // nothing to do: the path is not looked at
    if (!nsecOk(an) || !nsecOk(mn)) return -Errno.EINVAL;
    at = an == UTIME_OMIT ? TIME_OMIT : an == UTIME_NOW ? TIME_NOW : <i64>toNs(load<i64>(kbuf + TV_SEC), an);
    mt = mn == UTIME_OMIT ? TIME_OMIT : mn == UTIME_NOW ? TIME_NOW : <i64>toNs(load<i64>(kbuf + TIMESPEC_SIZE + TV_SEC), mn);
  }
  return fsSetTimes(p, dirfd, path, at, mt, flags);
}

// utimensat's work with the times in ns (TIME_NOW: now, TIME_OMIT: kept), for a caller that has
// them already (WASI's *_set_times).
export const TIME_NOW: i64 = -2, TIME_OMIT: i64 = -1;
export function fsSetTimes(p: Proc, dirfd: i32, path: u32, at: i64, mt: i64, flags: i32): i64 {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) return -Errno.EINVAL;
  let ino: i64;
  if (path == 0) {
    if (dirfd == AT_FDCWD) return -Errno.EFAULT;
    if (flags != 0) return -Errno.EINVAL;
    const fi = fdGet(p, dirfd);
    if (fi < 0) return -Errno.EBADF;
    if (fileAt(fi).type != FT_INODE) return 0;         // a pipe, socket or the console: no inode on disk
    ino = fileAt(fi).ino;
  } else if ((flags & AT_EMPTY_PATH) && emptyPath(p, path)) {
    if (dirfd == AT_FDCWD) ino = cwdIno(p);
    else {
      const fi = fdGet(p, dirfd);
      if (fi < 0) return -Errno.EBADF;
      if (fileAt(fi).type != FT_INODE) return 0;
      ino = fileAt(fi).ino;
    }
  } else ino = lookupPath(p, dirfd, path, null, yes(!(flags & AT_SYMLINK_NOFOLLOW)));
  if (ino < 0) return ino;
  const i = <u32>ino, now = clockNow();
  if (at != TIME_OMIT) iSetTime(i, Ino.atime, at == TIME_NOW ? now : <u64>at);
  if (mt != TIME_OMIT) iSetTime(i, Ino.mtime, mt == TIME_NOW ? now : <u64>mt);
  iSetTime(i, Ino.ctime, now);
  return 0;
}

function nsecOk(ns: i64): bool { return ns == UTIME_NOW || ns == UTIME_OMIT || (ns >= 0 && ns < 1000000000); }

// A timespec as ns of the clock. The disk keeps unsigned ns from 1970: earlier times are kept as
// 0, later ones than 2^63 ns (year 2262) as the latest.
function toNs(sec: i64, nsec: i64): u64 {
  if (sec < 0) return 0;
  if (sec >= 9223372036) return <u64>I64.MAX_VALUE;   // (i64: never TIME_NOW or TIME_OMIT)
  return <u64>sec * 1000000000 + <u64>nsec;
}

// Give the file blocks for [off, off + len): mode 0 also extends its size to off + len,
// FALLOC_FL_KEEP_SIZE does not (the blocks past the size are kept, INO_FL_PREALLOC). New blocks
// read as zeros (their zeroed pages are written). Other modes: EOPNOTSUPP.
export function fsFallocate(p: Proc, fd: i32, mode: i32, off: i64, len: i64): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  if (off < 0 || len <= 0) return -Errno.EINVAL;
  if (mode & ~FALLOC_FL_KEEP_SIZE) return -Errno.EOPNOTSUPP;
  const f = fileAt(fi);
  if ((f.flags & O_ACCMODE) == O_RDONLY) return -Errno.EBADF;
  if (f.type == FT_PIPE) return -Errno.ESPIPE;
  if (f.type != FT_INODE) return -Errno.ENODEV;
  if (isDir(f.ino)) return -Errno.EISDIR;
  if (len > S_MAXBYTES - off) return -Errno.EFBIG;
  const ino = f.ino;
  const first = <u32>(<u64>off / BLOCK_SIZE), end = <u32>((<u64>(off + len) + BLOCK_SIZE - 1) / BLOCK_SIZE);
  const size = iSize(ino);
  const grow = !(mode & FALLOC_FL_KEEP_SIZE) && <u64>(off + len) > size;
  const newSize = grow ? <u64>(off + len) : size;
  if (grow) isizeExtending(ino);
  for (let i = first; i < end; i++) {
    if (fsBlockOf(ino, i, false) != 0) continue;
    const b = fsBlockOf(ino, i, true);
    if (b == 0 || b == BLOCK_BAD) return b == 0 ? -Errno.ENOSPC : -Errno.EIO;
    const pg = pcGetNew(ino, i);                      // zeros, not the block's old bytes
    if (pg == 0) return -Errno.ENOMEM;
    memory.fill(pa(pg), 0, BLOCK_SIZE);
    pcDirty(pg);
    if (<u64>i * BLOCK_SIZE >= size) iSetFlags(ino, iFlags(ino) | INO_FL_PREALLOC);
  }
  if (grow) iSetSize(ino, newSize);
  iTouch(ino, grow ? T_MTIME | T_CTIME : T_CTIME);
  return 0;
}

// Advice about how the range will be used (len 0: to the end). WILLNEED reads it into the page
// cache now (DMA counted as usual); DONTNEED drops its clean cached pages (counted as evicted);
// the others are accepted (readahead here adapts by itself).
export function fsFadvise(p: Proc, fd: i32, off: i64, len: i64, advice: i32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (f.type == FT_PIPE) return -Errno.ESPIPE;
  if (len < 0 || advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE) return -Errno.EINVAL;
  if (f.type != FT_INODE || off < 0 || (advice != POSIX_FADV_WILLNEED && advice != POSIX_FADV_DONTNEED)) return 0;
  const size = iSize(f.ino);
  if (<u64>off >= size) return 0;
  const stop = len == 0 || len > <i64>size - off ? size : <u64>(off + len);
  const first = <u32>(<u64>off / BLOCK_SIZE);
  if (advice == POSIX_FADV_WILLNEED) {
    const last = <u32>((stop + BLOCK_SIZE - 1) / BLOCK_SIZE);
    return pcReadRange(f.ino, first, last - first) < 0 ? -Errno.EIO : 0;
  }
  // DONTNEED: only whole pages (Linux keeps a partial first and last page).
  const from = <u32>((<u64>off + BLOCK_SIZE - 1) / BLOCK_SIZE);
  const to = stop == size ? <u32>((size + BLOCK_SIZE - 1) / BLOCK_SIZE) : <u32>(stop / BLOCK_SIZE);
  if (to > from) pcDropRange(f.ino, from, to - from);
  return 0;
}
