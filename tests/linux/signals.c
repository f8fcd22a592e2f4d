/* Signals: sigaction's and kill's refusals, masks (SIGKILL and SIGSTOP are never blocked), pending
 * signals delivered on unblock and merged, a handler's own mask, SA_NODEFER, SA_RESETHAND, SIG_IGN
 * discarding a pending signal, EINTR and SA_RESTART, nanosleep and pause interrupted, alarm's
 * seconds left, sigsuspend, SIGCHLD with SA_NOCLDSTOP, SIGCHLD ignored (no zombies), default actions. */
#include "check.h"
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>

static volatile sig_atomic_t got, last, inside;
static void on(int sig) { got++; last = sig; }
static void probe(int sig) {        /* which of sig and SIGUSR2 the handler runs with blocked */
  sigset_t m;
  sigprocmask(SIG_BLOCK, 0, &m);
  inside = sigismember(&m, sig) * 10 + sigismember(&m, SIGUSR2);
  got++;
}

static void handle(int sig, void (*fn)(int), int flags) {
  struct sigaction sa = { 0 };
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  sigaction(sig, &sa, 0);
}

static void timer_ms(long ms) {
  struct itimerval v = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
  setitimer(ITIMER_REAL, &v, 0);
}

static void nap(long ms) {
  struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
  while (nanosleep(&t, &t) < 0 && errno == EINTR) {}
}

static int pending(int sig) { sigset_t p; sigpending(&p); return sigismember(&p, sig); }

static void refusals(void) {
  struct sigaction sa = { 0 }, old;
  sa.sa_handler = on;
  T(sigaction(SIGKILL, &sa, 0));
  T(sigaction(SIGSTOP, &sa, 0));
  T(sigaction(0, &sa, 0));
  T(sigaction(65, &sa, 0));
  T(sigaction(SIGKILL, 0, &old));
  SAY("SIGKILL's action is SIG_DFL %d", old.sa_handler == SIG_DFL);
  sigset_t s;
  sigemptyset(&s);
  T(sigprocmask(99, &s, 0));
  T(kill(getpid(), 0));
  T(kill(getpid(), 65));
  T(kill(getpid(), -1));
  pid_t c = fork();
  if (c == 0) _exit(0);
  int st;
  waitpid(c, &st, 0);
  T(kill(c, 0));
  T(kill(c, SIGTERM));
}

static void masks(void) {
  sigset_t all, now;
  sigfillset(&all);
  T(sigprocmask(SIG_SETMASK, &all, 0));
  sigprocmask(SIG_BLOCK, 0, &now);
  SAY("blocked: KILL %d STOP %d USR1 %d TERM %d", sigismember(&now, SIGKILL), sigismember(&now, SIGSTOP),
      sigismember(&now, SIGUSR1), sigismember(&now, SIGTERM));
  sigemptyset(&now);
  sigprocmask(SIG_SETMASK, &now, 0);
  got = 0;
  handle(SIGUSR1, on, 0);
  sigaddset(&now, SIGUSR1);
  sigprocmask(SIG_BLOCK, &now, 0);
  T(raise(SIGUSR1));
  T(raise(SIGUSR1));
  SAY("blocked twice: got %d pending %d", (int)got, pending(SIGUSR1));
  T(sigprocmask(SIG_UNBLOCK, &now, 0));
  SAY("unblocked: got %d pending %d", (int)got, pending(SIGUSR1));
  sigprocmask(SIG_BLOCK, &now, 0);
  raise(SIGUSR1);
  signal(SIGUSR1, SIG_IGN);
  SAY("ignored while pending: pending %d", pending(SIGUSR1));
  handle(SIGUSR1, on, 0);
  got = 0;
  sigprocmask(SIG_UNBLOCK, &now, 0);
  SAY("after unblock: got %d", (int)got);
}

