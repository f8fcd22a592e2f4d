// WASI functions on paths (path_*): each fetches its (pointer, length) path into a kernel buffer,
// checks it as wasmtime does (no NUL inside: ILSEQ; absolute, or a ".." that climbs above the
// directory fd: PERM, since a WASI program may reach only what is under its directory fds), then
// runs the Linux handler with the WASI fd as dirfd and the checked path passed in place of a user
// pointer (sysfs.ts kernelPath): path_open is openat, path_create_directory mkdirat,
// path_unlink_file and path_remove_directory unlinkat, path_rename renameat; path_filestat_get
// opens the path (openat; O_PATH|O_NOFOLLOW for the link itself), reads its inode's status and
// closes it.
// path_symlink is symlinkat, path_readlink readlinkat, path_link linkat, path_filestat_set_times and
// fd_filestat_set_times utimensat's work (sysfs.ts fsSetTimes, times in ns).
// Interface: the table's entries (wasi.ts, each (a0..a8) -> result or -errno):
// wasi_path_create_directory, wasi_path_filestat_get, wasi_path_open, wasi_path_remove_directory,
// wasi_path_rename, wasi_path_unlink_file, wasi_path_symlink, wasi_path_readlink, wasi_path_link,
// wasi_path_filestat_set_times, wasi_fd_filestat_set_times.
import { Errno } from "./abi/errno";
import { Routine, Place } from "./abi/trace";
import { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_APPEND, O_NONBLOCK, O_DSYNC, O_SYNC,
  O_NOFOLLOW, O_PATH, AT_REMOVEDIR, AT_SYMLINK_FOLLOW, AT_SYMLINK_NOFOLLOW } from "./abi/fcntl";
import { WasiErrno, OFLAGS_CREAT, OFLAGS_DIRECTORY, OFLAGS_EXCL, OFLAGS_TRUNC, FDFLAGS_APPEND, FDFLAGS_DSYNC,
  FDFLAGS_NONBLOCK, FDFLAGS_RSYNC, FDFLAGS_SYNC, LOOKUP_SYMLINK_FOLLOW, RIGHT_FD_READ, RIGHT_FD_READDIR,
  RIGHT_FD_WRITE, RIGHT_FD_DATASYNC, RIGHT_FD_ALLOCATE, RIGHT_FD_FILESTAT_SET_SIZE, FSTFLAGS_ATIM, FSTFLAGS_ATIM_NOW,
  FSTFLAGS_MTIM, FSTFLAGS_MTIM_NOW } from "./abi/wasi";
import { PATH_MAX } from "./param";
import { curProc } from "./cpu";
import { Proc } from "./proc";
import { fileAt, fdGet } from "./file";
import { copyFromUser } from "./copy";
import { putU32, wasiErr, uptr } from "./wasiarg";
import { fileStatOut } from "./wasifd";
import { sys_close } from "./sysfile";
import { sys_openat, sys_mkdirat, sys_unlinkat, sys_renameat, kernelPath, KPATH_A, KPATH_B, fsSymlinkat, fsReadlinkat,
  fsLinkat, fsSetTimes, TIME_NOW, TIME_OMIT } from "./sysfs";

const pathA: usize = memory.data(PATH_MAX);
const pathB: usize = memory.data(PATH_MAX);

const SLASH: u8 = 0x2f, DOT: u8 = 0x2e;
// WASI has no modes: what a C library asks when it is given none (creat's 0666, mkdir's 0777), less
// the process's umask (022: files 0644, directories 0755).
const WASI_CREATE_MODE: u32 = 0o666, WASI_MKDIR_MODE: u32 = 0o777;

// Fetch and check the path (va, len) into `buf` (NUL-terminated); its length or a handler error.
function fetch(p: Proc, va: u32, len: u64, buf: usize): i64 {
  if (len >= <u64>PATH_MAX) return -Errno.ENAMETOOLONG;
  const n = <u32>len;
  if (n > 0 && copyFromUser(p, buf, va, n, Routine.strncpy_from_user, Place.kernel) < 0) return -Errno.EFAULT;
  store<u8>(buf + n, 0);
  for (let i: u32 = 0; i < n; i++) if (load<u8>(buf + i) == 0) return wasiErr(WasiErrno.ILSEQ);
  if (n > 0 && load<u8>(buf) == SLASH) return -Errno.EPERM;
  return escapes(buf, n) ? -Errno.EPERM : n;
}

