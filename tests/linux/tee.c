/* tee: duplicates pipe contents without consuming them; refusals on files, on the same pipe, EAGAIN on empty non-blocking pipes. */
#include "check.h"

int tee_main(void) {
  enter("tee");
  int a[2], b[2], n[2], m[2];
  char buf[16];
  T(pipe(a));
  T(pipe(b));
  T(write(a[1], "hello", 5));
  T(tee(a[0], b[1], 1, 0x100));
  T(tee(a[0], b[1], 3, 0));
  T(read(b[0], buf, 16));
  SAY("%.3s", buf);
  T(read(a[0], buf, 16));
  SAY("%.5s", buf);
  T(tee(a[0], a[1], 1, 0));
  put("f", "x");
  int f = open("f", O_RDWR);
  T(tee(f, b[1], 1, 0));
  T(pipe2(n, O_NONBLOCK));
  T(pipe2(m, O_NONBLOCK));
  T(tee(n[0], m[1], 1, 0));
  T(tee(n[0], m[1], 1, SPLICE_F_NONBLOCK));
  T(close(a[1]));
  T(tee(a[0], b[1], 1, 0));
  return 0;
}
