/* Test guest for the growing process table (tests/proc.many*.test.ts): fork up to N children (argv[1])
 * that each block reading one byte from a shared pipe; then release them (one byte each, the byte
 * is the child's exit code), reap them all, and fork once more. With "-k" (argv[2]) the children
 * stay blocked until fork fails, then the pipe's write end closes (they read EOF and exit 0).
 * Prints the count forked, why a fork failed (strerror), the count reaped and the sum of the exit
 * codes: the same lines on Linux and on wasmos while N fits in memory. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static int child(int rfd, int wfd) {
  unsigned char c = 0;
  close(wfd);                          /* else the pipe never reports end of file */
  ssize_t r = read(rfd, &c, 1);
  _exit(r == 1 ? c : 0);
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 1000;
  int p[2];
  if (pipe(p) < 0) { perror("pipe"); return 1; }
  int made = 0;
  for (; made < n; made++) {
    pid_t pid = fork();
    if (pid < 0) { printf("fork failed: %s\n", strerror(errno)); break; }
    if (pid == 0) return child(p[0], p[1]);
  }
  printf("forked %d\n", made);
  long want = 0;
  if (argc > 2) close(p[1]);
  else for (int i = 0; i < made; i++) { unsigned char b = 1 + i % 200; want += b; if (write(p[1], &b, 1) != 1) { perror("write"); return 1; } }
  int reaped = 0, status = 0;
  long sum = 0;
  while (wait(&status) > 0) { reaped++; sum += WIFEXITED(status) ? WEXITSTATUS(status) : 1000; }
  printf("reaped %d, exit codes sum %ld (written %ld)\n", reaped, sum, want);
  pid_t again = fork();
  if (again == 0) _exit(42);
  if (again < 0) { printf("fork again: %s\n", strerror(errno)); return 1; }
  waitpid(again, &status, 0);
  printf("fork again: exit %d\n", WEXITSTATUS(status));
  return 0;
}
