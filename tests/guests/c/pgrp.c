/* Test guest and Linux oracle: process groups and sessions (setpgid, getpgid, setsid, getsid) and
 * the errors Linux gives, one fact per line. Built for wasmos (tests/tty.pgrp-oracle.test.ts) and
 * natively; both runs must print the same lines. It starts as the leader of its own session (on
 * Linux it forks and calls setsid first, as wasmos starts it that way), with stdin not a terminal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __wasm__
#include <wasmos/syscall.h>
#define SYS(n, a, b, c) __wasmos_syscall(__WASMOS_SYS_##n, (a), (b), (c), 0, 0, 0)
static int setpgid_(int pid, int pgid) { return SYS(setpgid, pid, pgid, 0); }
static int getpgid_(int pid) { return SYS(getpgid, pid, 0, 0); }
static int setsid_(void) { return SYS(setsid, 0, 0, 0); }
static int getsid_(int pid) { return SYS(getsid, pid, 0, 0); }
static int ioctl_(int fd, unsigned long req, void *arg) { return SYS(ioctl, fd, req, __WASMOS_P(arg)); }
#define setpgid setpgid_
#define getpgid getpgid_
#define setsid setsid_
#define getsid getsid_
#define ioctl ioctl_
#define TCGETS __WASMOS_TCGETS
#define TIOCGPGRP __WASMOS_TIOCGPGRP
#define TIOCSPGRP __WASMOS_TIOCSPGRP
#undef FIONREAD
#define FIONREAD __WASMOS_FIONREAD
#endif

static const char *e(long r) {
  if (r >= 0) return "ok";
  switch (errno) {
    case EPERM: return "EPERM";
    case ESRCH: return "ESRCH";
    case EINVAL: return "EINVAL";
    case EACCES: return "EACCES";
    case ENOTTY: return "ENOTTY";
    case EBADF: return "EBADF";
    default: return "other";
  }
}

/* A child that waits until `release` is closed, then exits 0. */
static pid_t sleeper(int release[2]) {
  pid_t c = fork();
  if (c == 0) { char b; close(release[1]); read(release[0], &b, 1); _exit(0); }
  return c;
}

static void facts(void) {
  pid_t me = getpid();
  printf("getpgid(0) is my pid: %d\n", getpgid(0) == me);
  printf("getsid(0) is my pid: %d\n", getsid(0) == me);
  printf("setsid as a session leader: %s\n", e(setsid()));
  printf("setpgid(0, 0) as a session leader: %s\n", e(setpgid(0, 0)));
  printf("setpgid(0, -1): %s\n", e(setpgid(0, -1)));
  printf("getpgid(-1): %s\n", e(getpgid(-1)));
  printf("getpgid of no process: %s\n", e(getpgid(999999)));
  printf("getsid of no process: %s\n", e(getsid(999999)));
  printf("setpgid of no process: %s\n", e(setpgid(999999, 0)));

  int rel[2];
  if (pipe(rel) < 0) return;
  pid_t a = sleeper(rel);
  printf("child's group is mine: %d\n", getpgid(a) == me);
  printf("child's session is mine: %d\n", getsid(a) == me);
  printf("setpgid(child, child): %s\n", e(setpgid(a, a)));
  printf("child's group is now its pid: %d\n", getpgid(a) == a);
  printf("setpgid(child, no such group): %s\n", e(setpgid(a, 999999)));
  printf("setpgid(child, my group): %s\n", e(setpgid(a, me)));
  printf("child's group is mine again: %d\n", getpgid(a) == me);
  printf("setpgid(child, 0): %s\n", e(setpgid(a, 0)));

  /* b starts a session of its own, then waits */
  int ready[2];
  if (pipe(ready) < 0) return;
  pid_t b = fork();
  if (b == 0) {
    close(ready[0]); close(rel[1]);
    char r = setsid() == getpid() ? 'y' : 'n';
    write(ready[1], &r, 1);
    read(rel[0], &r, 1);
    _exit(0);
  }
  close(ready[1]);
  char r = 0;
  read(ready[0], &r, 1);
  printf("child's setsid returned its pid: %c\n", r);
  printf("its session is its pid: %d\n", getsid(b) == b);
  printf("setpgid(child in another session, 0): %s\n", e(setpgid(b, 0)));
  printf("setpgid(child, group of another session): %s\n", e(setpgid(a, b)));

  /* c execs (a close-on-exec pipe tells when), then is no longer ours to move */
  int exec[2], in[2];
  if (pipe2(exec, O_CLOEXEC) < 0 || pipe(in) < 0) return;
  pid_t c = fork();
  if (c == 0) {
    close(exec[0]); dup2(in[0], 0); close(in[0]); close(in[1]);
    char *argv[] = { "cat", 0 };
    execv("/bin/cat", argv);
    _exit(127);
  }
  close(exec[1]); close(in[0]);
  read(exec[0], &r, 1);
  printf("setpgid(child after execve, 0): %s\n", e(setpgid(c, 0)));
  close(in[1]);

  /* a grandchild is not ours */
  int g[2];
  if (pipe(g) < 0) return;
  pid_t d = fork();
  if (d == 0) {
    pid_t gc = sleeper(rel);
    close(rel[1]);
    write(g[1], &gc, sizeof gc);
    waitpid(gc, 0, 0);
    _exit(0);
  }
  pid_t gc = 0;
  read(g[0], &gc, sizeof gc);
  printf("setpgid(grandchild, 0): %s\n", e(setpgid(gc, 0)));

  int pg = 0;
  printf("TIOCGPGRP on a pipe: %s\n", e(ioctl(rel[0], TIOCGPGRP, &pg)));
  printf("TIOCSPGRP on a pipe: %s\n", e(ioctl(rel[0], TIOCSPGRP, &pg)));
  int f[2];
  if (pipe(f) < 0 || write(f[1], "hello", 5) != 5) return;
  printf("FIONREAD on a pipe: %s", e(ioctl(f[0], FIONREAD, &pg)));
  printf(" %d\n", pg);
  printf("ioctl on a bad fd: %s\n", e(ioctl(99, TCGETS, &pg)));
  close(rel[1]);
  int st;
  while (wait(&st) > 0) {}
  printf("done\n");
}

int main(void) {
  if (getsid(0) != getpid()) {          /* Linux: be a session leader, as wasmos starts us */
    pid_t c = fork();
    if (c != 0) { int st = 0; waitpid(c, &st, 0); return WIFEXITED(st) ? WEXITSTATUS(st) : 1; }
    setsid();
  }
  facts();
  fflush(stdout);
  return 0;
}
