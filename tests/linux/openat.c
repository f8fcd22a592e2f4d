/* The *at calls: relative to a directory fd, AT_FDCWD, an absolute path ignoring the fd, a file fd as dirfd. */
#include "check.h"

int openat_main(void) {
  enter("openat");
  T(mkdir("d", 0755));
  int d = T(open("d", O_RDONLY | O_DIRECTORY));
  T(openat(d, "f", O_WRONLY | O_CREAT, 0644));
  T(access("d/f", F_OK));
  T(openat(AT_FDCWD, "d/f", O_RDONLY));
  T(mkdirat(d, "sub", 0755));
  T(access("d/sub", F_OK));
  T(unlinkat(d, "sub", 0));
  T(unlinkat(d, "sub", AT_REMOVEDIR));
  T(unlinkat(d, "f", AT_REMOVEDIR));
  T(unlinkat(d, "f", 0x1234));
  int f = T(openat(d, "g", O_WRONLY | O_CREAT, 0644));
  T(openat(f, "x", O_RDONLY));
  T(openat(99, "x", O_RDONLY));
  T(renameat(d, "g", AT_FDCWD, "moved"));
  T(access("moved", F_OK));
  return 0;
}
