// File-system syscalls: path and argument checking, then one call into inode.ts / dir.ts / fs.ts.
// Interface: sysFs(nr, a0..a3) -> result or NOT_MINE; fetchPath(p, va) -> length or -errno (path in PATHBUF).
import { Errno } from "./abi/errno";
import { Sys } from "./abi/syscalls";
import { Routine, Place } from "./abi/trace";
import { S_IFDIR, S_IFREG, S_IFMT, DIRENT_SIZE, Dirent, BLOCK_SIZE, ROOT_INO, DT_DIR, S_MAXBYTES } from "./abi/fs";
import { PATH_MAX } from "./param";
import { curProc } from "./cpu";
import { Proc, CWD_OFF } from "./proc";
import { fdGet, fdAlloc, fileAlloc, fileAt, fileClose, fileRead, fileWrite, FT_INODE, FT_CONSOLE, FT_PIPE, FT_SOCKET, O_ACCMODE, O_RDONLY } from "./file";
import { namei, dirLookup, dirLink, dirUnlink, dirIsEmpty, isDir, isBelow, setDotdot, NAME, NAMELEN, TRAILING, INO_BAD } from "./dir";
import { iget, iput, iprune, itrunc, fillStat, iheld } from "./inode";
import { ialloc, iSize, iNlink, iSetNlink, iMode, fsMounted } from "./fs";
import { pcSync, pcGet } from "./pagecache";
import { copyToUser, countCopy, userPhys } from "./copy";
import { diskFlush } from "./disk";
import { pa } from "./kalloc";
import { NOT_MINE, u32arg, fdArg, tooBig } from "./sysarg";

import { AT_FDCWD, AT_REMOVEDIR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_CLOEXEC, SEEK_SET, SEEK_CUR, SEEK_END } from "./abi/fcntl";
export const PATHBUF: usize = memory.data(PATH_MAX);
const kbuf: usize = memory.data(512);    // small structs; also a path-joining scratch

export function sysFs(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64): i64 {
  const p = curProc();
  switch (nr) {
    case Sys.openat: return sysOpenat(p, fdArg(a0), u32arg(a1), <u32>a2);
    case Sys.lseek: return sysLseek(p, fdArg(a0), a1, <i32>a2);
    case Sys.pread64: return sysPrw(p, fdArg(a0), u32arg(a1), a2, a3, false);
    case Sys.pwrite64: return sysPrw(p, fdArg(a0), u32arg(a1), a2, a3, true);
    case Sys.fstat: return sysFstat(p, fdArg(a0), u32arg(a1));
    case Sys.newfstatat: return sysFstatat(p, fdArg(a0), u32arg(a1), u32arg(a2));
    case Sys.ftruncate: return sysFtruncate(p, fdArg(a0), a1);
    case Sys.fsync: case Sys.fdatasync: return sysFsync(p, fdArg(a0));
    case Sys.sync: pcSync(0); diskFlush(); return 0;
    case Sys.getdents64: return sysGetdents(p, fdArg(a0), u32arg(a1), <u32>a2);
    case Sys.mkdirat: return sysMkdirat(p, fdArg(a0), u32arg(a1));
    case Sys.unlinkat: return sysUnlinkat(p, fdArg(a0), u32arg(a1), <i32>a2);
    case Sys.renameat: return sysRenameat(p, fdArg(a0), u32arg(a1), fdArg(a2), u32arg(a3));
    case Sys.chdir: return sysChdir(p, u32arg(a0));
    case Sys.getcwd: return sysGetcwd(p, u32arg(a0), <u32>a1);
    case Sys.faccessat: return sysFaccessat(p, fdArg(a0), u32arg(a1));
  }
  return NOT_MINE;
}

