/* poll and ppoll: pipe ends (data, hang-up, no reader), files, closed and negative descriptors,
 * timeouts, a bad array, ppoll's signal mask, and a signal interrupting poll despite SA_RESTART. */
#include "check.h"
#include <poll.h>
#include <signal.h>
#include <sys/time.h>
#include <time.h>

static volatile sig_atomic_t got;
static void on(int sig) { (void)sig; got++; }

static int ev(int fd, short events) {           /* one descriptor's revents, timeout 0 */
  struct pollfd p = { fd, events, 0 };
  int r = poll(&p, 1, 0);
  return r < 0 ? -1 : p.revents;
}

int poll_main(void) {
  enter("poll");
  int p[2];
  char buf[8];
  T(pipe(p));
  T(ev(p[0], POLLIN));
  T(ev(p[1], POLLOUT));
  T(ev(p[1], POLLIN));
  T(write(p[1], "ab", 2));
  T(ev(p[0], POLLIN | POLLOUT));
  T(ev(p[0], POLLRDNORM));
  T(close(p[1]));
  T(ev(p[0], POLLIN));
  T(ev(p[0], 0));
  T(read(p[0], buf, 2));
  T(ev(p[0], POLLIN));
  T(close(p[0]));
  T(pipe(p));
  T(close(p[0]));
  T(ev(p[1], POLLOUT));
  T(ev(p[1], 0));
  T(close(p[1]));
  put("f", "x");
  int fd = T(open("f", O_RDWR));
  T(ev(fd, POLLIN | POLLOUT));
  T(ev(99, POLLIN));
  struct pollfd two[2] = { { -1, POLLIN, 7 }, { fd, POLLIN, 7 } };
  T(poll(two, 2, 0));
  SAY("negative fd revents %d, file revents %d", two[0].revents, two[1].revents);
  T(poll(0, 0, 30));
  T(poll((struct pollfd *)-8, 1, 0));
  struct timespec zero = { 0, 0 };
  T(ppoll(two, 2, &zero, 0));
  struct timespec bad = { 0, 1000000000 };
  T(ppoll(two, 2, &bad, 0));

  struct sigaction sa = { 0 };
  sa.sa_handler = on;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGUSR1, &sa, 0);
  sigaction(SIGALRM, &sa, 0);
  sigset_t usr1, none;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigemptyset(&none);
  sigprocmask(SIG_BLOCK, &usr1, 0);
  raise(SIGUSR1);
  T(pipe(p));
  struct pollfd r = { p[0], POLLIN, 0 };
  T(poll(&r, 1, 0));
  SAY("blocked: handler ran %d", (int)got);
  T(ppoll(&r, 1, 0, &none));
  SAY("ppoll's mask let it in: handler ran %d", (int)got);
  sigset_t now;
  sigprocmask(SIG_BLOCK, 0, &now);
  SAY("mask back: USR1 %d", sigismember(&now, SIGUSR1));
  got = 0;
  struct itimerval v = { { 0, 0 }, { 0, 50000 } };
  setitimer(ITIMER_REAL, &v, 0);
  T(poll(&r, 1, 5000));
  SAY("SA_RESTART does not restart poll: handler ran %d", (int)got);
  T(close(p[0]));
  T(close(p[1]));
  return 0;
}
