/* readv and writev: several buffers, empty ones, counts, a short read across buffers. */
#include "check.h"
#include <sys/uio.h>

int readv_main(void) {
  enter("readv");
  char a[4], b[8], c[4];
  struct iovec w[3] = { { "one", 3 }, { "", 0 }, { "twothree", 8 } };
  struct iovec r[3] = { { a, sizeof a }, { b, sizeof b }, { c, sizeof c } };
  T(open("f", O_RDWR | O_CREAT, 0644));
  T(writev(4, w, 3));
  T(writev(4, w, 0));
  T(writev(4, w, -1));
  T(lseek(4, 0, SEEK_SET));
  T(readv(4, r, 3));
  SAY("%.4s|%.7s", a, b);
  T(readv(4, r, 3));
  T(preadv(4, r, 2, 3));
  SAY("%.4s|%.7s", a, b);
  T(pwritev(4, w, 1, 20));
  T(lseek(4, 0, SEEK_END));
  T(readv(99, r, 1));
  return 0;
}
