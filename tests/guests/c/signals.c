/* Signals as a C program sees them: signal() and sigaction() handlers, SIGPIPE ignored, EINTR and
 * SA_RESTART on a pipe read interrupted by an interval timer, masks and pending signals,
 * sigsuspend, SIGCHLD, a stopped and continued child seen by waitpid, a child killed by SIGTERM.
 * Built natively (gcc) and for wasmos; tests/signal.c-oracle.test.ts compares the outputs. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got, last;
static void on(int sig) { got++; last = sig; }
static void say(int sig) { (void)sig; got++; write(1, "in handler\n", 11); }

static const char *err(long r) { return r < 0 ? (errno == EINTR ? "EINTR" : errno == EPIPE ? "EPIPE" : strerror(errno)) : "ok"; }

static void nap(long ms) {
  struct timespec t = { ms / 1000, (ms % 1000) * 1000000L };
  while (nanosleep(&t, &t) < 0 && errno == EINTR) {}
}

static void timer_ms(long ms) {
  struct itimerval v = { { 0, 0 }, { ms / 1000, (ms % 1000) * 1000 } };
  setitimer(ITIMER_REAL, &v, 0);
}

static void handlers(void) {
  signal(SIGUSR1, say);
  int r = raise(SIGUSR1);
  printf("raise %d got %d\n", r, (int)got);
  struct sigaction sa = { 0 }, old;
  sa.sa_handler = on;
  sigaction(SIGUSR2, &sa, &old);
  printf("old handler is SIG_DFL %d\n", old.sa_handler == SIG_DFL);
  kill(getpid(), SIGUSR2);
  printf("kill got %d last %d\n", (int)got, (int)last);
  sigaction(SIGUSR2, 0, &old);
  printf("sigaction reads back %d\n", old.sa_handler == on);
}

static void sigpipe(void) {
  int fds[2];
  signal(SIGPIPE, SIG_IGN);
  pipe(fds);
  close(fds[0]);
  printf("write to a closed pipe: %s\n", err(write(fds[1], "x", 1)));
  close(fds[1]);
}

static void interrupted_read(int restart) {
  int fds[2];
  char buf[16];
  pipe(fds);
  pid_t pid = fork();
  if (pid == 0) { nap(600); write(fds[1], "abc", 3); _exit(0); }
  struct sigaction sa = { 0 };
  sa.sa_handler = on;
  sa.sa_flags = restart ? SA_RESTART : 0;
  sigaction(SIGALRM, &sa, 0);
  got = 0;
  timer_ms(200);
  long n = read(fds[0], buf, sizeof buf);
  printf("read %s: %ld %s, handler ran %d\n", restart ? "with SA_RESTART" : "without", n, err(n), (int)got);
  if (n < 0) n = read(fds[0], buf, sizeof buf);
  int st;
  waitpid(pid, &st, 0);
  close(fds[0]); close(fds[1]);
}

static void masks(void) {
  sigset_t s, p;
  got = 0;
  signal(SIGUSR1, on);
  sigemptyset(&s); sigaddset(&s, SIGUSR1);
  sigprocmask(SIG_BLOCK, &s, 0);
  raise(SIGUSR1);
  sigpending(&p);
  printf("blocked: got %d pending %d\n", (int)got, sigismember(&p, SIGUSR1));
  sigprocmask(SIG_UNBLOCK, &s, 0);
  sigpending(&p);
  printf("unblocked: got %d pending %d\n", (int)got, sigismember(&p, SIGUSR1));
  sigprocmask(SIG_BLOCK, &s, 0);
  timer_ms(100);
  signal(SIGALRM, on);
  sigset_t none;
  sigemptyset(&none);
  sigaddset(&s, SIGALRM);
  sigprocmask(SIG_BLOCK, &s, 0);
  nap(300);
  got = 0;
  int r = sigsuspend(&none);
  printf("sigsuspend %d %s got %d\n", r, err(r), (int)got);
  sigprocmask(SIG_BLOCK, 0, &p);
  printf("mask back: USR1 %d ALRM %d\n", sigismember(&p, SIGUSR1), sigismember(&p, SIGALRM));
  sigprocmask(SIG_SETMASK, &none, 0);
}

static void children(void) {
  int st;
  got = 0;
  signal(SIGCHLD, on);
  pid_t pid = fork();
  if (pid == 0) _exit(7);
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
  printf("child exited %d, SIGCHLD handled %d\n", WEXITSTATUS(st), (int)got);
  signal(SIGCHLD, SIG_DFL);
  pid = fork();
  if (pid == 0) { for (;;) nap(50); }
  kill(pid, SIGSTOP);
  waitpid(pid, &st, WUNTRACED);
  printf("stopped %d by %d (0x%x)\n", WIFSTOPPED(st), WSTOPSIG(st), st);
  kill(pid, SIGCONT);
  waitpid(pid, &st, WCONTINUED);
  printf("continued %d (0x%x)\n", WIFCONTINUED(st), st);
  kill(pid, SIGTERM);
  waitpid(pid, &st, 0);
  printf("killed %d by %d, core %d\n", WIFSIGNALED(st), WTERMSIG(st), WCOREDUMP(st) != 0);
}

int main(void) {
  setvbuf(stdout, 0, _IONBF, 0);
  handlers();
  sigpipe();
  interrupted_read(0);
  interrupted_read(1);
  masks();
  children();
  printf("alarm left %u\n", alarm(0));
  return 0;
}