// Does a ".." climb above the start? (depth counted over the components, "." and "" skipped)
function escapes(buf: usize, n: u32): bool {
  let depth = 0;
  let i: u32 = 0;
  while (i < n) {
    let j = i;
    while (j < n && load<u8>(buf + j) != SLASH) j++;
    const len = j - i;
    if (len == 2 && load<u8>(buf + i) == DOT && load<u8>(buf + i + 1) == DOT) {
      if (--depth < 0) return true;
    } else if (len > 0 && !(len == 1 && load<u8>(buf + i) == DOT)) depth++;
    i = j + 1;
  }
  return false;
}

// Run `call` with path A (and B) supplied by the kernel.
function withPaths(p: Proc, va: i64, len: i64, vb: i64, lenb: i64): i64 {
  const a = fetch(p, uptr(va), <u64>len, pathA);
  if (a < 0) return a;
  kernelPath(KPATH_A, pathA, <i32>a);
  if (lenb < 0) return 0;
  const b = fetch(p, uptr(vb), <u64>lenb, pathB);
  if (b < 0) { done(); return b; }
  kernelPath(KPATH_B, pathB, <i32>b);
  return 0;
}

function done(): void {
  kernelPath(KPATH_A, 0, -1);
  kernelPath(KPATH_B, 0, -1);
}

// The access mode path_open's rights ask for, as wasmtime reads them.
function accessOf(rights: u64): i32 {
  const r = (rights & <u64>(RIGHT_FD_READ | RIGHT_FD_READDIR)) != 0;
  const w = (rights & <u64>(RIGHT_FD_WRITE | RIGHT_FD_DATASYNC | RIGHT_FD_ALLOCATE | RIGHT_FD_FILESTAT_SET_SIZE)) != 0;
  return r && w ? O_RDWR : w ? O_WRONLY : O_RDONLY;
}

// path_open(fd, dirflags, path, path_len, oflags, rights_base, rights_inheriting, fdflags, fd_out)
export function wasi_path_open(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const oflags = <u32>a4, fdflags = <u32>a7;
  if (oflags & ~(OFLAGS_CREAT | OFLAGS_DIRECTORY | OFLAGS_EXCL | OFLAGS_TRUNC)) return -Errno.EINVAL;
  if ((oflags & OFLAGS_DIRECTORY) && (oflags & (OFLAGS_CREAT | OFLAGS_EXCL | OFLAGS_TRUNC))) return -Errno.EINVAL;
  let flags: i32 = accessOf(<u64>a5);   // a directory asked for writing: EISDIR, as openat says
  if (oflags & OFLAGS_CREAT) flags |= O_CREAT;
  if (oflags & OFLAGS_EXCL) flags |= O_EXCL;
  if (oflags & OFLAGS_TRUNC) flags |= O_TRUNC;
  if (oflags & OFLAGS_DIRECTORY) flags |= O_DIRECTORY;
  if (fdflags & FDFLAGS_APPEND) flags |= O_APPEND;
  if (fdflags & FDFLAGS_NONBLOCK) flags |= O_NONBLOCK;
  if (fdflags & FDFLAGS_DSYNC) flags |= O_DSYNC;
  if (fdflags & (FDFLAGS_SYNC | FDFLAGS_RSYNC)) flags |= O_SYNC;
  if (!(<u32>a1 & LOOKUP_SYMLINK_FOLLOW)) flags |= O_NOFOLLOW;
  const e = withPaths(p, a2, a3, 0, -1);
  if (e < 0) return e;
  const fd = sys_openat(a0, KPATH_A, flags, WASI_CREATE_MODE, 0, 0);
  done();
  if (fd < 0) return fd;
  const r = putU32(p, uptr(a8), <u32>fd);
  if (r < 0) sys_close(fd, 0, 0, 0, 0, 0);
  return r;
}

export function wasi_path_create_directory(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const e = withPaths(curProc(), a1, a2, 0, -1);
  if (e < 0) return e;
  const r = sys_mkdirat(a0, KPATH_A, WASI_MKDIR_MODE, 0, 0, 0);
  done();
  return r;
}

function unlink(fd: i64, va: i64, len: i64, flags: i32): i64 {
  const e = withPaths(curProc(), va, len, 0, -1);
  if (e < 0) return e;
  const r = sys_unlinkat(fd, KPATH_A, flags, 0, 0, 0);
  done();
  return r;
}

export function wasi_path_unlink_file(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return unlink(a0, a1, a2, 0);
}

export function wasi_path_remove_directory(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  return unlink(a0, a1, a2, AT_REMOVEDIR);
}

