/* lseek's SEEK_DATA and SEEK_HOLE on a file without holes: the answers every file system gives. */
#include "check.h"

#ifndef SEEK_DATA
#define SEEK_DATA 3
#define SEEK_HOLE 4
#endif

int seek_data_main(void) {
  enter("seek_data");
  put("f", "0123456789");
  int fd = T(open("f", O_RDONLY));
  T(lseek(fd, 0, SEEK_DATA));
  T(lseek(fd, 4, SEEK_DATA));
  T(lseek(fd, 0, SEEK_HOLE));
  T(lseek(fd, 9, SEEK_HOLE));
  T(lseek(fd, 10, SEEK_DATA));
  T(lseek(fd, 10, SEEK_HOLE));
  T(lseek(fd, 11, SEEK_HOLE));
  T(lseek(fd, -1, SEEK_DATA));
  T(lseek(fd, 0, SEEK_CUR));
  put("empty", "");
  int e = T(open("empty", O_RDONLY));
  T(lseek(e, 0, SEEK_DATA));
  T(lseek(e, 0, SEEK_HOLE));
  return 0;
}
