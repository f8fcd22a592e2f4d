/* wait4's refusals: bad options, a bad status pointer (the child is reaped all the same), no children. */
#include "check.h"
#include <sys/wait.h>

int wait_errors_main(void) {
  enter("wait_errors");
  int st;
  T(wait4(-1, &st, 0, 0));
  pid_t c = fork();
  if (c == 0) _exit(4);
  T(wait4(c, &st, 0x4000000, 0));
  T(wait4(c, (int *)-8, 0, 0));
  T(wait4(c, &st, 0, 0) == c);
  T(WEXITSTATUS(st));
  return 0;
}
