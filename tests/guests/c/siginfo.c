/* What an SA_SIGINFO handler is given: si_signo, si_code and si_pid for a kill from the child and
 * for raise (tkill), si_code, si_pid and si_status for SIGCHLD (an exit and a kill), the same
 * siginfo in a nested handler. Built natively (gcc) and for wasmos; tests/signal.siginfo.test.ts
 * compares the outputs. Pids are printed by who they are (self, child 1, child 2), named once all
 * is done, since a handler may run before fork's result is stored. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int got;
static struct { const char *what; int sig, signo, code, status; pid_t pid; } seen[16];
static int nseen;

static void note(const char *what, int sig, const siginfo_t *si) {
  if (nseen == 16) return;
  seen[nseen].what = what; seen[nseen].sig = sig; seen[nseen].signo = si->si_signo;
  seen[nseen].code = si->si_code; seen[nseen].pid = si->si_pid;
  seen[nseen].status = sig == SIGCHLD ? si->si_status : 0;
  nseen++;
}

static const char *who(pid_t pid, pid_t self, pid_t c1, pid_t c2) {
  return pid == self ? "self" : pid == c1 ? "child 1" : pid == c2 ? "child 2" : "someone else";
}

static void onUsr2(int sig, siginfo_t *si, void *ctx) { (void)ctx; note("  nested usr2", sig, si); }

static void onUsr1(int sig, siginfo_t *si, void *ctx) {
  (void)ctx;
  note("usr1", sig, si);
  if (si->si_code == SI_TKILL) raise(SIGUSR2);   /* a handler inside a handler, then this one's info again */
  note("usr1 again", sig, si);
  got++;
}

static void onChld(int sig, siginfo_t *si, void *ctx) { (void)ctx; note("chld", sig, si); got++; }

static void wait1(int want) { while (got < want) pause(); }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_flags = SA_SIGINFO;
  sa.sa_sigaction = onUsr1; sigaction(SIGUSR1, &sa, 0);
  sa.sa_sigaction = onUsr2; sigaction(SIGUSR2, &sa, 0);
  sa.sa_sigaction = onChld; sigaction(SIGCHLD, &sa, 0);
  pid_t self = getpid();
  raise(SIGUSR1);
  wait1(1);
  int go[2];
  char b = 0;
  if (pipe(go)) return 1;
  pid_t c1 = fork();
  if (c1 == 0) { kill(getppid(), SIGUSR1); read(go[0], &b, 1); _exit(7); }   /* exits once its kill was taken */
  wait1(2);
  write(go[1], &b, 1);
  wait1(3);
  waitpid(c1, 0, 0);
  pid_t c2 = fork();
  if (c2 == 0) { pause(); _exit(0); }
  kill(c2, SIGTERM);
  wait1(4);
  waitpid(c2, 0, 0);
  for (int i = 0; i < nseen; i++) {
    printf("%s: signo %d (%d) code %d pid %s", seen[i].what, seen[i].signo, seen[i].sig, seen[i].code, who(seen[i].pid, self, c1, c2));
    if (seen[i].sig == SIGCHLD) printf(" status %d", seen[i].status);
    printf("\n");
  }
  return 0;
}
