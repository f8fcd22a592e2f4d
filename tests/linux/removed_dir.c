/* A removed directory: creating in it (by fd or as the working directory) fails with ENOENT, nothing leaks. */
#include "check.h"

int removed_dir_main(void) {
  enter("removed_dir");
  T(mkdir("d", 0755));
  int fd = T(open("d", O_RDONLY | O_DIRECTORY));
  T(rmdir("d"));
  T(openat(fd, "f", O_WRONLY | O_CREAT, 0644));
  T(mkdirat(fd, "sub", 0755));
  T(mkdir("e", 0755));
  T(chdir("e"));
  T(rmdir("../e"));
  T(open("g", O_WRONLY | O_CREAT, 0644));
  T(mkdir("h", 0755));
  T(chdir(".."));
  return 0;
}
