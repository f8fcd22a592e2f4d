/* epoll against Linux: each line is one fact (a count, the events and data handed out, an errno
 * name). tests/epoll.oracle.test.ts builds it natively (Linux's <sys/epoll.h>) and for wasmos
 * (guests/c/include/sys/epoll.h) and compares the outputs line by line.
 * argv[1]: a regular file to try to watch (EPERM). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BAD_PTR ((void *)(unsigned long)-4096)   /* the kernel half: EFAULT, as a 64-bit Linux pointer too */

static const char *ename(int e) {
  switch (e) {
    case EBADF: return "EBADF"; case EINVAL: return "EINVAL"; case EEXIST: return "EEXIST";
    case ENOENT: return "ENOENT"; case EPERM: return "EPERM"; case EFAULT: return "EFAULT";
    case ELOOP: return "ELOOP"; case EAGAIN: return "EAGAIN";
  }
  return "other";
}
static const char *res(int r) { static char b[32]; if (r < 0) return ename(errno); snprintf(b, sizeof b, "%d", r); return b; }

static const char *evname(unsigned e) {
  static char b[128];
  static const struct { unsigned bit; const char *name; } names[] = {
    { EPOLLIN, "IN" }, { EPOLLOUT, "OUT" }, { EPOLLERR, "ERR" }, { EPOLLHUP, "HUP" }, { EPOLLRDHUP, "RDHUP" },
    { EPOLLRDNORM, "RDNORM" }, { EPOLLWRNORM, "WRNORM" } };
  b[0] = 0;
  for (unsigned i = 0; i < sizeof names / sizeof names[0]; i++)
    if (e & names[i].bit) { if (b[0]) strcat(b, "|"); strcat(b, names[i].name); e &= ~names[i].bit; }
  if (e) snprintf(b + strlen(b), 32, "%s0x%x", b[0] ? "|" : "", e);
  return b[0] ? b : "0";
}

static int add(int ep, int fd, unsigned events, unsigned long long data) {
  struct epoll_event e = { .events = events, .data.u64 = data };
  return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &e);
}
static int mod(int ep, int fd, unsigned events, unsigned long long data) {
  struct epoll_event e = { .events = events, .data.u64 = data };
  return epoll_ctl(ep, EPOLL_CTL_MOD, fd, &e);
}

/* One wait: "n [events data] ...". The events are sorted by data: the order within one wait
 * differs (Linux: the order the files became ready; wasmos: interest-list order from a rotating
 * start), except where maxevents cuts the list: ordered() keeps the order for those lines. */
static int keep_order;
static void wait_line(const char *what, int ep, int max, int timeout) {
  struct epoll_event ev[8], t;
  int n = epoll_wait(ep, ev, max, timeout);
  for (int i = 0; i < n && !keep_order; i++)
    for (int k = i + 1; k < n; k++) if (ev[k].data.u64 < ev[i].data.u64) { t = ev[i]; ev[i] = ev[k]; ev[k] = t; }
  printf("%s: %s", what, res(n));
  for (int i = 0; i < n; i++) printf(" [%s %llu]", evname(ev[i].events), (unsigned long long)ev[i].data.u64);
  printf("\n");
}

