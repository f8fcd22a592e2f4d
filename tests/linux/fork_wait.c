/* fork and wait4: exit codes, signals, WNOHANG, waiting for a given pid or any, zombies reaped once. */
#include "check.h"
#include <signal.h>
#include <sys/wait.h>

int fork_wait_main(void) {
  enter("fork_wait");
  int st = 0;
  pid_t a = fork();
  if (a == 0) _exit(3);
  pid_t b = fork();
  if (b == 0) { for (;;) sleep(100); }
  T(waitpid(b, &st, WNOHANG));
  T(kill(b, SIGTERM));
  T(waitpid(b, &st, 0) == b);
  SAY("b: signaled %d sig %d", WIFSIGNALED(st), WTERMSIG(st));
  T(waitpid(-1, &st, 0) == a);
  SAY("a: exited %d code %d", WIFEXITED(st), WEXITSTATUS(st));
  T(waitpid(-1, &st, 0));
  T(waitpid(a, &st, 0));
  T(waitpid(-1, &st, WNOHANG));
  T(waitpid(1, &st, 0));
  T(getppid() != getpid());
  pid_t c = fork();
  if (c == 0) _exit(getppid() == getpid());
  T(waitpid(c, &st, 0) == c);
  T(WEXITSTATUS(st));
  return 0;
}
