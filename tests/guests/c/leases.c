/* File leases on Linux: fcntl F_SETLEASE / F_GETLEASE / F_SETSIG / F_GETSIG, their refusals and a
 * break by another process (forked), printed as "name value" lines. tests/lease.oracle.test.ts runs
 * it natively (Linux as root, on a file it owns) and compares it with tests/guests/leases.ts run on
 * wasmos, which prints the same lines. Usage: leases FILE */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got;
static void onSig(int sig) { got = sig; }

static const char *errname(int e) {
  switch (e) {
    case EAGAIN: return "EAGAIN"; case EINVAL: return "EINVAL"; case EACCES: return "EACCES";
    case EINTR: return "EINTR"; case EBADF: return "EBADF";
  }
  return "E?";
}
static void out(const char *name, int r) {
  if (r < 0) printf("%s %s\n", name, errname(errno)); else printf("%s %d\n", name, r);
  fflush(stdout);
}

static int lease(int fd, int type) { return fcntl(fd, F_SETLEASE, type); }

/* A child that opens FILE with `flags` and says how it went; the parent waits for the lease break. */
static int breaker(const char *path, int flags, const char *name, int alarmSec) {
  pid_t pid = fork();
  if (pid != 0) return pid;
  if (alarmSec) { struct sigaction sa = { 0 }; sa.sa_handler = onSig; sigaction(SIGALRM, &sa, 0); alarm(alarmSec); }
  int fd = open(path, flags);
  out(name, fd < 0 ? fd : 0);
  _exit(0);
}

static void reap(pid_t pid) { while (waitpid(pid, 0, 0) < 0 && errno == EINTR) {} }

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "/tmp/leasefile";
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644), fd2, p[2];
  write(fd, "lease", 5);
  out("rdlck-on-rdwr", lease(fd, F_RDLCK));
  fd2 = open(path, O_RDONLY);
  out("rdlck-other-writer", lease(fd2, F_RDLCK));
  close(fd);
  fd = open(path, O_RDONLY);
  out("wrlck-other-reader", lease(fd2, F_WRLCK));
  close(fd);
  out("wrlck-alone", lease(fd2, F_WRLCK));
  out("getlease", fcntl(fd2, F_GETLEASE));
  out("rdlck-downgrade", lease(fd2, F_RDLCK));
  out("getlease", fcntl(fd2, F_GETLEASE));
  out("unlck", lease(fd2, F_UNLCK));
  out("getlease", fcntl(fd2, F_GETLEASE));
  out("unlck-none", lease(fd2, F_UNLCK));
  out("bad-type", lease(fd2, 7));
  pipe(p);
  out("pipe", lease(p[0], F_RDLCK));
  fd = open(".", O_RDONLY);
  out("directory", lease(fd, F_RDLCK));
  close(fd);
  out("badfd", lease(99, F_RDLCK));
  out("setsig-65", fcntl(fd2, F_SETSIG, 65));
  out("setsig-usr1", fcntl(fd2, F_SETSIG, SIGUSR1));
  out("getsig", fcntl(fd2, F_GETSIG));
  lease(fd2, F_RDLCK);
  lease(fd2, F_UNLCK);
  out("getsig-after-unlck", fcntl(fd2, F_GETSIG));

  /* A read lease broken by a writer: O_NONBLOCK first (EWOULDBLOCK), then a blocking open that
     waits for the release. SIGIO is blocked until sigsuspend so it cannot come too early. */
  sigset_t block, old;
  sigemptyset(&block); sigaddset(&block, SIGIO); sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, &old);
  struct sigaction sa = { 0 };
  sa.sa_handler = onSig;
  sigaction(SIGIO, &sa, 0);
  sigaction(SIGUSR1, &sa, 0);
  out("rdlck", lease(fd2, F_RDLCK));
  reap(breaker(path, O_WRONLY | O_NONBLOCK, "child-open-nonblock", 0));
  sigsuspend(&old);
  out("holder-got", got); got = 0;
  out("getlease-breaking", fcntl(fd2, F_GETLEASE));
  out("rdlck-while-breaking", lease(fd2, F_RDLCK));
  pid_t c = breaker(path, O_RDWR, "child-open", 0);
  usleep(100000);                            /* (natively: let the child reach its wait) */
  int r = lease(fd2, F_UNLCK), e = errno;
  reap(c);                                   /* (the child prints first: it cannot run before) */
  errno = e; out("holder-unlck", r);

  /* A write lease broken by a reader: the holder downgrades; F_SETSIG's signal this time. */
  fcntl(fd2, F_SETSIG, SIGUSR1);
  out("wrlck", lease(fd2, F_WRLCK));
  c = breaker(path, O_RDONLY, "child-open-rdonly", 0);
  sigsuspend(&old);
  out("holder-got", got); got = 0;
  out("getlease-breaking", fcntl(fd2, F_GETLEASE));
  out("wrlck-while-breaking", lease(fd2, F_WRLCK));
  r = lease(fd2, F_RDLCK); e = errno;
  reap(c);
  errno = e; out("holder-downgrade", r);
  out("getlease", fcntl(fd2, F_GETLEASE));

  /* A breaker interrupted by a signal (SIGALRM, no SA_RESTART): open fails with EINTR. */
  c = breaker(path, O_WRONLY, "child-open-alarm", 1);
  sigsuspend(&old);
  out("holder-got", got); got = 0;
  reap(c);
  out("getlease-after-eintr", fcntl(fd2, F_GETLEASE));
  out("holder-unlck", lease(fd2, F_UNLCK));
  return 0;
}
