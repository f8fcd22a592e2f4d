// Directories and path names. A directory is a file of DIRENT_SIZE entries (abi/fs.ts) read and
// written through the page cache (inode = the directory, index = page). Paths resolve from the root
// or the process's working directory, one component at a time, like xv6's namei; a symbolic link
// met on the way is replaced by its target (spliced in front of the rest of the path).
// Inode numbers in entries come from disk and are checked: a bad one (or an entry that cannot be
// read) makes the lookup INO_BAD, EIO for the caller, with a kernel log line.
// Interface: dirLookup(dir, name, len) -> ino, 0 or INO_BAD, dirLink(dir, name, len, ino, type) -> 0/-errno,
// dirUnlink(dir, name, len) -> 0/-errno, dirIsEmpty(dir), namei(start, path, len) -> ino or -errno,
// nameiparent(start, path, len, name) -> the parent directory or -errno, the last component in the
// caller's Name record (NAME_SIZE bytes; nameOf(name) its bytes), isDir(ino), isBelow(dir, anc)
// (rename's loop check), setDotdot(dir, parent); symbolic links: isSymlink(ino), readLink(ino, buf)
// -> length or -errno; dtOf(ino) (the entry type of an inode); dirPath(dir, buf, max) -> the
// directory's absolute path (getcwd after a chdir through a link) or -errno; inodePath(ino, buf,
// max) -> a path of any inode, found by searching the tree from the root (/proc's fd links and maps). namei and nameiparent follow
// symbolic links (at most MAXSYMLINKS per walk, then ELOOP).
import { Errno } from "./abi/errno";
import { DIRENT_SIZE, Dirent, NAME_MAX, S_IFMT, S_IFDIR, S_IFLNK, DT_DIR, DT_REG, DT_LNK, BLOCK_SIZE, ROOT_INO, MAXSYMLINKS, SYMLINK_MAX } from "./abi/fs";
import { PATH_MAX } from "./param";
import { pa } from "./kalloc";
import { pcGet, pcGetNew, pcDirty } from "./pagecache";
import { iMode, iSize, iSetSize, fsMounted, fsInodeValid, fsCorrupt, fsFreeInode, inodeAddr, iNlink } from "./fs";
import { fsBlockOf, BLOCK_BAD } from "./bmap";

// What nameiparent found after the parent: the last component (its bytes follow this header). The
// caller owns the record (docs/architecture.md, "Who owns a buffer").
@unmanaged export class Name {
  len: i32;
  trailing: bool;   // the path ended in '/': it must name a directory
}
const NAME_BYTES: usize = 8;
export const NAME_SIZE: i32 = <i32>NAME_BYTES + NAME_MAX;
@inline export function nameOf(n: Name): usize { return changetype<usize>(n) + NAME_BYTES; }
const PER_PAGE: u32 = BLOCK_SIZE / DIRENT_SIZE;
export const INO_BAD: u32 = 0xffffffff;                 // a corrupt or unreadable entry: EIO
const DIR_MAX: u64 = 64 << 20;                          // a larger directory is corrupt (as fsck says)

export function isDir(ino: u32): bool { return (iMode(ino) & S_IFMT) == S_IFDIR; }

function nameEq(e: usize, name: usize, len: i32): bool {
  if (<i32>load<u8>(e + Dirent.nameLen) != len) return false;
  for (let i = 0; i < len; i++) if (load<u8>(e + Dirent.name + i) != load<u8>(name + i)) return false;
  return true;
}

// Address of entry `i` of `dir` (the page is read through the cache), or 0.
function entry(dir: u32, i: u32): usize {
  const p = pcGet(dir, i / PER_PAGE, false);
  return p == 0 ? 0 : pa(p) + <usize>(i % PER_PAGE) * DIRENT_SIZE;
}

function count(dir: u32): u32 {
  const size = iSize(dir);
  if (size <= DIR_MAX) return <u32>(size / DIRENT_SIZE);
  fsCorrupt(dir, "directory size", size);
  return <u32>(DIR_MAX / DIRENT_SIZE);
}

