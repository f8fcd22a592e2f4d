// open() and openat() with O_DIRECT and O_CLOEXEC, which WASI's path_open cannot express: the file
// is opened by wasi-libc without them (so preopens and relative paths work as usual), then the
// kernel is asked for them with fcntl, as Linux allows (F_SETFL O_DIRECT, F_SETFD FD_CLOEXEC).
// An empty path is ENOENT as on Linux (wasi-libc's path resolution would open "." instead).
// A file created with a mode other than 0666 (WASI's path_open has no mode: the kernel makes it
// 0666 less the umask) is then fchmod-ed to that mode less the umask, as Linux would have made it
// (whether the call created it is asked first: only then does the mode apply).
// `wasmos build` links with --wrap=open --wrap=openat, so every call to open lands here.
// Interface: __wrap_open, __wrap_openat.
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/stat.h>
#include <wasmos/syscall.h>

int __real_open(const char *path, int flags, ...);
int __real_openat(int dirfd, const char *path, int flags, ...);

// -1 with errno ENOENT for the empty path, else 0.
static int refuseEmpty(const char *path) {
  if (path[0] != 0) return 0;
  errno = ENOENT;
  return -1;
}

#define WASI_CREATE_MODE 0666   /* the kernel's WASI personality (kernel/wasipath.ts) */
int wasmosCreateMode(mode_t mode, mode_t made);   /* mkdir.c */

// 1 when this open may create the file with a mode WASI cannot give (it does not exist yet).
static int needsMode(int dirfd, const char *path, int flags, mode_t mode) {
  if (!(flags & O_CREAT) || (mode & 07777) == WASI_CREATE_MODE) return 0;
  struct stat st;
  return fstatat(dirfd, path, &st, 0) < 0 && errno == ENOENT;
}

// The new file's mode as Linux would have made it.
static int applyMode(int fd, int created, mode_t mode) {
  if (fd < 0 || !created) return fd;
  int want = wasmosCreateMode(mode, WASI_CREATE_MODE);
  if (want >= 0) fchmod(fd, (mode_t)want);
  return fd;
}

static int finish(int fd, int flags) {
  if (fd < 0) return fd;
  if (flags & O_DIRECT) {
    long long fl = __wasmos_syscall(__WASMOS_SYS_fcntl, fd, __WASMOS_F_GETFL, 0, 0, 0, 0);
    if (fl < 0 || __wasmos_syscall(__WASMOS_SYS_fcntl, fd, __WASMOS_F_SETFL, fl | __WASMOS_O_DIRECT, 0, 0, 0) < 0) {
      int e = errno;
      close(fd);
      errno = e;
      return -1;
    }
  }
  if (flags & O_CLOEXEC) __wasmos_syscall(__WASMOS_SYS_fcntl, fd, __WASMOS_F_SETFD, __WASMOS_FD_CLOEXEC, 0, 0, 0);
  return fd;
}

int __wrap_open(const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  if (refuseEmpty(path) < 0) return -1;
  int created = needsMode(AT_FDCWD, path, flags, mode);
  return applyMode(finish(__real_open(path, flags & ~(O_DIRECT | O_CLOEXEC), mode), flags), created, mode);
}

int __wrap_openat(int dirfd, const char *path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  mode_t mode = (flags & O_CREAT) ? va_arg(ap, mode_t) : 0;
  va_end(ap);
  if (refuseEmpty(path) < 0) return -1;
  int created = needsMode(dirfd, path, flags, mode);
  return applyMode(finish(__real_openat(dirfd, path, flags & ~(O_DIRECT | O_CLOEXEC), mode), flags), created, mode);
}
