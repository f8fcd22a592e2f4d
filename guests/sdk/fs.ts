// File system namespace: paths, directories and the whole-system sync. Raw wrappers take
// NUL-terminated path pointers; the string helpers below them encode a path and pass AT_FDCWD.
//
// Interface:
//   mkdirat unlinkat renameat newfstatat faccessat getdents64 chdir getcwd sync    raw syscalls
//   symlinkat readlinkat linkat utimensat
//   mkdir(path) rmdir(path) unlink(path) rename(a, b) stat(path, buf) access(path, mode)
//   chdirTo(path) cwd() lstat(path, buf) symlink(target, path) readlink(path) link(a, b)
//   utimens(path, atimeNs, mtimeNs)                                               string helpers
//   trimSlashes(path) (trailing '/' gone, "/" kept), baseName(path) (its last component)  path text

import { Sys } from "../../kernel/abi/syscalls";
import { syscall0, syscall1, syscall2, syscall3, syscall4, syscall5 } from "./syscall";
import { AT_FDCWD, AT_REMOVEDIR, AT_SYMLINK_NOFOLLOW } from "./uapi/fcntl";
import { UTIME_NOW, UTIME_OMIT } from "./uapi/stat";
import { cstr, fromCstr } from "./cstring";

export function mkdirat(dirfd: i32, path: usize, mode: u32): i64 {
  return syscall3(Sys.mkdirat, dirfd, path, mode);
}

/** flags may be AT_REMOVEDIR (rmdir). */
export function unlinkat(dirfd: i32, path: usize, flags: i32): i64 {
  return syscall3(Sys.unlinkat, dirfd, path, flags);
}

export function renameat(olddirfd: i32, oldpath: usize, newdirfd: i32, newpath: usize): i64 {
  return syscall4(Sys.renameat, olddirfd, oldpath, newdirfd, newpath);
}

/** statbuf receives a stat record (uapi/stat.ts); flags AT_SYMLINK_NOFOLLOW, AT_EMPTY_PATH. */
export function newfstatat(dirfd: i32, path: usize, statbuf: usize, flags: i32): i64 {
  return syscall4(Sys.newfstatat, dirfd, path, statbuf, flags);
}

/** mode is F_OK or R_OK|W_OK|X_OK. */
export function faccessat(dirfd: i32, path: usize, mode: i32): i64 {
  return syscall3(Sys.faccessat, dirfd, path, mode);
}

/** Fills dirp with dirent64 records (uapi/stat.ts); returns bytes filled, 0 at the end. */
export function getdents64(fd: i32, dirp: usize, count: usize): i64 {
  return syscall3(Sys.getdents64, fd, dirp, count);
}

export function chdir(path: usize): i64 {
  return syscall1(Sys.chdir, path);
}

/** Returns the length including the NUL (Linux's raw getcwd). */
export function getcwd(buf: usize, size: usize): i64 {
  return syscall2(Sys.getcwd, buf, size);
}

export function sync(): i64 {
  return syscall0(Sys.sync);
}

export function mkdir(path: string, mode: u32 = 0o755): i64 {
  const p = cstr(path);
  return mkdirat(AT_FDCWD, changetype<usize>(p), mode);
}

export function rmdir(path: string): i64 {
  const p = cstr(path);
  return unlinkat(AT_FDCWD, changetype<usize>(p), AT_REMOVEDIR);
}

export function unlink(path: string): i64 {
  const p = cstr(path);
  return unlinkat(AT_FDCWD, changetype<usize>(p), 0);
}

export function rename(oldpath: string, newpath: string): i64 {
  const a = cstr(oldpath);
  const b = cstr(newpath);
  return renameat(AT_FDCWD, changetype<usize>(a), AT_FDCWD, changetype<usize>(b));
}

export function stat(path: string, statbuf: usize): i64 {
  const p = cstr(path);
  return newfstatat(AT_FDCWD, changetype<usize>(p), statbuf, 0);
}

export function access(path: string, mode: i32): i64 {
  const p = cstr(path);
  return faccessat(AT_FDCWD, changetype<usize>(p), mode);
}

