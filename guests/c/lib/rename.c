// rename() with Linux's check before wasi-libc's path resolution, which turns "." and ".." into the
// working directory's path or its parent's: Linux refuses to rename a path whose last component is
// "." or ".." (EBUSY, either side) before it looks anything up. The call itself stays wasi-libc's.
// `wasmos build` links with --wrap=rename.
// Interface: __wrap_rename.
#include <errno.h>
#include <stdio.h>
#include <string.h>

int __real_rename(const char *from, const char *to);

// The last component, trailing slashes left out, is "." or "..".
static int dotLast(const char *path) {
  size_t n = strlen(path);
  while (n > 1 && path[n - 1] == '/') n--;
  size_t start = n;
  while (start > 0 && path[start - 1] != '/') start--;
  size_t len = n - start;
  return (len == 1 || len == 2) && path[start] == '.' && (len == 1 || path[start + 1] == '.');
}

int __wrap_rename(const char *from, const char *to) {
  if (from[0] && to[0] && (dotLast(from) || dotLast(to))) {
    errno = EBUSY;
    return -1;
  }
  return __real_rename(from, to);
}
