/* sendfile: file to file and to a pipe, with and without an offset pointer, counts at end of file, refusals. */
#include "check.h"
#include <sys/sendfile.h>

int sendfile_main(void) {
  enter("sendfile");
  int p[2];
  char buf[32];
  off_t off = 3;
  put("src", "0123456789");
  int in = T(open("src", O_RDONLY));
  int out = T(open("dst", O_WRONLY | O_CREAT | O_TRUNC, 0644));
  T(sendfile(out, in, &off, 4));
  T(off);
  T(lseek(in, 0, SEEK_CUR));
  T(sendfile(out, in, 0, 2));
  T(lseek(in, 0, SEEK_CUR));
  T(slurp("dst", buf, sizeof buf));
  SAY("%s", buf);
  off = 8;
  T(sendfile(out, in, &off, 100));
  T(sendfile(out, in, &off, 100));
  T(pipe(p));
  T(sendfile(p[1], in, 0, 3));
  T(read(p[0], buf, 16));
  SAY("%.3s", buf);
  T(sendfile(in, out, 0, 1));
  int app = T(open("dst", O_WRONLY | O_APPEND));
  T(sendfile(app, in, 0, 1));
  off = -1;
  T(sendfile(out, in, &off, 1));
  return 0;
}
