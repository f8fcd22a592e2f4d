/* The signal mask of a waiting call (epoll_pwait, epoll_pwait2, ppoll, pselect): the mask is the
 * process's mask for the duration of the wait only. SIGUSR1 and SIGUSR2 are blocked; each wait is
 * given a mask that lets SIGUSR1 through, so a pending SIGUSR1 (raised first, or sent by a child
 * while the call sleeps) ends it with EINTR although the handler has SA_RESTART, and the handler runs
 * under the wait's mask (SIGUSR2 open, SIGUSR1 blocked as the signal being handled); afterwards the
 * old mask is back. A mask that keeps SIGUSR1 blocked lets the call time out and the signal stays
 * pending. Built natively (gcc, glibc) and for wasmos (ppoll and pselect6 as raw kernel calls: the
 * wasi-libc ones go through WASI's poll_oneoff, which has no mask); tests/epoll.sigmask.test.ts
 * compares the outputs. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifdef __wasm__
#include <wasmos/syscall.h>
struct kernel_timespec { long long tv_sec, tv_nsec; };      /* the kernel's: a 64-bit tv_nsec */
static int wait_ppoll(struct pollfd *f, int n, const struct timespec *t, const sigset_t *m) {
  struct kernel_timespec k = { t->tv_sec, t->tv_nsec };
  return __wasmos_syscall(__WASMOS_SYS_ppoll, (long)f, n, (long)&k, (long)m, __WASMOS_SIGSET_SIZE, 0);
}
/* Linux's fd_set is a bit array (wasi-libc's is a list of fds): one 64-bit word is enough here. */
static int wait_pselect(int fd, const struct timespec *t, const sigset_t *m) {
  struct kernel_timespec k = { t->tv_sec, t->tv_nsec };
  unsigned long long bits = 1ull << fd;
  struct { unsigned ss, len; } arg = { (unsigned)(long)m, __WASMOS_SIGSET_SIZE };
  return __wasmos_syscall(__WASMOS_SYS_pselect6, fd + 1, (long)&bits, 0, 0, (long)&k, (long)&arg);
}
#else
#include <sys/syscall.h>
static int wait_ppoll(struct pollfd *f, int n, const struct timespec *t, const sigset_t *m) { return ppoll(f, n, t, m); }
static int wait_pselect(int fd, const struct timespec *t, const sigset_t *m) {
  fd_set r;
  FD_ZERO(&r); FD_SET(fd, &r);
  return pselect(fd + 1, &r, 0, 0, t, m);
}
#endif

static volatile sig_atomic_t hits, usr1_in, usr2_in;
static void on_usr1(int sig) {
  sigset_t cur;
  sigprocmask(SIG_BLOCK, 0, &cur);
  hits++;
  usr1_in = sigismember(&cur, SIGUSR1);
  usr2_in = sigismember(&cur, SIGUSR2);
  (void)sig;
}

static int pipefd[2], ep;

static const char *err(int r) { return r < 0 ? (errno == EINTR ? "EINTR" : strerror(errno)) : "ok"; }

/* One wait of kind k (0 epoll_pwait, 1 epoll_pwait2, 2 ppoll, 3 pselect) on the pipe's read end. */
static int wait_one(int k, long ms, const sigset_t *m) {
  struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
  struct epoll_event ev;
  struct pollfd pf = { pipefd[0], POLLIN, 0 };
  switch (k) {
    case 0: return epoll_pwait(ep, &ev, 1, (int)ms, m);
    case 1: return epoll_pwait2(ep, &ev, 1, &t, m);
    case 2: return wait_ppoll(&pf, 1, &t, m);
    default: return wait_pselect(pipefd[0], &t, m);
  }
}

static void show_mask(const char *when) {
  sigset_t cur, pend;
  sigprocmask(SIG_BLOCK, 0, &cur);
  sigpending(&pend);
  printf("  %s: blocked usr1 %d usr2 %d, pending usr1 %d\n", when, sigismember(&cur, SIGUSR1),
         sigismember(&cur, SIGUSR2), sigismember(&pend, SIGUSR1));
}

static void nap(long ms) {
  struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
  while (nanosleep(&t, &t) < 0 && errno == EINTR) {}
}

static void one_kind(int k, const char *name) {
  sigset_t opened, keep;
  sigemptyset(&opened);
  sigemptyset(&keep); sigaddset(&keep, SIGUSR1);
  printf("%s\n", name);

  hits = 0; usr1_in = usr2_in = -1;
  raise(SIGUSR1);                                   /* pending: blocked */
  int r = wait_one(k, 5000, &opened);
  printf("  pending, mask opens it: %d %s, handler ran %d (usr1 blocked in it %d, usr2 %d)\n", r, err(r),
         (int)hits, (int)usr1_in, (int)usr2_in);
  show_mask("after");

  hits = 0;
  raise(SIGUSR1);
  r = wait_one(k, 20, &keep);
  printf("  pending, mask keeps it blocked: %d %s, handler ran %d\n", r, err(r), (int)hits);
  show_mask("after");
  sigprocmask(SIG_UNBLOCK, &keep, 0);               /* the handler runs now */
  sigprocmask(SIG_BLOCK, &keep, 0);
  printf("  unblocked: handler ran %d\n", (int)hits);

  hits = 0; usr1_in = usr2_in = -1;
  pid_t c = fork();
  if (c == 0) { nap(50); kill(getppid(), SIGUSR1); _exit(0); }
  r = wait_one(k, 5000, &opened);
  printf("  sent while asleep: %d %s, handler ran %d (usr1 blocked in it %d, usr2 %d)\n", r, err(r),
         (int)hits, (int)usr1_in, (int)usr2_in);
  int st;
  waitpid(c, &st, 0);
  show_mask("after");

  r = wait_one(k, 0, 0);
  printf("  no mask, nothing ready: %d %s\n", r, err(r));
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_usr1;
  sa.sa_flags = SA_RESTART;                         /* these waits are never restarted all the same */
  sigaction(SIGUSR1, &sa, 0);
  sigset_t both;
  sigemptyset(&both); sigaddset(&both, SIGUSR1); sigaddset(&both, SIGUSR2);
  sigprocmask(SIG_BLOCK, &both, 0);

  if (pipe(pipefd) < 0) return 1;
  ep = epoll_create1(0);
  struct epoll_event ev = { EPOLLIN, { 0 } };
  ev.data.fd = pipefd[0];
  if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, pipefd[0], &ev) < 0) return 2;

  one_kind(0, "epoll_pwait");
  one_kind(1, "epoll_pwait2");
  one_kind(2, "ppoll");
  one_kind(3, "pselect");

  sigset_t bad;
  sigemptyset(&bad);
#ifdef __wasm__
  int r = __wasmos_syscall(__WASMOS_SYS_epoll_pwait, ep, (long)&ev, 1, 0, (long)&bad, 4);
#else
  int r = syscall(__NR_epoll_pwait, ep, &ev, 1, 0, &bad, 4);
#endif
  printf("epoll_pwait sigsetsize 4: %d %s\n", r, err(r));
  struct timespec t = { 0, 1000000000L };
  r = epoll_pwait2(ep, &ev, 1, &t, 0);
  printf("epoll_pwait2 tv_nsec 1e9: %d %s\n", r, err(r));
  write(pipefd[1], "x", 1);
  r = epoll_pwait2(ep, &ev, 1, 0, &bad);
  printf("epoll_pwait2 ready, no timeout: %d fd %d\n", r, r == 1 ? ev.data.fd == pipefd[0] : -1);
  return 0;
}
