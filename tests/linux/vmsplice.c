/* vmsplice: user memory into a pipe, and from a pipe into user memory; bad flags and directions. */
#include "check.h"
#include <sys/uio.h>

int vmsplice_main(void) {
  enter("vmsplice");
  int p[2];
  char out[8] = "vmsplic", in[8] = { 0 };
  struct iovec v = { out, 7 };
  struct iovec r = { in, 7 };
  T(pipe(p));
  T(vmsplice(p[1], &v, 1, 0));
  T(vmsplice(p[0], &r, 1, 0));
  SAY("%s", in);
  T(vmsplice(p[1], &v, 1, 0x100));
  put("f", "x");
  int f = open("f", O_RDWR);
  T(vmsplice(f, &v, 1, 0));
  T(vmsplice(p[1], &v, 0, 0));
  return 0;
}
