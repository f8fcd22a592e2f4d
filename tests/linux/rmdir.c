/* rmdir: empty and non-empty directories, files, ".", trailing components, the working directory. */
#include "check.h"

int rmdir_main(void) {
  enter("rmdir");
  T(mkdir("d", 0755));
  T(mkdir("d/sub", 0755));
  T(rmdir("d"));
  T(rmdir("d/sub/."));
  T(rmdir("d/sub/.."));
  T(rmdir("d/sub"));
  T(rmdir("d"));
  T(rmdir("d"));
  put("f", "x");
  T(rmdir("f"));
  T(rmdir("."));
  T(rmdir("f/x"));
  T(rmdir(""));
  return 0;
}
