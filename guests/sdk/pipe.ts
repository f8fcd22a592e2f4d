// Pipes and in-kernel data movement: pipe2, and the splice family that moves pages between
// pipes and files or sockets without a copy through user memory (sendfile is a splice through
// an internal pipe, as in Linux). Each returns the raw result or -errno.
//
// Interface:
//   pipe2(fds, flags)          fds points at two i32: [read end, write end]
//   splice tee vmsplice        pipe <-> fd, pipe -> pipe, user pages -> pipe (SPLICE_F_*)
//   sendfile copy_file_range   fd -> fd
// Offsets (off_in, off_out, offset) are pointers to an i64, or 0 to use the file position.

import { Sys } from "../../kernel/abi/syscalls";
import { syscall2, syscall4, syscall6 } from "./syscall";

export function pipe2(fds: usize, flags: i32 = 0): i64 {
  return syscall2(Sys.pipe2, fds, flags);
}

export function splice(fdIn: i32, offIn: usize, fdOut: i32, offOut: usize, len: usize, flags: u32): i64 {
  return syscall6(Sys.splice, fdIn, offIn, fdOut, offOut, len, flags);
}

export function tee(fdIn: i32, fdOut: i32, len: usize, flags: u32): i64 {
  return syscall4(Sys.tee, fdIn, fdOut, len, flags);
}

/** iov points at nrSegs iovec records (uapi/uio.ts). */
export function vmsplice(fd: i32, iov: usize, nrSegs: u32, flags: u32): i64 {
  return syscall4(Sys.vmsplice, fd, iov, nrSegs, flags);
}

export function sendfile(outFd: i32, inFd: i32, offset: usize, count: usize): i64 {
  return syscall4(Sys.sendfile, outFd, inFd, offset, count);
}

export function copy_file_range(fdIn: i32, offIn: usize, fdOut: i32, offOut: usize, len: usize, flags: u32 = 0): i64 {
  return syscall6(Sys.copy_file_range, fdIn, offIn, fdOut, offOut, len, flags);
}
