// The stat family as Linux's: the kernel's newfstatat and fstat, not WASI's filestat, which has no
// permission bits, no FIFO type, no block counts and no st_blksize. wasi-libc's stat, lstat and
// fstatat (after it resolved a path against its preopens and working directory) all end in
// __wasilibc_nocwd_fstatat(dirfd, relative path, ...), so that and fstat are wrapped; the kernel's
// Linux record (kernel/abi/stat.ts) is copied field by field into wasi-libc's struct stat. fstatat is
// wrapped too, for what wasi-libc's path resolution would lose: an empty path is ENOENT as on Linux
// (wasi-libc makes it "."), unless AT_EMPTY_PATH (see include/fcntl.h) asks for dirfd itself.
// `wasmos build` links with --wrap=fstat,--wrap=fstatat,--wrap=__wasilibc_nocwd_fstatat.
// Interface: __wrap_fstat, __wrap_fstatat, __wrap___wasilibc_nocwd_fstatat.
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <wasmos/syscall.h>

int __real_fstatat(int dirfd, const char *path, struct stat *st, int flags);

#define FIELD(rec, type, off) (*(const type *)((rec) + (off)))

// The kernel's Linux stat record `rec` into wasi-libc's struct stat.
static void fromLinux(const unsigned char *rec, struct stat *st) {
  st->st_dev = FIELD(rec, unsigned long long, __WASMOS_ST_DEV);
  st->st_ino = FIELD(rec, unsigned long long, __WASMOS_ST_INO);
  st->st_mode = FIELD(rec, unsigned, __WASMOS_ST_MODE);
  st->st_nlink = FIELD(rec, unsigned, __WASMOS_ST_NLINK);
  st->st_uid = FIELD(rec, unsigned, __WASMOS_ST_UID);
  st->st_gid = FIELD(rec, unsigned, __WASMOS_ST_GID);
  st->st_rdev = FIELD(rec, unsigned long long, __WASMOS_ST_RDEV);
  st->st_size = FIELD(rec, long long, __WASMOS_ST_SIZE);
  st->st_blksize = FIELD(rec, int, __WASMOS_ST_BLKSIZE);
  st->st_blocks = FIELD(rec, long long, __WASMOS_ST_BLOCKS);
  st->st_atim.tv_sec = FIELD(rec, long long, __WASMOS_ST_ATIME);
  st->st_atim.tv_nsec = FIELD(rec, unsigned long long, __WASMOS_ST_ATIME_NSEC);
  st->st_mtim.tv_sec = FIELD(rec, long long, __WASMOS_ST_MTIME);
  st->st_mtim.tv_nsec = FIELD(rec, unsigned long long, __WASMOS_ST_MTIME_NSEC);
  st->st_ctim.tv_sec = FIELD(rec, long long, __WASMOS_ST_CTIME);
  st->st_ctim.tv_nsec = FIELD(rec, unsigned long long, __WASMOS_ST_CTIME_NSEC);
}

int __wrap_fstat(int fd, struct stat *st) {
  _Alignas(8) unsigned char rec[__WASMOS_STAT_SIZE];
  if (__wasmos_syscall(__WASMOS_SYS_fstat, fd, __WASMOS_P(rec), 0, 0, 0, 0) < 0) return -1;
  fromLinux(rec, st);
  return 0;
}

int __wrap_fstatat(int dirfd, const char *path, struct stat *st, int flags) {
  if (path[0] == 0 && !(flags & AT_EMPTY_PATH)) {
    errno = ENOENT;
    return -1;
  }
  if (path[0] == 0 && dirfd != AT_FDCWD) return __wrap_fstat(dirfd, st);
  return __real_fstatat(dirfd, path, st, flags);
}

int __wrap___wasilibc_nocwd_fstatat(int dirfd, const char *path, struct stat *st, int flags) {
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) {
    errno = EINVAL;
    return -1;
  }
  int linux = (flags & AT_SYMLINK_NOFOLLOW ? __WASMOS_AT_SYMLINK_NOFOLLOW : 0) | (flags & AT_EMPTY_PATH ? __WASMOS_AT_EMPTY_PATH : 0);
  _Alignas(8) unsigned char rec[__WASMOS_STAT_SIZE];
  if (__wasmos_syscall(__WASMOS_SYS_newfstatat, dirfd, __WASMOS_P(path), __WASMOS_P(rec), linux, 0, 0) < 0) return -1;
  fromLinux(rec, st);
  return 0;
}
