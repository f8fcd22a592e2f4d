#include "check.h"

int lseek_main(void) {
  enter("lseek");
  int p[2];
  T(open("f", O_RDWR | O_CREAT, 0644));
  T(write(4, "0123456789", 10));
  T(lseek(4, 0, SEEK_CUR));
  T(lseek(4, -3, SEEK_CUR));
  T(lseek(4, -20, SEEK_CUR));
  T(lseek(4, -1, SEEK_SET));
  T(lseek(4, 5, SEEK_END));
  T(lseek(4, 0, 7));
  T(lseek(99, 0, SEEK_SET));
  T(pipe(p));
  T(lseek(p[0], 0, SEEK_CUR));
  T(lseek(p[1], 0, SEEK_SET));
  T(open(".", O_RDONLY));
  T(lseek(7, 0, SEEK_SET));
  return 0;
}