static void level_edge(void) {
  int ep = epoll_create1(0), lt[2], et[2];
  char buf[16];
  pipe(lt); pipe(et);
  fcntl(et[0], F_SETFL, O_NONBLOCK);
  add(ep, lt[0], EPOLLIN, 1);
  add(ep, et[0], EPOLLIN | EPOLLET, 2);
  wait_line("empty", ep, 8, 0);
  write(lt[1], "ab", 2); write(et[1], "ab", 2);
  wait_line("both written", ep, 8, 0);
  wait_line("again: level only", ep, 8, 0);
  read(lt[0], buf, 1); read(et[0], buf, 1);
  wait_line("after a partial read", ep, 8, 0);
  write(et[1], "c", 1);
  wait_line("edge: a new write while bytes wait", ep, 8, 0);
  while (read(et[0], buf, sizeof buf) > 0) {}
  printf("edge drained: %s\n", ename(errno));
  wait_line("edge: drained, nothing new", ep, 8, 0);
  write(et[1], "d", 1);
  wait_line("edge: written after the drain", ep, 8, 0);
  /* counts: five waits on a pipe that stays readable */
  int lcount = 0, ecount = 0;
  struct epoll_event ev[2];
  for (int i = 0; i < 5; i++) {
    int n = epoll_wait(ep, ev, 2, 0);
    for (int k = 0; k < n; k++) { if (ev[k].data.u64 == 1) lcount++; else ecount++; }
  }
  printf("five waits: level %d, edge %d\n", lcount, ecount);
  close(ep); close(lt[0]); close(lt[1]); close(et[0]); close(et[1]);
}

static void oneshot(void) {
  int ep = epoll_create1(EPOLL_CLOEXEC), p[2];
  pipe(p);
  printf("cloexec: %d\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) != 0);
  add(ep, p[0], EPOLLIN | EPOLLONESHOT, 7);
  write(p[1], "x", 1);
  wait_line("oneshot", ep, 8, 0);
  wait_line("oneshot disarmed", ep, 8, 0);
  printf("re-arm: %s\n", res(mod(ep, p[0], EPOLLIN | EPOLLONESHOT, 8)));
  wait_line("oneshot re-armed", ep, 8, 0);
  close(p[1]);
  wait_line("oneshot disarmed, writer gone", ep, 8, 0);
  close(ep); close(p[0]);
}

static void hangups(void) {
  int ep = epoll_create1(0), a[2], b[2], c[2];
  pipe(a); pipe(b); pipe(c);
  add(ep, a[0], EPOLLIN, 10);
  add(ep, b[1], EPOLLOUT, 11);
  add(ep, c[0], 0, 12);                      /* nothing asked: EPOLLHUP still comes */
  wait_line("before", ep, 8, 0);
  write(a[1], "z", 1);
  close(a[1]); close(b[0]); close(c[1]);
  wait_line("peers closed", ep, 8, 0);
  close(ep); close(a[0]); close(b[1]); close(c[0]);
}

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void timeouts(void) {
  int ep = epoll_create1(0), p[2];
  struct epoll_event ev[1];
  pipe(p);
  add(ep, p[0], EPOLLIN, 3);
  long long t0 = now_ms();
  int n = epoll_wait(ep, ev, 1, 50);
  long long dt = now_ms() - t0;
  printf("timeout 50ms: %d, waited at least 50ms: %d, less than 1s: %d\n", n, dt >= 50, dt < 1000);
  pid_t child = fork();
  if (child == 0) { struct timespec d = { 0, 20000000 }; nanosleep(&d, 0); write(p[1], "w", 1); _exit(0); }
  wait_line("blocking wait, woken by a child's write", ep, 1, -1);
  waitpid(child, 0, 0);
  char buf[4];
  read(p[0], buf, sizeof buf);
  sigset_t none;
  memset(&none, 0, sizeof none);
  printf("pwait with a signal mask: %s\n", res(epoll_pwait(ep, ev, 1, 0, &none)));
  close(ep); close(p[0]); close(p[1]);
}

static void errnos(const char *file) {
  int ep = epoll_create1(0), p[2], ep2 = epoll_create1(0);
  struct epoll_event e = { .events = EPOLLIN }, ev[1];
  pipe(p);
  printf("create1 bad flags: %s\n", res(epoll_create1(12345)));
  printf("create size 0: %s\n", res(epoll_create(0)));
  printf("add: %s\n", res(add(ep, p[0], EPOLLIN, 1)));
  printf("add twice: %s\n", res(add(ep, p[0], EPOLLIN, 1)));
  printf("mod unwatched: %s\n", res(mod(ep, p[1], EPOLLOUT, 1)));
  printf("del unwatched: %s\n", res(epoll_ctl(ep, EPOLL_CTL_DEL, p[1], 0)));
  printf("del: %s\n", res(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], 0)));
  printf("add bad fd: %s\n", res(add(ep, 99, EPOLLIN, 1)));
  printf("bad epfd: %s\n", res(add(99, p[0], EPOLLIN, 1)));
  printf("epoll on itself: %s\n", res(add(ep, ep, EPOLLIN, 1)));
  printf("epfd not an epoll: %s\n", res(add(p[0], p[1], EPOLLIN, 1)));
  printf("bad op: %s\n", res(epoll_ctl(ep, 99, p[0], &e)));
  printf("bad event pointer: %s\n", res(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], BAD_PTR)));
  printf("exclusive with oneshot: %s\n", res(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 1)));
  printf("exclusive: %s\n", res(add(ep, p[0], EPOLLIN | EPOLLEXCLUSIVE, 1)));
  printf("mod exclusive: %s\n", res(mod(ep, p[0], EPOLLIN, 1)));
  int fd = open(file, O_RDONLY);
  printf("regular file: %s\n", res(add(ep, fd, EPOLLIN, 1)));
  printf("nested: %s\n", res(add(ep2, ep, EPOLLIN, 1)));
  printf("loop: %s\n", res(add(ep, ep2, EPOLLIN, 1)));
  printf("wait maxevents 0: %s\n", res(epoll_wait(ep, ev, 0, 0)));
  int minus_one = -1;
  printf("wait maxevents -1: %s\n", res(epoll_wait(ep, ev, *(volatile int *)&minus_one, 0)));
  printf("wait bad events: %s\n", res(epoll_wait(ep, BAD_PTR, 1, 0)));
  printf("wait not an epoll: %s\n", res(epoll_wait(p[0], ev, 1, 0)));
  printf("wait closed fd: %s\n", res(epoll_wait(98, ev, 1, 0)));
  close(fd); close(ep); close(ep2); close(p[0]); close(p[1]);
}

