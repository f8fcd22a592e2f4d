// Linux's strerror() message for each errno the kernel returns, as strace prints them:
// `= -1 EBADF (Bad file descriptor)`. Typed by Errno, so a new errno without a message fails to compile.
// Interface: errnoName(n) -> "EBADF" | "ERRNO_123", errnoText(n) -> "Bad file descriptor".
import { Errno } from "../../kernel/abi/errno";

const TEXT: Record<Errno, string> = {
  [Errno.EPERM]: "Operation not permitted",
  [Errno.ENOENT]: "No such file or directory",
  [Errno.ESRCH]: "No such process",
  [Errno.EINTR]: "Interrupted system call",
  [Errno.EIO]: "Input/output error",
  [Errno.ENXIO]: "No such device or address",
  [Errno.E2BIG]: "Argument list too long",
  [Errno.ENOEXEC]: "Exec format error",
  [Errno.EBADF]: "Bad file descriptor",
  [Errno.ECHILD]: "No child processes",
  [Errno.EAGAIN]: "Resource temporarily unavailable",
  [Errno.ENOMEM]: "Cannot allocate memory",
  [Errno.EACCES]: "Permission denied",
  [Errno.EFAULT]: "Bad address",
  [Errno.EBUSY]: "Device or resource busy",
  [Errno.EEXIST]: "File exists",
  [Errno.EXDEV]: "Invalid cross-device link",
  [Errno.ENODEV]: "No such device",
  [Errno.ENOTDIR]: "Not a directory",
  [Errno.EISDIR]: "Is a directory",
  [Errno.EINVAL]: "Invalid argument",
  [Errno.ENFILE]: "Too many open files in system",
  [Errno.EMFILE]: "Too many open files",
  [Errno.ENOTTY]: "Inappropriate ioctl for device",
  [Errno.EFBIG]: "File too large",
  [Errno.ENOSPC]: "No space left on device",
  [Errno.ESPIPE]: "Illegal seek",
  [Errno.EROFS]: "Read-only file system",
  [Errno.EPIPE]: "Broken pipe",
  [Errno.ERANGE]: "Numerical result out of range",
  [Errno.ENAMETOOLONG]: "File name too long",
  [Errno.ENOSYS]: "Function not implemented",
  [Errno.ENOTEMPTY]: "Directory not empty",
  [Errno.EOVERFLOW]: "Value too large for defined data type",
  [Errno.ENOTSOCK]: "Socket operation on non-socket",
  [Errno.EMSGSIZE]: "Message too long",
  [Errno.ENOPROTOOPT]: "Protocol not available",
  [Errno.EPROTONOSUPPORT]: "Protocol not supported",
  [Errno.EAFNOSUPPORT]: "Address family not supported by protocol",
  [Errno.EADDRNOTAVAIL]: "Cannot assign requested address",
  [Errno.ENETDOWN]: "Network is down",
  [Errno.ENETUNREACH]: "Network is unreachable",
  [Errno.ENOBUFS]: "No buffer space available",
  [Errno.EISCONN]: "Transport endpoint is already connected",
  [Errno.EINPROGRESS]: "Operation now in progress",
  [Errno.EOPNOTSUPP]: "Operation not supported",
  [Errno.EADDRINUSE]: "Address already in use",
  [Errno.ECONNRESET]: "Connection reset by peer",
  [Errno.ENOTCONN]: "Transport endpoint is not connected",
  [Errno.ETIMEDOUT]: "Connection timed out",
  [Errno.ECONNREFUSED]: "Connection refused",
};

/** Symbolic name of errno n ("EBADF"), or "ERRNO_n" for one the kernel does not define. */
export function errnoName(n: number): string {
  return Errno[n] ?? `ERRNO_${n}`;
}

/** strerror(n): Linux's message, or "Unknown error n". */
export function errnoText(n: number): string {
  return TEXT[n as Errno] ?? `Unknown error ${n}`;
}