export function chdirTo(path: string): i64 {
  const p = cstr(path);
  return chdir(changetype<usize>(p));
}

const CWD_BUF = 4096;   // Linux's PATH_MAX: room for any directory getcwd can name

/** The current directory, or "" if getcwd fails. */
export function cwd(): string {
  const buf = new ArrayBuffer(CWD_BUF);
  const r = getcwd(changetype<usize>(buf), CWD_BUF);
  return r < 0 ? "" : fromCstr(changetype<usize>(buf));
}

/** A symbolic link at path whose content is target (not checked: it may dangle). */
export function symlinkat(target: usize, newdirfd: i32, linkpath: usize): i64 {
  return syscall3(Sys.symlinkat, target, newdirfd, linkpath);
}

/** The link's target into buf (at most bufsiz bytes, no NUL); returns its length. */
export function readlinkat(dirfd: i32, path: usize, buf: usize, bufsiz: usize): i64 {
  return syscall4(Sys.readlinkat, dirfd, path, buf, bufsiz);
}

/** flags: AT_SYMLINK_FOLLOW (link what a final symbolic link points to). */
export function linkat(olddirfd: i32, oldpath: usize, newdirfd: i32, newpath: usize, flags: i32): i64 {
  return syscall5(Sys.linkat, olddirfd, oldpath, newdirfd, newpath, flags);
}

/** times: two timespecs (atime, mtime; tv_nsec UTIME_NOW or UTIME_OMIT allowed) or 0 for now;
 *  path 0: the file dirfd names; flags AT_SYMLINK_NOFOLLOW. */
export function utimensat(dirfd: i32, path: usize, times: usize, flags: i32): i64 {
  return syscall4(Sys.utimensat, dirfd, path, times, flags);
}

export function lstat(path: string, statbuf: usize): i64 {
  const p = cstr(path);
  return newfstatat(AT_FDCWD, changetype<usize>(p), statbuf, AT_SYMLINK_NOFOLLOW);
}

export function symlink(target: string, path: string): i64 {
  const t = cstr(target);
  const p = cstr(path);
  return symlinkat(changetype<usize>(t), AT_FDCWD, changetype<usize>(p));
}

export function link(oldpath: string, newpath: string): i64 {
  const a = cstr(oldpath);
  const b = cstr(newpath);
  return linkat(AT_FDCWD, changetype<usize>(a), AT_FDCWD, changetype<usize>(b), 0);
}

const linkBuf = memory.data(256);

/** The target of the link at path, or "" (the error in readlinkErr). */
export let readlinkErr: i64 = 0;
export function readlink(path: string): string {
  const p = cstr(path);
  const n = readlinkat(AT_FDCWD, changetype<usize>(p), linkBuf, 256);
  readlinkErr = n < 0 ? n : 0;
  return n < 0 ? "" : String.UTF8.decodeUnsafe(linkBuf, <usize>n);
}

const timesBuf = memory.data(32);

/** Set atime and mtime (ns since the epoch; UTIME_NOW / UTIME_OMIT as the ns value pass through). */
export function utimens(path: string, atimeNs: i64, mtimeNs: i64, flags: i32 = 0): i64 {
  putTs(timesBuf, atimeNs);
  putTs(timesBuf + 16, mtimeNs);
  const p = cstr(path);
  return utimensat(AT_FDCWD, changetype<usize>(p), timesBuf, flags);
}
function putTs(at: usize, ns: i64): void {
  if (ns == UTIME_NOW || ns == UTIME_OMIT) { store<i64>(at, 0); store<i64>(at + 8, ns); return; }
  store<i64>(at, ns / 1000000000); store<i64>(at + 8, ns % 1000000000);
}

/** path without its trailing slashes ("/" stays "/"). */
export function trimSlashes(path: string): string {
  let n = path.length;
  while (n > 1 && path.charCodeAt(n - 1) == 0x2f) n--;
  return path.substring(0, n);
}

/** The last component of path, as basename(1) for a path with trailing slashes. */
export function baseName(path: string): string {
  const p = trimSlashes(path);
  return p == "/" ? p : p.substring(p.lastIndexOf("/") + 1);
}
