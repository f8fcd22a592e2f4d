/* fsync, fdatasync and sync on files, directories, pipes and bad descriptors. */
#include "check.h"

int fsync_main(void) {
  enter("fsync");
  int p[2];
  put("f", "data");
  T(open("f", O_RDWR));
  T(write(4, "more", 4));
  T(fsync(4));
  T(fdatasync(4));
  T(open(".", O_RDONLY));
  T(fsync(5));
  T(pipe(p));
  T(fsync(p[0]));
  T(fsync(99));
  return 0;
}