static void actions(void) {
  struct sigaction sa = { 0 }, old;
  sa.sa_handler = probe;
  sigemptyset(&sa.sa_mask);
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaction(SIGUSR1, &sa, 0);
  raise(SIGUSR1);
  SAY("inside the handler: itself and SIGUSR2 blocked %d", (int)inside);
  sa.sa_flags = SA_NODEFER;
  sigaction(SIGUSR1, &sa, 0);
  raise(SIGUSR1);
  SAY("with SA_NODEFER %d", (int)inside);
  sigset_t now;
  sigprocmask(SIG_BLOCK, 0, &now);
  SAY("mask after the handlers: USR1 %d USR2 %d", sigismember(&now, SIGUSR1), sigismember(&now, SIGUSR2));
  got = 0;
  handle(SIGUSR1, on, SA_RESETHAND);
  raise(SIGUSR1);
  sigaction(SIGUSR1, 0, &old);
  SAY("SA_RESETHAND: got %d, then SIG_DFL %d", (int)got, old.sa_handler == SIG_DFL);
  signal(SIGUSR1, SIG_IGN);
  T(raise(SIGUSR1));
  T(raise(SIGWINCH));
  T(raise(SIGURG));
}

static void interrupted(int flags) {
  int fds[2];
  char buf[8];
  pipe(fds);
  pid_t c = fork();
  if (c == 0) { nap(400); write(fds[1], "abc", 3); _exit(0); }
  handle(SIGALRM, on, flags);
  got = 0;
  timer_ms(100);
  T(read(fds[0], buf, sizeof buf));
  SAY("handler ran %d", (int)got);
  int st;
  waitpid(c, &st, 0);
  close(fds[0]);
  close(fds[1]);
}

static void sleeps(void) {
  handle(SIGALRM, on, SA_RESTART);
  struct timespec t = { 5, 0 }, left = { 0, 0 };
  timer_ms(100);
  T(nanosleep(&t, &left));
  SAY("time left between 4 and 5 s: %d", left.tv_sec == 4);
  timer_ms(100);
  got = 0;
  T(pause());
  SAY("pause: handler ran %d", (int)got);
  T(alarm(5));
  T(alarm(2));
  T(alarm(0));
  T(alarm(0));
  sigset_t s, none;
  sigemptyset(&s);
  sigemptyset(&none);
  sigaddset(&s, SIGUSR1);
  handle(SIGUSR1, on, 0);
  sigprocmask(SIG_BLOCK, &s, 0);
  raise(SIGUSR1);
  got = 0;
  T(sigsuspend(&none));
  sigprocmask(SIG_BLOCK, 0, &s);
  SAY("sigsuspend: got %d, USR1 blocked again %d", (int)got, sigismember(&s, SIGUSR1));
  sigprocmask(SIG_SETMASK, &none, 0);
}

static void children(void) {
  int st;
  handle(SIGCHLD, on, SA_NOCLDSTOP);
  got = 0;
  pid_t c = fork();
  if (c == 0) { for (;;) nap(50); }
  T(kill(c, SIGSTOP));
  T(waitpid(c, &st, WUNTRACED) == c);
  SAY("stopped %d by %d, SIGCHLD with SA_NOCLDSTOP %d", WIFSTOPPED(st), WSTOPSIG(st), (int)got);
  T(kill(c, SIGKILL));
  T(waitpid(c, &st, 0) == c);
  SAY("killed %d by %d, SIGCHLD %d", WIFSIGNALED(st), WTERMSIG(st), (int)got);
  c = fork();
  if (c == 0) { signal(SIGUSR1, SIG_DFL); raise(SIGUSR1); _exit(0); }
  T(waitpid(c, &st, 0) == c);
  SAY("default SIGUSR1: killed %d by %d", WIFSIGNALED(st), WTERMSIG(st));
  c = fork();
  if (c == 0) { raise(SIGWINCH); _exit(3); }
  T(waitpid(c, &st, 0) == c);
  SAY("default SIGWINCH: exit %d", WEXITSTATUS(st));
  signal(SIGCHLD, SIG_IGN);
  c = fork();
  if (c == 0) _exit(5);
  T(waitpid(-1, &st, 0));
  T(kill(c, 0));
  signal(SIGCHLD, SIG_DFL);
}

int signals_main(void) {
  enter("signals");
  refusals();
  masks();
  actions();
  interrupted(0);
  interrupted(SA_RESTART);
  sleeps();
  children();
  return 0;
}
