// Error numbers: syscalls return -errno (Linux's raw convention); these helpers name them.
//
// Interface:
//   Errno                 the kernel's enum (kernel/abi/errno.ts), re-exported
//   isError(r)            r is a -errno result (-4095 .. -1)
//   errnoOf(r)            the positive errno of a result, 0 if it is not an error
//   errnoName(e)          "ENOENT" for 2
//   strerror(e)           "No such file or directory" for 2 (glibc's messages)

import { Errno } from "../../kernel/abi/errno";
export { Errno };

/** True if a raw syscall result is an error (-4095 .. -1, as Linux's IS_ERR_VALUE). */
export function isError(r: i64): bool {
  return r < 0 && r >= -4095;
}

/** The positive errno of a raw syscall result, or 0 if it succeeded. */
export function errnoOf(r: i64): i32 {
  return isError(r) ? <i32>-r : 0;
}

/** The symbolic name of errno e, e.g. "EINVAL"; "E?" followed by the number if unknown. */
export function errnoName(e: i32): string {
  switch (e) {
    case Errno.EPERM: return "EPERM";
    case Errno.ENOENT: return "ENOENT";
    case Errno.ESRCH: return "ESRCH";
    case Errno.EINTR: return "EINTR";
    case Errno.EIO: return "EIO";
    case Errno.ENXIO: return "ENXIO";
    case Errno.E2BIG: return "E2BIG";
    case Errno.ENOEXEC: return "ENOEXEC";
    case Errno.EBADF: return "EBADF";
    case Errno.ECHILD: return "ECHILD";
    case Errno.EAGAIN: return "EAGAIN";
    case Errno.ENOMEM: return "ENOMEM";
    case Errno.EACCES: return "EACCES";
    case Errno.EFAULT: return "EFAULT";
    case Errno.EBUSY: return "EBUSY";
    case Errno.EEXIST: return "EEXIST";
    case Errno.EXDEV: return "EXDEV";
    case Errno.ENODEV: return "ENODEV";
    case Errno.ENOTDIR: return "ENOTDIR";
    case Errno.EISDIR: return "EISDIR";
    case Errno.EINVAL: return "EINVAL";
    case Errno.ENFILE: return "ENFILE";
    case Errno.EMFILE: return "EMFILE";
    case Errno.ENOTTY: return "ENOTTY";
    case Errno.EFBIG: return "EFBIG";
    case Errno.ENOSPC: return "ENOSPC";
    case Errno.ESPIPE: return "ESPIPE";
    case Errno.EROFS: return "EROFS";
    case Errno.EPIPE: return "EPIPE";
    case Errno.ERANGE: return "ERANGE";
    case Errno.ENAMETOOLONG: return "ENAMETOOLONG";
    case Errno.ENOSYS: return "ENOSYS";
    case Errno.ENOTEMPTY: return "ENOTEMPTY";
    case Errno.EOVERFLOW: return "EOVERFLOW";
    case Errno.ENOTSOCK: return "ENOTSOCK";
    case Errno.EOPNOTSUPP: return "EOPNOTSUPP";
    case Errno.EADDRINUSE: return "EADDRINUSE";
    case Errno.ECONNRESET: return "ECONNRESET";
    case Errno.ENOTCONN: return "ENOTCONN";
    case Errno.ETIMEDOUT: return "ETIMEDOUT";
    case Errno.ECONNREFUSED: return "ECONNREFUSED";
    case Errno.EMSGSIZE: return "EMSGSIZE";
    case Errno.ENOPROTOOPT: return "ENOPROTOOPT";
    case Errno.EPROTONOSUPPORT: return "EPROTONOSUPPORT";
    case Errno.EAFNOSUPPORT: return "EAFNOSUPPORT";
    case Errno.EADDRNOTAVAIL: return "EADDRNOTAVAIL";
    case Errno.ENETDOWN: return "ENETDOWN";
    case Errno.ENETUNREACH: return "ENETUNREACH";
    case Errno.ENOBUFS: return "ENOBUFS";
    case Errno.EISCONN: return "EISCONN";
    case Errno.EINPROGRESS: return "EINPROGRESS";
  }
  return "E?" + e.toString();
}

/** The message for errno e, as glibc's strerror words it. */
export function strerror(e: i32): string {
  switch (e) {
    case Errno.EPERM: return "Operation not permitted";
    case Errno.ENOENT: return "No such file or directory";
    case Errno.ESRCH: return "No such process";
    case Errno.EINTR: return "Interrupted system call";
    case Errno.EIO: return "Input/output error";
    case Errno.ENXIO: return "No such device or address";
    case Errno.E2BIG: return "Argument list too long";
    case Errno.ENOEXEC: return "Exec format error";
    case Errno.EBADF: return "Bad file descriptor";
    case Errno.ECHILD: return "No child processes";
    case Errno.EAGAIN: return "Resource temporarily unavailable";
    case Errno.ENOMEM: return "Cannot allocate memory";
    case Errno.EACCES: return "Permission denied";
    case Errno.EFAULT: return "Bad address";
    case Errno.EBUSY: return "Device or resource busy";
    case Errno.EEXIST: return "File exists";
    case Errno.EXDEV: return "Invalid cross-device link";
    case Errno.ENODEV: return "No such device";
    case Errno.ENOTDIR: return "Not a directory";
    case Errno.EISDIR: return "Is a directory";
    case Errno.EINVAL: return "Invalid argument";
    case Errno.ENFILE: return "Too many open files in system";
    case Errno.EMFILE: return "Too many open files";
    case Errno.ENOTTY: return "Inappropriate ioctl for device";
    case Errno.EFBIG: return "File too large";
    case Errno.ENOSPC: return "No space left on device";
    case Errno.ESPIPE: return "Illegal seek";
    case Errno.EROFS: return "Read-only file system";
    case Errno.EPIPE: return "Broken pipe";
    case Errno.ERANGE: return "Numerical result out of range";
    case Errno.ENAMETOOLONG: return "File name too long";
    case Errno.ENOSYS: return "Function not implemented";
    case Errno.ENOTEMPTY: return "Directory not empty";
    case Errno.ENOTSOCK: return "Socket operation on non-socket";
    case Errno.EOVERFLOW: return "Value too large for defined data type";
    case Errno.EOPNOTSUPP: return "Operation not supported";
    case Errno.EADDRINUSE: return "Address already in use";
    case Errno.ECONNRESET: return "Connection reset by peer";
    case Errno.ENOTCONN: return "Transport endpoint is not connected";
    case Errno.ETIMEDOUT: return "Connection timed out";
    case Errno.ECONNREFUSED: return "Connection refused";
  }
  return "Unknown error " + e.toString();
}
