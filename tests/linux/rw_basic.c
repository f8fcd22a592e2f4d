/* read and write: short reads at end of file, zero-length calls, bad descriptors and buffers, files with holes. */
#include "check.h"

int rw_basic_main(void) {
  enter("rw_basic");
  char buf[32];
  T(open("f", O_RDWR | O_CREAT, 0644));
  T(write(4, "hello world", 11));
  T(write(4, buf, 0));
  T(read(4, buf, 10));
  T(lseek(4, 0, SEEK_SET));
  T(read(4, buf, 5));
  SAY("%.5s", buf);
  T(read(4, buf, 100));
  T(read(4, buf, 100));
  T(read(4, buf, 0));
  T(read(99, buf, 1));
  T(write(99, buf, 1));
  T(read(-1, buf, 1));
  T(lseek(4, 100, SEEK_SET));
  T(write(4, "end", 3));
  T(lseek(4, 0, SEEK_END));
  T(lseek(4, 50, SEEK_SET));
  T(read(4, buf, 4));
  SAY("hole bytes zero: %d", buf[0] == 0 && buf[1] == 0 && buf[2] == 0 && buf[3] == 0);
  T(open("f", O_RDONLY));
  T(write(5, "x", 1));
  T(open("f", O_WRONLY));
  T(read(6, buf, 1));
  return 0;
}
