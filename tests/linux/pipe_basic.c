/* Pipes: data order, end of file when writers close, pipe2 flags, ends used the wrong way round. */
#include "check.h"

int pipe_basic_main(void) {
  enter("pipe_basic");
  int p[2], q[2];
  char buf[16];
  T(pipe(p));
  SAY("fds %d %d", p[0], p[1]);
  T(write(p[1], "abc", 3));
  T(write(p[1], "def", 3));
  T(read(p[0], buf, 4));
  SAY("%.4s", buf);
  T(read(p[0], buf, 16));
  T(write(p[0], "x", 1));
  T(read(p[1], buf, 1));
  T(close(p[1]));
  T(read(p[0], buf, 16));
  T(pipe2(q, O_CLOEXEC | O_NONBLOCK));
  T(fcntl(q[0], F_GETFD));
  T((fcntl(q[1], F_GETFL) & O_NONBLOCK) != 0);
  T(pipe2(q, 0x1234));
  return 0;
}
