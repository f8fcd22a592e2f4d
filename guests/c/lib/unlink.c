// unlink(), rmdir() and unlinkat() with Linux's checks before wasi-libc's path resolution, which
// turns an empty path into "." (so unlink("") was EISDIR and rmdir("") ENOTEMPTY where Linux says
// ENOENT), "." into the working directory's own path (rmdir(".") was ENOTEMPTY where Linux says
// EINVAL: the last component is ".") and looks only at AT_REMOVEDIR in unlinkat's flags (Linux
// refuses any other bit with EINVAL). The call itself stays wasi-libc's. `wasmos build` links with --wrap=unlink,--wrap=rmdir,
// --wrap=unlinkat.
// Interface: __wrap_unlink, __wrap_rmdir, __wrap_unlinkat.
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int __real_unlink(const char *path);
int __real_rmdir(const char *path);
int __real_unlinkat(int dirfd, const char *path, int flags);

// -1 with errno ENOENT for the empty path, else 0.
static int refuseEmpty(const char *path) {
  if (path[0] != 0) return 0;
  errno = ENOENT;
  return -1;
}

int __wrap_unlink(const char *path) {
  return refuseEmpty(path) < 0 ? -1 : __real_unlink(path);
}

int __wrap_rmdir(const char *path) {
  if (refuseEmpty(path) < 0) return -1;
  if (path[0] == '.' && path[1] == 0) {
    errno = EINVAL;
    return -1;
  }
  return __real_rmdir(path);
}

int __wrap_unlinkat(int dirfd, const char *path, int flags) {
  if (flags & ~AT_REMOVEDIR) {
    errno = EINVAL;
    return -1;
  }
  return refuseEmpty(path) < 0 ? -1 : __real_unlinkat(dirfd, path, flags);
}