export function dirLookup(dir: u32, name: usize, len: i32): u32 {
  const n = count(dir);
  for (let i: u32 = 0; i < n; i++) {
    const e = entry(dir, i);
    if (e == 0) return INO_BAD;
    const ino = load<u32>(e);
    if (ino == 0 || !nameEq(e, name, len)) continue;
    if (!fsInodeValid(ino)) { fsCorrupt(dir, "entry inode", ino); return INO_BAD; }
    if (iMode(ino) != 0) return ino;
    fsFreeInode(dir, ino);                    // a free inode named: ext4's "deleted inode referenced"
    return INO_BAD;
  }
  return 0;
}

export function dirLink(dir: u32, name: usize, len: i32, ino: u32, type: u8): i32 {
  if (len > NAME_MAX) return -Errno.ENAMETOOLONG;
  const n = count(dir);
  let slot = n;
  for (let i: u32 = 0; i < n; i++) { const e = entry(dir, i); if (e != 0 && load<u32>(e) == 0) { slot = i; break; } }
  if (slot == n && slot % PER_PAGE == 0) {
    const b = fsBlockOf(dir, slot / PER_PAGE, true);
    if (b == 0 || b == BLOCK_BAD) return b == 0 ? -Errno.ENOSPC : -Errno.EIO;
    if (pcGetNew(dir, slot / PER_PAGE) == 0) return -Errno.ENOMEM;
  }
  const e = entry(dir, slot);
  if (e == 0) return -Errno.EIO;
  memory.fill(e, 0, DIRENT_SIZE);
  store<u32>(e + Dirent.ino, ino); store<u8>(e + Dirent.type, type); store<u8>(e + Dirent.nameLen, <u8>len);
  memory.copy(e + Dirent.name, name, len);
  pcDirty(pcGet(dir, slot / PER_PAGE, false));
  if (slot == n) iSetSize(dir, <u64>(n + 1) * DIRENT_SIZE);
  return 0;
}

export function dirUnlink(dir: u32, name: usize, len: i32): i32 {
  const n = count(dir);
  for (let i: u32 = 2; i < n; i++) {
    const e = entry(dir, i);
    if (e == 0 || load<u32>(e) == 0 || !nameEq(e, name, len)) continue;
    store<u32>(e, 0);
    pcDirty(pcGet(dir, i / PER_PAGE, false));
    return 0;
  }
  return -Errno.ENOENT;
}

export function dirIsEmpty(dir: u32): bool {
  const n = count(dir);
  for (let i: u32 = 2; i < n; i++) { const e = entry(dir, i); if (e == 0 || load<u32>(e) != 0) return false; }
  return true;
}

// Resolve `path` (kernel buffer, len bytes) from `start`; `follow`: a final symbolic link is
// followed (stat, open), else it is the answer (lstat, O_NOFOLLOW). Links inside the path are
// always followed, and a path ending in '/' follows its last link too, as Linux does.
export function namei(start: u32, path: usize, len: i32, follow: bool = true): i64 {
  return walk(start, path, len, null, follow);
}

// Stop before the last component: return its directory, the component in `name`. With `follow`
// (open with O_CREAT), a last component that is a symbolic link is followed, so the name returned
// is where its target would be.
export function nameiparent(start: u32, path: usize, len: i32, name: Name, follow: bool = false): i64 {
  return walk(start, path, len, name, follow);
}

export function isSymlink(ino: u32): bool { return (iMode(ino) & S_IFMT) == S_IFLNK; }

// The directory entry type (DT_*) an inode of this mode has.
export function dtOf(ino: u32): u8 {
  const t = iMode(ino) & S_IFMT;
  return t == S_IFDIR ? DT_DIR : t == S_IFLNK ? DT_LNK : DT_REG;
}

