/* O_APPEND: every write goes to the end, whatever the position; two descriptors share the end. */
#include "check.h"

int append_main(void) {
  enter("append");
  char buf[32];
  put("f", "start");
  T(open("f", O_WRONLY | O_APPEND));
  T(lseek(4, 0, SEEK_SET));
  T(write(4, "+one", 4));
  T(lseek(4, 0, SEEK_CUR));
  T(open("f", O_WRONLY));
  T(write(5, "S", 1));
  T(write(4, "+two", 4));
  T(slurp("f", buf, sizeof buf));
  SAY("%s", buf);
  T(fcntl(5, F_SETFL, O_APPEND));
  T(write(5, "!", 1));
  T(slurp("f", buf, sizeof buf));
  SAY("%s", buf);
  T((fcntl(5, F_GETFL) & O_APPEND) != 0);
  return 0;
}
