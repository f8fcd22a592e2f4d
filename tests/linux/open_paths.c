/* Path edge cases: trailing slashes, missing parents, a file used as a directory, empty paths, long names. */
#include "check.h"

int open_paths_main(void) {
  enter("open_paths");
  char name[300];
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = 0;
  put("file", "data");
  T(mkdir("dir", 0755));
  T(open("new/", O_RDWR | O_CREAT, 0644));
  T(access("new", F_OK));
  T(open("file/", O_RDONLY));
  T(open("file/x", O_RDONLY));
  T(open("file/x", O_WRONLY | O_CREAT, 0644));
  T(open("missing/x", O_WRONLY | O_CREAT, 0644));
  T(open("", O_RDONLY));
  T(open(name, O_WRONLY | O_CREAT, 0644));
  T(open("dir/", O_RDONLY));
  T(close(4));
  T(open("dir/../file", O_RDONLY));
  T(close(4));
  T(open("./dir/./../file", O_RDONLY));
  T(close(4));
  T(mkdir("dir", 0755));
  T(mkdir("file", 0755));
  T(mkdir("file/sub", 0755));
  T(mkdir("missing/sub", 0755));
  T(mkdir("dir2/", 0755));
  T(rmdir("dir2/"));
  return 0;
}
