/* Helpers shared by the differential conformance programs (the .c files of tests/linux). Each program prints
 * one line per call it makes: the call as written, then its result, or -1 and the errno's name.
 * The same source is built natively (Linux is the oracle: its output is committed in expected/)
 * and for wasmos (tests/linux.diff.test.ts), and the two outputs must be the same line for line.
 *
 * Interface: T(call) prints "call = result" (or "call = -1 ENAME"); SAY(fmt, ...) prints a line;
 * enter(name) makes and enters a fresh working directory (descriptor 3 taken, see there);
 * errname(e); put(path, text) writes a file; slurp(path, buf, n) reads one back (NUL-terminated). A program is `int NAME_main(void)`. */
#ifndef CHECK_H
#define CHECK_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/types.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *errname(int e) {
  switch (e) {
#define E(n) case n: return #n;
    E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(ENOEXEC) E(EBADF) E(ECHILD)
    E(EAGAIN) E(ENOMEM) E(EACCES) E(EFAULT) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV) E(ENOTDIR)
    E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY) E(EFBIG) E(ENOSPC) E(ESPIPE) E(EROFS)
    E(EMLINK) E(EPIPE) E(ERANGE) E(ENAMETOOLONG) E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(EOVERFLOW)
    E(ENOTSOCK) E(EDESTADDRREQ) E(EMSGSIZE) E(EPROTOTYPE) E(ENOPROTOOPT) E(EPROTONOSUPPORT)
    E(EOPNOTSUPP) E(EAFNOSUPPORT) E(EADDRINUSE) E(EADDRNOTAVAIL) E(ENETUNREACH) E(ECONNABORTED)
    E(ECONNRESET) E(EISCONN) E(ENOTCONN) E(ETIMEDOUT) E(ECONNREFUSED) E(EALREADY) E(EINPROGRESS)
#undef E
    default: return "E?";
  }
}

static long long check_show(const char *what, long long r) {
  if (r < 0) printf("%s = %lld %s\n", what, r, errname(errno));
  else printf("%s = %lld\n", what, r);
  fflush(stdout);
  errno = 0;
  return r;
}
#define T(x) check_show(#x, (long long)(x))
#define SAY(...) (printf(__VA_ARGS__), printf("\n"), fflush(stdout))

/* Descriptor 3 is taken on both systems: on wasmos by the WASI preopened root, natively by a
 * directory opened here, so the numbers the programs print and use are the same. */
static void enter(const char *name) {
  if (fcntl(3, F_GETFD) < 0 && open(".", O_RDONLY | O_DIRECTORY) != 3) _exit(98);
  mkdir(name, 0755);
  if (chdir(name) != 0) { printf("enter %s: %s\n", name, errname(errno)); _exit(99); }
}

static void put(const char *path, const char *text) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) { printf("put %s: %s\n", path, errname(errno)); return; }
  if (write(fd, text, strlen(text)) < 0) printf("put %s: %s\n", path, errname(errno));
  close(fd);
}

static long slurp(const char *path, char *buf, long n) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) { buf[0] = 0; return -1; }
  long got = read(fd, buf, n - 1);
  close(fd);
  buf[got < 0 ? 0 : got] = 0;
  return got;
}
#endif
