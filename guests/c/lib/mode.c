// Permission bits, which WASI has no calls for: umask(), fchmod(), chmod() and fchmodat() go to the
// kernel's umask and fchmod (chmod and fchmodat open the file to name it, as the path resolution is
// the C library's: a relative path is against its working directory, and a symbolic link is
// followed; AT_SYMLINK_NOFOLLOW is EOPNOTSUPP, as Linux's fchmodat says for a link).
// Interface: umask, fchmod, chmod, fchmodat.
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <wasmos/syscall.h>

static int result(long long r) {
  if (r >= 0) return (int)r;
  errno = (int)-r;
  return -1;
}

mode_t umask(mode_t mask) { return (mode_t)__wasmos_syscall(__WASMOS_SYS_umask, mask, 0, 0, 0, 0, 0); }

int fchmod(int fd, mode_t mode) { return result(__wasmos_syscall(__WASMOS_SYS_fchmod, fd, mode, 0, 0, 0, 0)); }

int fchmodat(int dirfd, const char *path, mode_t mode, int flags) {
  if (flags & ~AT_SYMLINK_NOFOLLOW) { errno = EINVAL; return -1; }
  if (flags & AT_SYMLINK_NOFOLLOW) { errno = EOPNOTSUPP; return -1; }
  int fd = openat(dirfd, path, O_RDONLY);
  if (fd < 0) return -1;
  int r = fchmod(fd, mode);
  int e = errno;
  close(fd);
  errno = e;
  return r;
}

int chmod(const char *path, mode_t mode) { return fchmodat(AT_FDCWD, path, mode, 0); }
