/* open(2) flags: O_CREAT, O_EXCL, O_TRUNC, O_APPEND, access modes, O_DIRECTORY, on files and directories. */
#include "check.h"

int open_flags_main(void) {
  enter("open_flags");
  char buf[64];
  T(open("f", O_RDONLY));
  T(open("f", O_WRONLY | O_CREAT, 0644));
  T(open("f", O_WRONLY | O_CREAT | O_EXCL, 0644));
  T(write(5, "abcdef", 6));
  T(open("f", O_RDWR | O_TRUNC));
  T(read(6, buf, sizeof buf));
  T(close(6));
  T(open("f", O_RDONLY | O_DIRECTORY));
  T(open(".", O_RDONLY | O_DIRECTORY));
  T(close(6));
  T(open(".", O_WRONLY));
  T(open(".", O_RDWR));
  T(open(".", O_RDONLY | O_CREAT, 0644));
  T(open(".", O_RDONLY | O_TRUNC));
  T(open("g", O_RDONLY | O_CREAT | O_DIRECTORY, 0644));
  T(access("g", F_OK));
  T(open("f", O_RDONLY | O_WRONLY | O_RDWR));
  T(write(4, "x", 1));
  T(read(5, buf, 1));
  T(close(4));
  T(close(5));
  T(close(5));
  return 0;
}
