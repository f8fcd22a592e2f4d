/* Process identity: pid, parent pid, user and group ids, a child's pid as its parent saw it. */
#include "check.h"
#include <sys/wait.h>

int ids_main(void) {
  enter("ids");
  int p[2];
  pid_t me = getpid();
  SAY("pid positive %d, ppid differs %d", me > 0, getppid() != me);
  pipe(p);
  pid_t c = fork();
  if (c == 0) {
    pid_t mine = getpid(), parent = getppid();
    write(p[1], &mine, sizeof mine);
    write(p[1], &parent, sizeof parent);
    _exit(0);
  }
  pid_t seen, parent;
  read(p[0], &seen, sizeof seen);
  read(p[0], &parent, sizeof parent);
  SAY("child pid as returned %d, its parent is me %d", seen == c, parent == me);
  int st;
  T(waitpid(c, &st, 0) == c);
  return 0;
}