// A symbolic link's target into `buf` (at most SYMLINK_MAX bytes): its length or -errno.
export function readLink(ino: u32, buf: usize): i32 {
  const size = iSize(ino);
  if (size == 0 || size > <u64>SYMLINK_MAX) { fsCorrupt(ino, "symbolic link size", size); return -Errno.EIO; }
  const b = fsBlockOf(ino, 0, false);
  if (b == 0 || b == BLOCK_BAD) { if (b == 0) fsCorrupt(ino, "symbolic link block", 0); return -Errno.EIO; }
  const pg = pcGet(ino, 0, false);
  if (pg == 0) return -Errno.EIO;
  memory.copy(buf, pa(pg), <usize>size);
  return <i32>size;
}

// The walk's own buffers: the path being walked (a symbolic link's target spliced in front of the
// rest), and the target read.
const wpath: usize = memory.data(PATH_MAX);
const wlink: usize = memory.data(PATH_MAX);

// namei's walk; `name` null for a whole lookup, else the parent's record to fill.
function walk(start: u32, path0: usize, len: i32, name: Name | null, follow: bool): i64 {
  if (!fsMounted()) return -Errno.ENOENT;
  if (len == 0) return -Errno.ENOENT;
  if (len > PATH_MAX) return -Errno.ENAMETOOLONG;
  let path = path0;
  let trailing = load<u8>(path + len - 1) == 0x2f;
  if (name) { name.trailing = trailing; name.len = 0; }
  let ino = load<u8>(path) == 0x2f ? ROOT_INO : start;
  let i = 0, links = 0;
  for (;;) {
    while (i < len && load<u8>(path + i) == 0x2f) i++;
    if (i >= len) {
      if (name) return -Errno.EEXIST;
      return trailing && !isDir(ino) ? -Errno.ENOTDIR : <i64>ino;
    }
    let j = i;
    while (j < len && load<u8>(path + j) != 0x2f) j++;
    if (j - i > NAME_MAX) return -Errno.ENAMETOOLONG;
    if (inodeAddr(ino) == 0) return -Errno.EIO;         // its inode cannot be read
    if (!isDir(ino)) return -Errno.ENOTDIR;
    let k = j;
    while (k < len && load<u8>(path + k) == 0x2f) k++;
    const last = k >= len;
    if (name && last && !follow) return parentOf(ino, path + i, j - i, name);
    const next = dirLookup(ino, path + i, j - i);
    if (next == INO_BAD) return -Errno.EIO;
    if (next == 0) return name && last ? parentOf(ino, path + i, j - i, name) : -Errno.ENOENT;
    if (isSymlink(next) && (!last || follow || (trailing && !name))) {
      if (++links > MAXSYMLINKS) return -Errno.ELOOP;
      // The target, then the rest of the path from the '/' after this component.
      const tl = readLink(next, wlink);
      if (tl < 0) return tl;
      const rest = len - j;
      if (tl + rest > PATH_MAX) return -Errno.ENAMETOOLONG;
      memory.copy(wpath + tl, path + j, rest);           // (memmove: path may be wpath)
      memory.copy(wpath, wlink, tl);
      path = wpath; len = tl + rest; i = 0;
      trailing = load<u8>(path + len - 1) == 0x2f;
      if (name) name.trailing = trailing;
      if (load<u8>(path) == 0x2f) ino = ROOT_INO;        // else relative to the link's directory
      continue;
    }
    if (name && last) return parentOf(ino, path + i, j - i, name);
    ino = next; i = j;
  }
  return -Errno.ENOENT;
}

// The last component `c` (n bytes) of a parent lookup, found in directory `dir`.
function parentOf(dir: u32, c: usize, n: i32, name: Name): i64 {
  if (iNlink(dir) == 0) return -Errno.ENOENT;          // removed (a cwd kept alive): IS_DEADDIR
  memory.copy(nameOf(name), c, n); name.len = n;
  return dir;
}

