/* Test guest for pid allocation (tests/proc.pids.test.ts): fork N children one after another
 * (argv[1]) and print each child's pid on a line. Every child exits at once and is reaped before
 * the next fork, except the one whose pid is argv[2]: it blocks reading a pipe, so its pid stays in
 * use, until the end. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 10;
  pid_t hold = argc > 2 ? atoi(argv[2]) : 0, held = 0;
  int p[2];
  if (pipe(p) < 0) { perror("pipe"); return 1; }
  for (int i = 0; i < n; i++) {
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 1; }
    if (pid == 0) {
      char c;
      close(p[1]);
      if (getpid() == hold) read(p[0], &c, 1);
      _exit(0);
    }
    printf("%d\n", pid);
    if (pid == hold) held = pid;
    else waitpid(pid, 0, 0);
  }
  close(p[1]);
  if (held) waitpid(held, 0, 0);
  return 0;
}
