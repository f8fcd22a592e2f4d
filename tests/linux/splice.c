/* splice: file to pipe and pipe to file with offsets, the offset pointers updated, refusals (no pipe, O_APPEND, bad flags). */
#include "check.h"

int splice_main(void) {
  enter("splice");
  int p[2];
  char buf[32];
  loff_t off = 2;
  put("src", "0123456789");
  int in = T(open("src", O_RDONLY));
  int out = T(open("dst", O_WRONLY | O_CREAT | O_TRUNC, 0644));
  T(pipe(p));
  T(splice(in, &off, p[1], 0, 5, 0));
  T(off);
  T(lseek(in, 0, SEEK_CUR));
  T(splice(p[0], 0, out, 0, 3, 0));
  T(lseek(out, 0, SEEK_CUR));
  loff_t o2 = 10;
  T(splice(p[0], 0, out, &o2, 2, 0));
  T(o2);
  T(slurp("dst", buf, sizeof buf));
  SAY("%.3s then zeros %d, %.2s", buf, buf[3] == 0, buf + 10);
  T(splice(in, 0, out, 0, 5, 0));
  T(splice(p[0], &off, out, 0, 1, 0));
  T(splice(in, 0, p[1], 0, 1, 0x100));
  int app = T(open("dst", O_WRONLY | O_APPEND));
  T(write(p[1], "zz", 2));
  T(splice(p[0], 0, app, 0, 2, 0));
  T(close(p[1]));
  T(splice(p[0], 0, out, 0, 10, 0));
  return 0;
}
