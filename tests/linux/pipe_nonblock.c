/* Non-blocking pipes: EAGAIN when empty and when full, the capacity, partial writes. */
#include "check.h"

int pipe_nonblock_main(void) {
  enter("pipe_nonblock");
  int p[2];
  static char big[200000];
  char buf[8];
  T(pipe2(p, O_NONBLOCK));
  T(read(p[0], buf, 1));
  long total = 0, r;
  while ((r = write(p[1], big, 4096)) > 0) total += r;
  SAY("filled %ld then %s", total, errname(errno));
  T(read(p[0], big, 100));
  T(write(p[1], big, 4096));
  T(write(p[1], big, 100));
  T(close(p[0]));
  return 0;
}
