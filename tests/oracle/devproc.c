// /dev and /proc semantics that Linux and wasmos share: each line a call and its result (errno
// names). Built natively (Linux is the oracle) and for wasmos with --no-wasi.
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

// errno's name (glibc's and wasi-libc's messages differ in wording).
static const char *ename(int e) {
  switch (e) {
    case ENOENT: return "ENOENT"; case ENOTDIR: return "ENOTDIR"; case EISDIR: return "EISDIR";
    case EBADF: return "EBADF"; case ENOSPC: return "ENOSPC"; case EIO: return "EIO";
    case EINVAL: return "EINVAL"; case ESRCH: return "ESRCH"; case EACCES: return "EACCES";
    case ELOOP: return "ELOOP"; case EEXIST: return "EEXIST";
  }
  return strerror(e);
}

static void res(const char *what, long r) {
  if (r < 0) printf("%s: -1 %s\n", what, ename(errno));
  else printf("%s: %ld\n", what, r);
}

// Linux's stat (mode and rdev): wasi-libc's stat says only the type, so on wasmos the call is made raw.
#ifdef __wasm__
#include <wasmos/syscall.h>
static int lxstat(const char *path, int flags, unsigned *mode, unsigned long *rdev) {
  unsigned char st[128];
  if (__wasmos_syscall(__WASMOS_SYS_newfstatat, __WASMOS_AT_FDCWD, __WASMOS_P(path), __WASMOS_P(st), flags, 0, 0) < 0) return -1;
  *mode = *(unsigned *)(st + 16); *rdev = (unsigned long)*(unsigned long long *)(st + 32);
  return 0;
}
#define NOFOLLOW __WASMOS_AT_SYMLINK_NOFOLLOW
#else
static int lxstat(const char *path, int flags, unsigned *mode, unsigned long *rdev) {
  struct stat s;
  if (fstatat(AT_FDCWD, path, &s, flags) < 0) return -1;
  *mode = s.st_mode; *rdev = s.st_rdev;
  return 0;
}
#define NOFOLLOW AT_SYMLINK_NOFOLLOW
#endif

static void st(const char *path) {
  unsigned mode; unsigned long rdev;
  if (lxstat(path, 0, &mode, &rdev) < 0) { printf("stat %s: %s\n", path, ename(errno)); return; }
  printf("stat %s: mode %o rdev %lx\n", path, mode, rdev);
}

static void lst(const char *path) {
  unsigned mode; unsigned long rdev;
  if (lxstat(path, NOFOLLOW, &mode, &rdev) < 0) { printf("lstat %s: %s\n", path, ename(errno)); return; }
  printf("lstat %s: type %o\n", path, mode & 0170000);
}

int main(void) {
  char buf[8192];
  int fd = open("/dev/null", O_RDWR);
  res("null read", read(fd, buf, sizeof buf));
  res("null write", write(fd, buf, 100));
  res("null lseek", lseek(fd, 100, SEEK_SET));
  close(fd);
  fd = open("/dev/zero", O_RDONLY);
  memset(buf, 1, sizeof buf);
  long n = read(fd, buf, 5000), zeros = 0;
  for (long i = 0; i < n; i++) zeros += buf[i] == 0;
  printf("zero read: %ld, zeros %ld\n", n, zeros);
  res("zero pread", pread(fd, buf, 10, 1000));
  res("zero write on O_RDONLY", write(fd, buf, 1));
  close(fd);
  fd = open("/dev/full", O_RDWR);
  res("full write", write(fd, buf, 1));
  memset(buf, 1, 16);
  n = read(fd, buf, 16);
  printf("full read: %ld, first %d last %d\n", n, buf[0], buf[15]);
  close(fd);
  fd = open("/dev/urandom", O_RDONLY);
  res("urandom read", read(fd, buf, 64));
  res("urandom write on O_RDONLY", write(fd, buf, 1));
  close(fd);
  fd = open("/dev/random", O_WRONLY);
  res("random write", write(fd, buf, 8));
  close(fd);
  st("/dev/null"); st("/dev/zero"); st("/dev/full"); st("/dev/random"); st("/dev/urandom"); st("/dev/tty");
  st("/proc"); st("/proc/meminfo"); st("/proc/self"); st("/proc/self/status"); st("/dev");
  lst("/proc/self"); lst("/proc/self/fd/1");
  res("open /proc/nonexistent", open("/proc/nonexistent", O_RDONLY));
  res("open /proc/meminfo O_DIRECTORY", open("/proc/meminfo", O_RDONLY | O_DIRECTORY));
  res("open /proc/meminfo/x", open("/proc/meminfo/x", O_RDONLY));
  res("open /proc/x O_CREAT", open("/proc/x", O_RDWR | O_CREAT, 0644));
  res("open /dev/nothing", open("/dev/nothing", O_RDONLY));
  res("open /proc O_RDWR", open("/proc", O_RDWR));
  res("open /proc/999999/status", open("/proc/999999/status", O_RDONLY));
  fd = open("/proc/meminfo", O_RDWR);
  printf("open /proc/meminfo O_RDWR: %s\n", fd >= 0 ? "ok" : ename(errno));
  res("meminfo write", write(fd, "x", 1));
  res("meminfo lseek SEEK_END", lseek(fd, 0, SEEK_END));
  res("meminfo lseek 3", lseek(fd, 3, SEEK_SET));
  n = read(fd, buf, 5); buf[n > 0 ? n : 0] = 0;
  printf("meminfo read at 3: %ld '%s'\n", n, buf);
  close(fd);
  fd = open("/proc/self/status", O_RDWR);
  res("status write", write(fd, "x", 1));
  n = read(fd, buf, 5); buf[n > 0 ? n : 0] = 0;
  printf("status starts: '%s'\n", buf);
  close(fd);
  fd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
  res("fd dir read", read(fd, buf, 8));
  close(fd);
  res("readlink /proc/meminfo", readlink("/proc/meminfo", buf, sizeof buf));
  int p[2];
  pipe(p);
  char path[64], link[64];
  snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
  n = readlink(path, link, sizeof link);
  printf("readlink pipe: %s\n", n > 6 && !memcmp(link, "pipe:[", 6) && link[n - 1] == ']' ? "pipe:[N]" : "?");
  fd = open("/dev/null", O_RDONLY);
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  n = readlink(path, link, sizeof link); link[n > 0 ? n : 0] = 0;
  printf("readlink /dev/null fd: %s\n", link);
  return 0;
}