// True when directory `dir` is `anc` or lies below it (walking ".." up to the root, at most
// MAX_DEPTH steps: a corrupt image's ".." loop ends there).
const MAX_DEPTH = 4096;
export function isBelow(dir: u32, anc: u32): bool {
  store<u16>(DOTDOT, 0x2e2e);
  for (let d = dir, n = 0; n < MAX_DEPTH; n++) {
    if (d == anc) return true;
    if (d == ROOT_INO) return false;
    d = dirLookup(d, DOTDOT, 2);
    if (d == 0 || d == INO_BAD) return false;
  }
  return false;
}
const DOTDOT: usize = memory.data(2);

// The absolute path of directory `dir` into `buf` (at most `max` bytes, no NUL; "" for the root):
// up through ".." to the root, each step finding the child's name in its parent (the old Unix
// getcwd). Its length, or -errno (EIO: a bad entry; ENAMETOOLONG: longer than max).
export function dirPath(dir: u32, buf: usize, max: i32): i32 {
  store<u16>(DOTDOT, 0x2e2e);
  let end = max;                             // the path is built backwards from buf + max
  for (let d = dir, n = 0; d != ROOT_INO; n++) {
    if (n >= MAX_DEPTH) return -Errno.ELOOP;
    const up = dirLookup(d, DOTDOT, 2);
    if (up == 0 || up == INO_BAD) return -Errno.EIO;
    const e = entryOf(up, d);
    if (e == 0) return -Errno.ENOENT;
    const len = <i32>load<u8>(e + Dirent.nameLen);
    if (end - len - 1 < 0) return -Errno.ENAMETOOLONG;
    end -= len; memory.copy(buf + end, e + Dirent.name, len);
    store<u8>(buf + --end, 0x2f);
    d = up;
  }
  memory.copy(buf, buf + end, max - end);
  return max - end;
}

// The entry of directory `dir` (past "." and "..") that names `ino`, or 0.
function entryOf(dir: u32, ino: u32): usize {
  const n = count(dir);
  for (let i: u32 = 2; i < n; i++) {
    const e = entry(dir, i);
    if (e != 0 && load<u32>(e) == ino) return e;
  }
  return 0;
}

// Point the ".." entry of directory `dir` at `parent`.
export function setDotdot(dir: u32, parent: u32): void {
  const e = entry(dir, 1);
  if (e == 0) return;
  store<u32>(e + Dirent.ino, parent);
  pcDirty(pcGet(dir, 0, false));
}

// A path naming inode `ino` into `buf` (at most `max` bytes, no NUL; "" for the root): a search
// of the tree from the root, depth first, for a file (a directory: dirPath). Its length, or
// -ENOENT (no name: unlinked while open).
export function inodePath(ino: u32, buf: usize, max: i32): i32 {
  if (ino == ROOT_INO) return 0;
  if (isDir(ino)) return dirPath(ino, buf, max);
  return findIn(ROOT_INO, ino, buf, 0, max, 0);
}

const SEARCH_DEPTH = 32;      // directories deeper than this are not searched
function findIn(dir: u32, ino: u32, buf: usize, at: i32, max: i32, depth: i32): i32 {
  const n = count(dir);
  for (let i: u32 = 2; i < n; i++) {
    const e = entry(dir, i);
    if (e == 0) return -Errno.EIO;
    const child = load<u32>(e);
    if (child == 0 || !fsInodeValid(child)) continue;
    const len = <i32>load<u8>(e + Dirent.nameLen);
    if (at + 1 + len > max) continue;
    store<u8>(buf + at, 0x2f);
    memory.copy(buf + at + 1, e + Dirent.name, len);
    if (child == ino) return at + 1 + len;
    if (depth < SEARCH_DEPTH && load<u8>(e + Dirent.type) == DT_DIR) {
      const r = findIn(child, ino, buf, at + 1 + len, max, depth + 1);
      if (r > 0) return r;
    }
  }
  return -Errno.ENOENT;
}
