/* A write with no reader: SIGPIPE by default, EPIPE when it is ignored; a read with no writer: end of file. */
#include "check.h"
#include <signal.h>
#include <sys/wait.h>

int pipe_epipe_main(void) {
  enter("pipe_epipe");
  int p[2], st;
  char c;
  T(pipe(p));
  T(close(p[0]));
  pid_t k = fork();
  if (k == 0) { write(p[1], "x", 1); _exit(0); }
  waitpid(k, &st, 0);
  SAY("writer signaled %d sig %d", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  T(pipe(p));
  T(close(p[1]));
  T(read(p[0], &c, 1));
  return 0;
}
