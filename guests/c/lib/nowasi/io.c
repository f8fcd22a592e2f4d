// `wasmos build --no-wasi`: the descriptor calls wasi-libc's stdio and programs use, as the Linux
// system calls of the same names instead of WASI's fd_* (so --stats counts them under read, write,
// readv, writev, lseek, close, exactly like the AssemblyScript programs' calls).
// Interface: __wrap_open, __wrap_openat (open and openat: the build links with --wrap, as wasi-libc's
//            posix.o also defines them; flags as <fcntl.h> spells them, O_DIRECT included), read, write, readv,
//            writev, pread, pwrite, close, lseek, __lseek, __wasilibc_tell, __isatty, isatty, nanosleep.
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>
#include <wasmos/syscall.h>

#define P __WASMOS_P

int __wrap_openat(int dirfd, const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  if (dirfd == AT_FDCWD) dirfd = __WASMOS_AT_FDCWD;
  return __wasmos_syscall(__WASMOS_SYS_openat, dirfd, P(path), __wasmos_oflags(flags), mode, 0, 0);
}

int __wrap_open(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  return __wrap_openat(AT_FDCWD, path, flags, mode);
}

ssize_t read(int fd, void *buf, size_t n) { return __wasmos_syscall(__WASMOS_SYS_read, fd, P(buf), n, 0, 0, 0); }

ssize_t write(int fd, const void *buf, size_t n) { return __wasmos_syscall(__WASMOS_SYS_write, fd, P(buf), n, 0, 0, 0); }

ssize_t readv(int fd, const struct iovec *iov, int n) { return __wasmos_syscall(__WASMOS_SYS_readv, fd, P(iov), n, 0, 0, 0); }

ssize_t writev(int fd, const struct iovec *iov, int n) { return __wasmos_syscall(__WASMOS_SYS_writev, fd, P(iov), n, 0, 0, 0); }

ssize_t pread(int fd, void *buf, size_t n, off_t off) { return __wasmos_syscall(__WASMOS_SYS_pread64, fd, P(buf), n, off, 0, 0); }

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) { return __wasmos_syscall(__WASMOS_SYS_pwrite64, fd, P(buf), n, off, 0, 0); }

int close(int fd) { return __wasmos_syscall(__WASMOS_SYS_close, fd, 0, 0, 0, 0, 0); }

off_t __lseek(int fd, off_t off, int whence) { return __wasmos_syscall(__WASMOS_SYS_lseek, fd, off, whence, 0, 0, 0); }

off_t (lseek)(int fd, off_t off, int whence) { return __lseek(fd, off, whence); }   // (): not <unistd.h>'s macro

off_t __wasilibc_tell(int fd) { return __lseek(fd, 0, SEEK_CUR); }

// The kernel answers every ioctl with ENOTTY (docs/abi.md): no descriptor is a terminal, so stdout
// is fully buffered and flushed at exit.
int __isatty(int fd) { (void)fd; return 0; }

int isatty(int fd) {
  if (__isatty(fd)) return 1;
  errno = ENOTTY;
  return 0;
}

// Linux's timespec is two 64-bit fields; wasi-libc's has a 32-bit tv_nsec: copy across.
int nanosleep(const struct timespec *req, struct timespec *rem) {
  long long in[2] = { req->tv_sec, req->tv_nsec }, out[2] = { 0, 0 };
  long long r = __wasmos_syscall(__WASMOS_SYS_nanosleep, P(in), P(out), 0, 0, 0, 0);
  if (r < 0 && rem) { rem->tv_sec = out[0]; rem->tv_nsec = out[1]; }
  return r;
}
