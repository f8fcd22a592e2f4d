/* dup, dup2, dup3: lowest free descriptor, shared offsets, close-on-exec, bad arguments. */
#include "check.h"

int dup_main(void) {
  enter("dup");
  char buf[8];
  put("f", "abcdef");
  T(open("f", O_RDONLY));
  T(dup(4));
  T(read(4, buf, 2));
  T(read(5, buf, 2));
  SAY("%.2s", buf);
  T(dup2(4, 11));
  T(dup2(4, 4));
  T(dup3(4, 4, 0));
  T(dup3(4, 12, O_CLOEXEC));
  T(fcntl(12, F_GETFD));
  T(fcntl(11, F_GETFD));
  T(dup3(4, 13, 0x1234));
  T(dup2(99, 6));
  T(dup2(4, -1));
  T(dup(99));
  T(close(11));
  T(close(11));
  T(dup(4));
  return 0;
}
