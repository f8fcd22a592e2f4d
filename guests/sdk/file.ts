// File descriptor I/O: thin wrappers over the fd syscalls. Each returns the raw result
// (a count, an fd, 0) or -errno. Buffers are guest pointers.
//
// Interface:
//   read write pread64 pwrite64 readv writev lseek      data transfer and position
//   openat close dup dup3 fcntl ioctl                  descriptors
//   fstat ftruncate fsync fdatasync fadvise64 ppoll     status, size, durability, readiness
//   fallocate pselect6                                space, readiness (fd_sets)
//   open(path, flags, mode)                            openat(AT_FDCWD, ...) with a string path

import { Sys } from "../../kernel/abi/syscalls";
import { syscall1, syscall2, syscall3, syscall4, syscall5, syscall6 } from "./syscall";
import { AT_FDCWD } from "./uapi/fcntl";
import { cstr } from "./cstring";

export function read(fd: i32, buf: usize, count: usize): i64 {
  return syscall3(Sys.read, fd, buf, count);
}

export function write(fd: i32, buf: usize, count: usize): i64 {
  return syscall3(Sys.write, fd, buf, count);
}

export function pread64(fd: i32, buf: usize, count: usize, offset: i64): i64 {
  return syscall4(Sys.pread64, fd, buf, count, offset);
}

export function pwrite64(fd: i32, buf: usize, count: usize, offset: i64): i64 {
  return syscall4(Sys.pwrite64, fd, buf, count, offset);
}

/** iov points at iovcnt iovec records (uapi/uio.ts). */
export function readv(fd: i32, iov: usize, iovcnt: i32): i64 {
  return syscall3(Sys.readv, fd, iov, iovcnt);
}

export function writev(fd: i32, iov: usize, iovcnt: i32): i64 {
  return syscall3(Sys.writev, fd, iov, iovcnt);
}

/** whence is SEEK_SET, SEEK_CUR or SEEK_END; returns the new offset. */
export function lseek(fd: i32, offset: i64, whence: i32): i64 {
  return syscall3(Sys.lseek, fd, offset, whence);
}

/** path is a NUL-terminated string; dirfd may be AT_FDCWD. */
export function openat(dirfd: i32, path: usize, flags: i32, mode: u32): i64 {
  return syscall4(Sys.openat, dirfd, path, flags, mode);
}

/** Open a path relative to the current directory. */
export function open(path: string, flags: i32, mode: u32 = 0o644): i64 {
  const p = cstr(path);
  return openat(AT_FDCWD, changetype<usize>(p), flags, mode);
}

export function close(fd: i32): i64 {
  return syscall1(Sys.close, fd);
}

export function dup(fd: i32): i64 {
  return syscall1(Sys.dup, fd);
}

/** flags may be O_CLOEXEC. */
export function dup3(oldfd: i32, newfd: i32, flags: i32): i64 {
  return syscall3(Sys.dup3, oldfd, newfd, flags);
}

export function fcntl(fd: i32, cmd: i32, arg: i64 = 0): i64 {
  return syscall3(Sys.fcntl, fd, cmd, arg);
}

export function ioctl(fd: i32, request: u32, arg: usize): i64 {
  return syscall3(Sys.ioctl, fd, request, arg);
}

/** statbuf receives a stat record (uapi/stat.ts). */
export function fstat(fd: i32, statbuf: usize): i64 {
  return syscall2(Sys.fstat, fd, statbuf);
}

export function ftruncate(fd: i32, length: i64): i64 {
  return syscall2(Sys.ftruncate, fd, length);
}

export function fsync(fd: i32): i64 {
  return syscall1(Sys.fsync, fd);
}

export function fdatasync(fd: i32): i64 {
  return syscall1(Sys.fdatasync, fd);
}

/** advice is POSIX_FADV_*. */
export function fadvise64(fd: i32, offset: i64, len: i64, advice: i32): i64 {
  return syscall4(Sys.fadvise64, fd, offset, len, advice);
}

/** fds points at nfds pollfd records (uapi/poll.ts); tmo a timespec or 0 for no timeout. */
export function ppoll(fds: usize, nfds: u32, tmo: usize, sigmask: usize = 0, sigsetsize: usize = 8): i64 {
  return syscall5(Sys.ppoll, fds, nfds, tmo, sigmask, sigsetsize);
}

/** mode 0 or FALLOC_FL_KEEP_SIZE (uapi/fcntl.ts); other modes are EOPNOTSUPP. */
export function fallocate(fd: i32, mode: i32, offset: i64, len: i64): i64 {
  return syscall4(Sys.fallocate, fd, mode, offset, len);
}

/** fd_sets are bit arrays (bit fd of byte fd / 8), FD_SETSIZE bits; tmo a timespec or 0. */
export function pselect6(nfds: i32, readfds: usize, writefds: usize, exceptfds: usize, tmo: usize, sigmask: usize = 0): i64 {
  return syscall6(Sys.pselect6, nfds, readfds, writefds, exceptfds, tmo, sigmask);
}
