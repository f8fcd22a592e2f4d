// ls: list directories with getdents64, one name per line, sorted by name (byte order). Names
// starting with "." are hidden, as coreutils ls hides them. A PATH that is not a directory is
// listed as itself. With -l each line is "TYPE+PERMS LINKS SIZE NAME" from newfstatat, e.g.
// "-rw-r--r-- 1 6000 t.txt". With several PATHs each listing gets a "PATH:" header.
// Exit 1 (after listing the rest) if a PATH cannot be read: "ls: PATH: ERRNO".
// Usage: ls [-l] [PATH...]
import {
  argc, arg, open, close, getdents64, newfstatat, cstr, fromCstr, print, eprint, exit_group, errnoName,
  O_RDONLY, O_DIRECTORY, O_CLOEXEC, AT_FDCWD, Errno,
  STAT_SIZE, ST_MODE, ST_NLINK, ST_SIZE, S_IFMT, S_IFDIR, S_IFREG, S_IFLNK, S_IFCHR, S_IFIFO, S_IFSOCK, S_IFBLK,
  D_RECLEN, D_NAME,
} from "../sdk";

const DENTS = 8192;
const dents = memory.data(DENTS, 8);
const st = memory.data(<i32>STAT_SIZE, 8);
let long = false;
let listed = false;                      // something printed already: the next header gets a blank line
let status = 0;

function fail(path: string, r: i64): void {
  eprint("ls: " + path + ": " + errnoName(<i32>-r) + "\n");
  status = 1;
}

/** The type letter and rwx bits of a mode, as ls -l shows them. */
function modeString(mode: u32): string {
  const t = mode & S_IFMT;
  let s = t == S_IFDIR ? "d" : t == S_IFREG ? "-" : t == S_IFLNK ? "l" : t == S_IFCHR ? "c"
    : t == S_IFBLK ? "b" : t == S_IFIFO ? "p" : t == S_IFSOCK ? "s" : "?";
  for (let shift = 6; shift >= 0; shift -= 3) {
    const bits = (mode >> <u32>shift) & 7;
    s += (bits & 4 ? "r" : "-") + (bits & 2 ? "w" : "-") + (bits & 1 ? "x" : "-");
  }
  return s;
}

/** Print one entry: its name, or with -l its stat line (name looked up relative to dirfd). */
function show(dirfd: i32, path: string, name: string): void {
  if (!long) { print(name + "\n"); return; }
  const p = cstr(path);
  const r = newfstatat(dirfd, changetype<usize>(p), st, 0);
  if (r < 0) { fail(name, r); return; }
  print(modeString(load<u32>(st + ST_MODE)) + " " + load<u32>(st + ST_NLINK).toString() + " " +
    load<i64>(st + ST_SIZE).toString() + " " + name + "\n");
}

/** The visible names in the open directory fd, sorted; null (after reporting) on an error. */
function readNames(fd: i32, path: string): string[] | null {
  const names = new Array<string>();
  for (;;) {
    const n = getdents64(fd, dents, DENTS);
    if (n == 0) break;
    if (n < 0) { fail(path, n); return null; }
    for (let off: usize = 0; off < <usize>n; off += load<u16>(dents + off + D_RECLEN)) {
      const name = fromCstr(dents + off + D_NAME);
      if (name.charCodeAt(0) != 0x2e) names.push(name);   // hide ".", ".." and dot files
    }
  }
  names.sort((a: string, b: string): i32 => (a < b ? -1 : a > b ? 1 : 0));
  return names;
}

/** List one PATH: a directory's entries, or the PATH itself if it is not a directory. */
function list(path: string, header: bool): void {
  const fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd == -Errno.ENOTDIR) { show(AT_FDCWD, path, path); listed = true; return; }
  if (fd < 0) { fail(path, fd); return; }
  const names = readNames(<i32>fd, path);
  if (names !== null) {
    if (header) print((listed ? "\n" : "") + path + ":\n");
    listed = true;
    for (let i = 0; i < names.length; i++) show(<i32>fd, names[i], names[i]);
  }
  close(<i32>fd);
}

const paths = new Array<string>();
for (let i = 1; i < argc(); i++) {
  if (arg(i) == "-l") long = true;
  else paths.push(arg(i));
}
if (paths.length == 0) paths.push(".");
for (let i = 0; i < paths.length; i++) list(paths[i], paths.length > 1);
exit_group(status);