// Copy a NUL-terminated path from user memory into PATHBUF (one copy); its length or -errno.
export function fetchPath(p: Proc, va: u32): i32 {
  for (let i = 0; i < PATH_MAX; i++) {
    const ph = userPhys(p, va + i, false);
    if (ph < 0) return -Errno.EFAULT;
    const c = load<u8>(<usize>ph);
    store<u8>(PATHBUF + i, c);
    if (c == 0) {
      countCopy(Routine.strncpy_from_user, va, PATHBUF, i + 1, Place.user, Place.kernel);
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

function lookupPath(p: Proc, dirfd: i32, va: u32, parent: bool): i64 {
  const len = fetchPath(p, va);
  if (len < 0) return len;
  const start = startDir(p, dirfd);
  if (start < 0) return start;
  return namei(<u32>start, PATHBUF, len, parent);
}

function sysOpenat(p: Proc, dirfd: i32, path: u32, flags: u32): i64 {
  let ino = lookupPath(p, dirfd, path, false);
  if (ino == -Errno.ENOENT && (flags & O_CREAT)) {
    const dir = lookupPath(p, dirfd, path, true);
    if (dir < 0) return dir;
    if (NAMELEN == 0) return -Errno.EISDIR;
    const c = create(<u32>dir, S_IFREG | 0o644);
    if (c < 0) return c;
    ino = c;
  } else if (ino >= 0 && (flags & O_CREAT) && (flags & O_EXCL)) return -Errno.EEXIST;
  if (ino < 0) return ino;
  const i = <u32>ino;
  if (isDir(i) && (flags & O_ACCMODE) != O_RDONLY) return -Errno.EISDIR;
  if ((flags & O_DIRECTORY) && !isDir(i)) return -Errno.ENOTDIR;
  if ((flags & O_TRUNC) && !isDir(i) && (flags & O_ACCMODE) != O_RDONLY) itrunc(i, 0);
  if (!iget(i)) return -Errno.ENFILE;                   // the in-core inode table is full
  const f = fileAlloc(FT_INODE, flags & ~(O_CREAT | O_EXCL | O_TRUNC | O_CLOEXEC));
  if (f < 0) { iput(i); return -Errno.ENFILE; }
  fileAt(f).ino = i;
  const fd = fdAlloc(p, f, (flags & O_CLOEXEC) != 0);
  if (fd < 0) fileClose(f);
  return fd;
}

// A new inode linked as NAME in `dir`; its number or -errno.
function create(dir: u32, mode: u32): i64 {
  if (NAMELEN > 120) return -Errno.ENAMETOOLONG;
  const ino = ialloc(mode);
  if (ino == 0) return -Errno.ENOSPC;
  const dirType: u8 = (mode & S_IFMT) == S_IFDIR ? <u8>DT_DIR : 8;
  const r = dirLink(dir, NAME, NAMELEN, ino, dirType);
  if (r < 0) { iSetNlink(ino, 0); iprune(ino); return r; }
  iSetNlink(ino, 1);
  return ino;
}

function sysLseek(p: Proc, fd: i32, off: i64, whence: i32): i64 {
  const fi = fdGet(p, fd);
  if (fi < 0) return -Errno.EBADF;
  const f = fileAt(fi);
  if (f.type != FT_INODE) return -Errno.ESPIPE;
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
  const f = fileAt(fi);
  if (f.type == FT_INODE) fillStat(f.ino, kbuf);
  else {
    memory.fill(kbuf, 0, 128);
    // a pipe is S_IFIFO, a socket S_IFSOCK, the console a character device (S_IFCHR)
    const mode: u32 = f.type == FT_PIPE ? 0x1000 | 0o600 : f.type == FT_SOCKET ? 0xc000 | 0o777 : 0x2000 | 0o620;
    store<u32>(kbuf + 16, mode);
    store<i32>(kbuf + 56, 4096);
  }
  return copyToUser(p, buf, kbuf, 128) < 0 ? -Errno.EFAULT : 0;
}

function sysFstatat(p: Proc, dirfd: i32, path: u32, buf: u32): i64 {
  const ino = lookupPath(p, dirfd, path, false);
  if (ino < 0) return ino;
  fillStat(<u32>ino, kbuf);
  return copyToUser(p, buf, kbuf, 128) < 0 ? -Errno.EFAULT : 0;
}

function sysFaccessat(p: Proc, dirfd: i32, path: u32): i64 {
  const ino = lookupPath(p, dirfd, path, false);
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
  if (f.type != FT_INODE || !isDir(f.ino)) return -Errno.ENOTDIR;
  let out: u32 = 0;
  const per: u32 = BLOCK_SIZE / DIRENT_SIZE;
  for (;;) {
    if (f.offset >= iSize(f.ino)) break;      // (lseek allows offsets past 2^32 entries)
    const i = <u32>(f.offset / DIRENT_SIZE);
    const pg = pcGet(f.ino, i / per, false);
    if (pg == 0) return -Errno.EIO;
    const e = pa(pg) + <usize>(i % per) * DIRENT_SIZE;
    const ino = load<u32>(e);
    if (ino != 0) {
      const nl = <u32>load<u8>(e + Dirent.nameLen);
      const rec = (19 + nl + 1 + 7) & ~7;
      if (out + rec > count) { if (out == 0) return -Errno.EINVAL; break; }
      memory.fill(kbuf, 0, rec);
      store<u64>(kbuf, ino); store<i64>(kbuf + 8, <i64>(i + 1) * DIRENT_SIZE);
      store<u16>(kbuf + 16, <u16>rec); store<u8>(kbuf + 18, load<u8>(e + Dirent.type));
      memory.copy(kbuf + 19, e + Dirent.name, nl);
      if (copyToUser(p, buf + out, kbuf, rec) < 0) return -Errno.EFAULT;
      out += rec;
    }
    f.offset += DIRENT_SIZE;
  }
  return out;
}

function sysMkdirat(p: Proc, dirfd: i32, path: u32): i64 {
  const dir = lookupPath(p, dirfd, path, true);
  if (dir < 0) return dir;
  if (NAMELEN == 0) return -Errno.EEXIST;
  const old = dirLookup(<u32>dir, NAME, NAMELEN);
  if (old != 0) return old == INO_BAD ? -Errno.EIO : -Errno.EEXIST;
  if (NAMELEN > 120) return -Errno.ENAMETOOLONG;
  // All or nothing: the new directory gets "." and ".." before it is linked into its parent; a
  // failure on the way frees what it took (its nlink is 0 until it is linked).
  const d = ialloc(S_IFDIR | 0o755);
  if (d == 0) return -Errno.ENOSPC;
  store<u8>(kbuf, 0x2e); store<u8>(kbuf + 1, 0x2e);
  let r = dirLink(d, kbuf, 1, d, <u8>DT_DIR);
  if (r == 0) r = dirLink(d, kbuf, 2, <u32>dir, <u8>DT_DIR);
  if (r == 0) r = dirLink(<u32>dir, NAME, NAMELEN, d, <u8>DT_DIR);
  if (r < 0) { iprune(d); return r; }
  iSetNlink(d, 2);
  iSetNlink(<u32>dir, iNlink(<u32>dir) + 1);
  return 0;
}

function sysUnlinkat(p: Proc, dirfd: i32, path: u32, flags: i32): i64 {
  if (flags & ~AT_REMOVEDIR) return -Errno.EINVAL;
  const dir = lookupPath(p, dirfd, path, true);
  if (dir < 0) return dir == -Errno.EEXIST ? -Errno.EBUSY : dir;
  if (NAMELEN == 1 && load<u8>(NAME) == 0x2e) return -Errno.EINVAL;
  if (NAMELEN == 2 && load<u16>(NAME) == 0x2e2e) return -Errno.ENOTEMPTY;
  const ino = dirLookup(<u32>dir, NAME, NAMELEN);
  if (ino == 0 || ino == INO_BAD) return ino == 0 ? -Errno.ENOENT : -Errno.EIO;
  const d = isDir(ino);
  if (TRAILING && !d) return -Errno.ENOTDIR;
  if ((flags & AT_REMOVEDIR) && !d) return -Errno.ENOTDIR;
  if (!(flags & AT_REMOVEDIR) && d) return -Errno.EISDIR;
  if (d && !dirIsEmpty(ino)) return -Errno.ENOTEMPTY;
  dirUnlink(<u32>dir, NAME, NAMELEN);
  if (d) { iSetNlink(<u32>dir, iNlink(<u32>dir) - 1); iSetNlink(ino, 0); }
  else iSetNlink(ino, iNlink(ino) - 1);
  iprune(ino);              // frees it now unless it is open or mapped
  return 0;
}

function sysRenameat(p: Proc, ofd: i32, oldp: u32, nfd: i32, newp: u32): i64 {
  const odir = lookupPath(p, ofd, oldp, true);
  if (odir < 0) return odir;
  const oname = kbuf + 256;
  const olen = NAMELEN;
  memory.copy(oname, NAME, olen);
  const ino = dirLookup(<u32>odir, oname, olen);
  if (ino == 0 || ino == INO_BAD) return ino == 0 ? -Errno.ENOENT : -Errno.EIO;
  const dir = isDir(ino);
  if (TRAILING && !dir) return -Errno.ENOTDIR;
  if (isDot(oname, olen)) return -Errno.EINVAL;
  const ndir = lookupPath(p, nfd, newp, true);
  if (ndir < 0) return ndir;
  if (NAMELEN == 0 || isDot(NAME, NAMELEN)) return -Errno.EBUSY;
  if (TRAILING && !dir) return -Errno.ENOTDIR;
  if (dir && isBelow(<u32>ndir, ino)) return -Errno.EINVAL;   // into its own subtree
  const target = dirLookup(<u32>ndir, NAME, NAMELEN);
  if (target == INO_BAD) return -Errno.EIO;
  if (target == ino) return 0;
  if (target != 0) {
    if (isDir(target) != dir) return isDir(target) ? -Errno.EISDIR : -Errno.ENOTDIR;
    if (isDir(target) && !dirIsEmpty(target)) return -Errno.ENOTEMPTY;
    dirUnlink(<u32>ndir, NAME, NAMELEN);
    if (isDir(target)) { iSetNlink(target, 0); iSetNlink(<u32>ndir, iNlink(<u32>ndir) - 1); }
    else iSetNlink(target, iNlink(target) - 1);
    iprune(target);
  }
  const r = dirLink(<u32>ndir, NAME, NAMELEN, ino, dir ? <u8>DT_DIR : 8);
  if (r < 0) return r;
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
  const len = fetchPath(p, path);
  if (len < 0) return len;
  const ino = namei(p.cwd != 0 ? p.cwd : ROOT_INO, PATHBUF, len, false);
  if (ino < 0) return ino;
  if (!isDir(<u32>ino)) return -Errno.ENOTDIR;
  if (!iget(<u32>ino)) return -Errno.ENFILE;
  if (p.cwd != 0) iput(p.cwd);
  p.cwd = <u32>ino;
  setCwdPath(p, len);
  return 0;
}

// Keep the textual working directory: join, then fold "." and ".." components.
function setCwdPath(p: Proc, len: i32): void {
  const cwd = changetype<usize>(p) + CWD_OFF;
  const join = kbuf;                        // scratch: cwd + "/" + path
  let n: i32 = 0;
  if (load<u8>(PATHBUF) != 0x2f) { n = <i32>p.cwdLen; memory.copy(join, cwd, n); store<u8>(join + n++, 0x2f); }
  const take = min(len, 510 - n);
  memory.copy(join + n, PATHBUF, take);
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

function sysGetcwd(p: Proc, buf: u32, size: u32): i64 {
  const cwd = changetype<usize>(p) + CWD_OFF;
  let n = <i32>p.cwdLen;
  if (n == 0) { store<u8>(kbuf, 0x2f); n = 1; } else memory.copy(kbuf, cwd, n);
  store<u8>(kbuf + n, 0);
  if (<u32>(n + 1) > size) return -Errno.ERANGE;
  return copyToUser(p, buf, kbuf, n + 1) < 0 ? -Errno.EFAULT : n + 1;
}
