/* ioctl(FIONREAD): the bytes waiting to be read in a pipe. (A socket's needs a connected pair: wasmos
 * has no AF_UNIX socketpair yet.) */
#include "check.h"
#include <sys/ioctl.h>

int fionread_main(void) {
  enter("fionread");
  int p[2], n = -1;
  T(pipe(p));
  T(ioctl(p[0], FIONREAD, &n));
  SAY("empty pipe %d", n);
  T(write(p[1], "hello", 5));
  T(ioctl(p[0], FIONREAD, &n));
  SAY("pipe %d", n);
  return 0;
}
