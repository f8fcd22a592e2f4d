/* epoll: create and ctl refusals, level and edge triggering, EPOLLONESHOT and re-arming, hang-up
 * and error on pipe ends, a closed descriptor leaving the set, epoll_wait's refusals, a timeout, and
 * a signal interrupting epoll_wait despite SA_RESTART. */
#include "check.h"
#include <signal.h>
#include <sys/epoll.h>
#include <sys/time.h>

static volatile sig_atomic_t got;
static void on(int sig) { (void)sig; got++; }

static struct epoll_event out[4];

static void show(int n) {
  for (int i = 0; i < n; i++) SAY("  event 0x%x data %d", (unsigned)out[i].events, (int)out[i].data.u64);
}

int epoll_main(void) {
  enter("epoll");
  int p[2];
  char buf[8];
  T(epoll_create(0));
  T(epoll_create1(99));
  int ep = T(epoll_create1(EPOLL_CLOEXEC));
  T(pipe(p));
  struct epoll_event e = { 0 };
  e.events = EPOLLIN;
  e.data.u64 = 7;
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
  T(epoll_ctl(ep, EPOLL_CTL_MOD, p[1], &e));
  T(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], 0));
  T(epoll_ctl(ep, 99, p[0], &e));
  T(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &e));
  T(epoll_ctl(ep, EPOLL_CTL_ADD, 99, &e));
  T(epoll_ctl(p[0], EPOLL_CTL_ADD, p[1], &e));
  put("f", "x");
  int fd = T(open("f", O_RDONLY));
  T(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e));
  T(epoll_wait(ep, out, 4, 0));
  T(write(p[1], "abc", 3));
  show(T(epoll_wait(ep, out, 4, 0)));
  show(T(epoll_wait(ep, out, 4, 0)));
  e.events = EPOLLIN | EPOLLET;
  e.data.u64 = 8;
  T(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &e));
  show(T(epoll_wait(ep, out, 4, 0)));
  T(epoll_wait(ep, out, 4, 0));
  T(write(p[1], "d", 1));
  show(T(epoll_wait(ep, out, 4, 0)));
  e.events = EPOLLIN | EPOLLONESHOT;
  e.data.u64 = 9;
  T(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &e));
  show(T(epoll_wait(ep, out, 4, 0)));
  T(epoll_wait(ep, out, 4, 0));
  T(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &e));
  show(T(epoll_wait(ep, out, 4, 0)));
  T(read(p[0], buf, sizeof buf));
  e.events = EPOLLOUT;
  e.data.u64 = 10;
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &e));
  e.events = EPOLLIN;
  e.data.u64 = 11;
  T(epoll_ctl(ep, EPOLL_CTL_MOD, p[0], &e));
  show(T(epoll_wait(ep, out, 4, 0)));
  T(close(p[1]));
  show(T(epoll_wait(ep, out, 4, 0)));
  T(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], 0));
  T(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], 0));
  T(close(p[0]));
  T(pipe(p));
  e.events = EPOLLOUT;
  e.data.u64 = 12;
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[1], &e));
  T(close(p[0]));
  show(T(epoll_wait(ep, out, 4, 0)));
  T(close(p[1]));
  T(epoll_wait(ep, out, 4, 0));
  T(epoll_wait(ep, out, 0, 0));
  T(epoll_wait(fd, out, 4, 0));
  T(epoll_wait(99, out, 4, 0));
  T(epoll_wait(ep, out, 4, 30));

  struct sigaction sa = { 0 };
  sa.sa_handler = on;
  sa.sa_flags = SA_RESTART;
  sigaction(SIGALRM, &sa, 0);
  T(pipe(p));
  e.events = EPOLLIN;
  e.data.u64 = 13;
  T(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &e));
  struct itimerval v = { { 0, 0 }, { 0, 50000 } };
  setitimer(ITIMER_REAL, &v, 0);
  T(epoll_wait(ep, out, 4, 5000));
  SAY("SA_RESTART does not restart epoll_wait: handler ran %d", (int)got);
  T(close(ep));
  return 0;
}