// path_rename(fd, old_path, old_len, new_fd, new_path, new_len)
export function wasi_path_rename(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const e = withPaths(curProc(), a1, a2, a4, a5);
  if (e < 0) return e;
  const r = sys_renameat(a0, KPATH_A, a3, KPATH_B, 0, 0);
  done();
  return r;
}

// path_filestat_get(fd, lookupflags, path, path_len, filestat_out)
export function wasi_path_filestat_get(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const e = withPaths(p, a2, a3, 0, -1);
  if (e < 0) return e;
  const fd = sys_openat(a0, KPATH_A, O_RDONLY | (<u32>a1 & LOOKUP_SYMLINK_FOLLOW ? 0 : O_NOFOLLOW | O_PATH), 0, 0, 0);
  done();
  if (fd < 0) return fd;
  const r = fileStatOut(p, uptr(a4), fdGet(p, <i32>fd));
  sys_close(fd, 0, 0, 0, 0, 0);
  return r;
}

// path_symlink(old_path, old_len, fd, new_path, new_len): the link's text is checked as a path too
// (an absolute or escaping target is PERM, as wasmtime refuses them).
export function wasi_path_symlink(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const e = withPaths(p, a0, a1, a3, a4);
  if (e < 0) return e;
  const r = fsSymlinkat(p, KPATH_A, <i32>a2, KPATH_B);
  done();
  return r;
}

// path_readlink(fd, path, path_len, buf, buf_len, bufused_out): the text, cut at buf_len.
export function wasi_path_readlink(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const e = withPaths(p, a1, a2, 0, -1);
  if (e < 0) return e;
  const r = fsReadlinkat(p, <i32>a0, KPATH_A, uptr(a3), <i32>min(<u64>a4, 0x7fffffff));
  done();
  return r < 0 ? r : putU32(p, uptr(a5), <u32>r);
}

// path_link(old_fd, old_flags, old_path, old_len, new_fd, new_path, new_len)
export function wasi_path_link(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  const p = curProc();
  const e = withPaths(p, a2, a3, a5, a6);
  if (e < 0) return e;
  const r = fsLinkat(p, <i32>a0, KPATH_A, <i32>a4, KPATH_B, <u32>a1 & LOOKUP_SYMLINK_FOLLOW ? AT_SYMLINK_FOLLOW : 0);
  done();
  return r;
}

// The two times fst_flags ask for (ns, TIME_NOW or TIME_OMIT); false when a time is both given and now.
const times: usize = memory.data(16);
function timesOf(atim: i64, mtim: i64, fst: u32): bool {
  if (fst & ~(FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW | FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) return false;
  if ((fst & FSTFLAGS_ATIM) && (fst & FSTFLAGS_ATIM_NOW)) return false;
  if ((fst & FSTFLAGS_MTIM) && (fst & FSTFLAGS_MTIM_NOW)) return false;
  // a WASI timestamp is a u64: one past i64 is kept at the largest (never read as NOW or OMIT)
  store<i64>(times, fst & FSTFLAGS_ATIM_NOW ? TIME_NOW : fst & FSTFLAGS_ATIM ? (atim < 0 ? I64.MAX_VALUE : atim) : TIME_OMIT);
  store<i64>(times + 8, fst & FSTFLAGS_MTIM_NOW ? TIME_NOW : fst & FSTFLAGS_MTIM ? (mtim < 0 ? I64.MAX_VALUE : mtim) : TIME_OMIT);
  return true;
}

// fd_filestat_set_times(fd, atim, mtim, fst_flags)
export function wasi_fd_filestat_set_times(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  if (!timesOf(a1, a2, <u32>a3)) return -Errno.EINVAL;
  return fsSetTimes(curProc(), <i32>a0, 0, load<i64>(times), load<i64>(times + 8), 0);
}

// path_filestat_set_times(fd, lookupflags, path, path_len, atim, mtim, fst_flags)
export function wasi_path_filestat_set_times(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64, a6: i64, a7: i64, a8: i64): i64 {
  if (!timesOf(a4, a5, <u32>a6)) return -Errno.EINVAL;
  const p = curProc();
  const e = withPaths(p, a2, a3, 0, -1);
  if (e < 0) return e;
  const r = fsSetTimes(p, <i32>a0, KPATH_A, load<i64>(times), load<i64>(times + 8),
    <u32>a1 & LOOKUP_SYMLINK_FOLLOW ? 0 : AT_SYMLINK_NOFOLLOW);
  done();
  return r;
}