static void nested_and_order(void) {
  int inner = epoll_create1(0), outer = epoll_create1(0), p[3][2];
  for (int i = 0; i < 3; i++) { pipe(p[i]); add(inner, p[i][0], EPOLLIN, 20 + i); }
  add(outer, inner, EPOLLIN, 99);
  wait_line("outer, nothing ready", outer, 8, 0);
  for (int i = 0; i < 3; i++) write(p[i][1], "r", 1);
  wait_line("outer, inner has events", outer, 8, 0);
  keep_order = 1;                            /* round robin: the ones left out come first next time */
  wait_line("maxevents 2", inner, 2, 0);
  wait_line("maxevents 2, next", inner, 2, 0);
  wait_line("maxevents 2, next again", inner, 2, 0);
  wait_line("all", inner, 8, 0);
  keep_order = 0;
  for (int i = 0; i < 3; i++) { close(p[i][0]); close(p[i][1]); }
  close(inner); close(outer);
}

static void closing(void) {
  int ep = epoll_create1(0), p[2];
  pipe(p);
  add(ep, p[0], EPOLLIN, 30);
  int copy = dup(p[0]);
  close(p[0]);                               /* the open file lives on in `copy`: still watched */
  write(p[1], "q", 1);
  wait_line("watched fd closed, a dup remains", ep, 8, 0);
  printf("del of the closed fd: %s\n", res(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], 0)));
  close(copy);                               /* the last reference: it leaves the interest list */
  wait_line("last reference closed", ep, 8, 0);
  int q[2];
  pipe(q);
  printf("fd reused: %d, add: %s\n", q[0] == p[0], res(add(ep, q[0], EPOLLIN, 31)));
  close(ep); close(p[1]); close(q[0]); close(q[1]);
}

int main(int argc, char **argv) {
  setvbuf(stdout, 0, _IONBF, 0);
  level_edge();
  oneshot();
  hangups();
  timeouts();
  errnos(argc > 1 ? argv[1] : "/etc/passwd");
  nested_and_order();
  closing();
  return 0;
}
