// Linux errno values (asm-generic/errno-base.h, errno.h). Syscalls return -errno.
// errnoName and strerror are the one table of their names and messages (glibc's strerror() words,
// as strace prints them): the tracer (host/trace/errno-text.ts) and the guest SDK
// (guests/sdk/errno.ts) both use them; they compile as AssemblyScript and as TypeScript. Two
// functions, not one, so a guest that prints only names carries no messages.
//
// Interface: Errno, ERESTARTSYS, ERESTARTNOHAND, errnoName(e) -> "EBADF", strerror(e) -> "Bad file descriptor".
export enum Errno {
  EPERM = 1,
  ENOENT = 2,
  ESRCH = 3,
  EINTR = 4,
  EIO = 5,
  ENXIO = 6,
  E2BIG = 7,
  ENOEXEC = 8,
  EBADF = 9,
  ECHILD = 10,
  EAGAIN = 11,
  ENOMEM = 12,
  EACCES = 13,
  EFAULT = 14,
  EBUSY = 16,
  EEXIST = 17,
  EXDEV = 18,
  ENODEV = 19,
  ENOTDIR = 20,
  EISDIR = 21,
  EINVAL = 22,
  ENFILE = 23,
  EMFILE = 24,
  ENOTTY = 25,
  EFBIG = 27,
  ENOSPC = 28,
  ESPIPE = 29,
  EROFS = 30,
  EMLINK = 31,
  EPIPE = 32,
  ERANGE = 34,
  ENAMETOOLONG = 36,
  EMSGSIZE = 90,
  ENOSYS = 38,
  ENOTEMPTY = 39,
  ELOOP = 40,
  EOVERFLOW = 75,
  ENOTSOCK = 88,
  ENOPROTOOPT = 92,
  EPROTONOSUPPORT = 93,
  ESOCKTNOSUPPORT = 94,
  EOPNOTSUPP = 95,
  EAFNOSUPPORT = 97,
  EADDRINUSE = 98,
  EADDRNOTAVAIL = 99,
  ENETDOWN = 100,
  ENETUNREACH = 101,
  ENOBUFS = 105,
  EISCONN = 106,
  ECONNRESET = 104,
  ENOTCONN = 107,
  ETIMEDOUT = 110,
  ECONNREFUSED = 111,
  EINPROGRESS = 115,
}

// Kernel-internal: the syscall put the process to sleep; the host unwinds the guest
// and restarts the same syscall when the process is woken (Linux's ERESTARTSYS idea).
export const ERESTARTSYS = 512;
// Kernel-internal too: a call a signal handler interrupted that is restarted only when no handler
// runs (ppoll, nanosleep, rt_sigsuspend; kernel/signal.ts). Both show in traces as strace shows them.
export const ERESTARTNOHAND = 514;

// Results in [-MAX_ERRNO, -1] are -errno (linux/err.h): every other value, negative or not, is a result.
export const MAX_ERRNO = 4095;

/** The symbolic name of errno e, e.g. "EINVAL"; "E?" followed by the number if unknown (the tracer
 *  prints strace's "ERRNO_n" instead). */
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
    case Errno.ELOOP: return "ELOOP";
    case Errno.EMLINK: return "EMLINK";
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
    case Errno.ESOCKTNOSUPPORT: return "ESOCKTNOSUPPORT";
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

/** The message for errno e, as glibc's strerror words it (strace prints the same); "Unknown error n"
 *  if unknown. */
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
    case Errno.ELOOP: return "Too many levels of symbolic links";
    case Errno.EMLINK: return "Too many links";
    case Errno.ENOTSOCK: return "Socket operation on non-socket";
    case Errno.EOVERFLOW: return "Value too large for defined data type";
    case Errno.EOPNOTSUPP: return "Operation not supported";
    case Errno.EADDRINUSE: return "Address already in use";
    case Errno.ECONNRESET: return "Connection reset by peer";
    case Errno.ENOTCONN: return "Transport endpoint is not connected";
    case Errno.ETIMEDOUT: return "Connection timed out";
    case Errno.ECONNREFUSED: return "Connection refused";
    case Errno.EMSGSIZE: return "Message too long";
    case Errno.ENOPROTOOPT: return "Protocol not available";
    case Errno.EPROTONOSUPPORT: return "Protocol not supported";
    case Errno.ESOCKTNOSUPPORT: return "Socket type not supported";
    case Errno.EAFNOSUPPORT: return "Address family not supported by protocol";
    case Errno.EADDRNOTAVAIL: return "Cannot assign requested address";
    case Errno.ENETDOWN: return "Network is down";
    case Errno.ENETUNREACH: return "Network is unreachable";
    case Errno.ENOBUFS: return "No buffer space available";
    case Errno.EISCONN: return "Transport endpoint is already connected";
    case Errno.EINPROGRESS: return "Operation now in progress";
  }
  return "Unknown error " + e.toString();
}
