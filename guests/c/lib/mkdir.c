// mkdir() and mkdirat() with their mode: WASI's path_create_directory has none, so the kernel's WASI
// personality makes every directory 0777 less the umask (0755). When the mode asked gives other
// bits, the new directory is chmod-ed to mode less the umask, as Linux would have made it.
// open()'s mode for a new file is handled the same way in open.c. `wasmos build` links with
// --wrap=mkdir,--wrap=mkdirat.
// Interface: __wrap_mkdir, __wrap_mkdirat, wasmosCreateMode(mode, made) -> the mode to chmod to, or
// -1 when `made` (WASI's) is already it.
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>

int __real_mkdirat(int dirfd, const char *path, mode_t mode);

#define WASI_MKDIR_MODE 0777   /* the kernel's WASI personality (kernel/wasipath.ts) */

int wasmosCreateMode(mode_t mode, mode_t made) {
  mode_t mask = umask(0);
  umask(mask);
  mode_t want = mode & ~mask & 07777, got = made & ~mask;
  return want == got ? -1 : (int)want;
}

int __wrap_mkdirat(int dirfd, const char *path, mode_t mode) {
  if (__real_mkdirat(dirfd, path, mode) < 0) return -1;
  if ((mode & 07777) == WASI_MKDIR_MODE) return 0;
  int want = wasmosCreateMode(mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX), WASI_MKDIR_MODE);
  return want < 0 ? 0 : fchmodat(dirfd, path, (mode_t)want, 0);
}

int __real_mkdir(const char *path, mode_t mode);

int __wrap_mkdir(const char *path, mode_t mode) {
  if (__real_mkdir(path, mode) < 0) return -1;
  if ((mode & 07777) == WASI_MKDIR_MODE) return 0;
  int want = wasmosCreateMode(mode & (S_IRWXU | S_IRWXG | S_IRWXO | S_ISVTX), WASI_MKDIR_MODE);
  return want < 0 ? 0 : chmod(path, (mode_t)want);
}
