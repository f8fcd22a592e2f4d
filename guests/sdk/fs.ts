// File system namespace: paths, directories and the whole-system sync. Raw wrappers take
// NUL-terminated path pointers; the string helpers below them encode a path and pass AT_FDCWD.
//
// Interface:
//   mkdirat unlinkat renameat newfstatat faccessat getdents64 chdir getcwd sync    raw syscalls
//   mkdir(path) rmdir(path) unlink(path) rename(a, b) stat(path, buf) access(path, mode)
//   chdirTo(path) cwd()                                                           string helpers

import { Sys } from "../../kernel/abi/syscalls";
import { syscall0, syscall1, syscall2, syscall3, syscall4 } from "./syscall";
import { AT_FDCWD, AT_REMOVEDIR } from "./uapi/fcntl";
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
