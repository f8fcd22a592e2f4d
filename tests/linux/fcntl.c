#include "check.h"

int fcntl_main(void) {
  enter("fcntl");
  put("f", "x");
  T(open("f", O_RDWR));
  T(fcntl(4, F_GETFD));
  T(fcntl(4, F_SETFD, FD_CLOEXEC));
  T(fcntl(4, F_GETFD));
  int fl = fcntl(4, F_GETFL);
  SAY("accmode rdwr %d nonblock %d append %d", (fl & O_ACCMODE) == O_RDWR, (fl & O_NONBLOCK) != 0, (fl & O_APPEND) != 0);
  T(fcntl(4, F_SETFL, O_NONBLOCK | O_APPEND | O_WRONLY));
  fl = fcntl(4, F_GETFL);
  SAY("accmode rdwr %d nonblock %d append %d", (fl & O_ACCMODE) == O_RDWR, (fl & O_NONBLOCK) != 0, (fl & O_APPEND) != 0);
  T(fcntl(99, F_GETFD));
  T(fcntl(4, 9999));
  return 0;
}
