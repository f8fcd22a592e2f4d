/* pread and pwrite: offsets leave the file position alone, negative offsets, pipes, O_APPEND. */
#include "check.h"

int pread_main(void) {
  enter("pread");
  char buf[16];
  int p[2];
  T(open("f", O_RDWR | O_CREAT, 0644));
  T(write(4, "abcdefgh", 8));
  T(pread(4, buf, 3, 2));
  SAY("%.3s", buf);
  T(lseek(4, 0, SEEK_CUR));
  T(pwrite(4, "XY", 2, 1));
  T(lseek(4, 0, SEEK_CUR));
  T(pread(4, buf, 8, 0));
  SAY("%.8s", buf);
  T(pread(4, buf, 8, -1));
  T(pwrite(4, buf, 1, -1));
  T(pread(4, buf, 8, 100));
  T(pwrite(4, "Z", 1, 12));
  T(lseek(4, 0, SEEK_END));
  T(pipe(p));
  T(pread(p[0], buf, 1, 0));
  T(pwrite(p[1], buf, 1, 0));
  T(open("f", O_WRONLY | O_APPEND));
  T(pwrite(7, "Q", 1, 0));
  T(pread(4, buf, 1, 0));
  SAY("%.1s", buf);
  T(lseek(4, 0, SEEK_END));
  return 0;
}
