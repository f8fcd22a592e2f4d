/* /proc/self/status's signal lines (SigQ, SigPnd, ShdPnd, SigBlk, SigIgn, SigCgt) and /proc/self/stat's
 * signal fields for known masks: SIGUSR1 and SIGTERM blocked, SIGUSR1 raised (tgkill: pending to the
 * thread, SigPnd) and SIGTERM sent by kill (pending to the process, ShdPnd), SIGPIPE and SIGHUP
 * ignored, SIGINT and SIGUSR2 caught. SigQ's limit is the machine's (its RAM): it is printed as
 * "rlimit" when it is getrlimit(RLIMIT_SIGPENDING), as on Linux; its count is the user's (other
 * processes' signals count too), so only "2 or more" is printed. Built natively (gcc) and for wasmos; tests/proc.sigstatus.test.ts
 * compares the outputs. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

static void on(int sig) { (void)sig; }

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on;
  sigaction(SIGINT, &sa, 0);
  sigaction(SIGUSR2, &sa, 0);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGHUP, SIG_IGN);
  sigset_t m;
  sigemptyset(&m); sigaddset(&m, SIGUSR1); sigaddset(&m, SIGTERM);
  sigprocmask(SIG_BLOCK, &m, 0);
  raise(SIGUSR1);
  kill(getpid(), SIGTERM);

  char line[256];
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return 1;
  while (fgets(line, sizeof line, f))
    if (!strncmp(line, "SigQ:", 5)) {
      struct rlimit rl;
      char *slash = strchr(line, '/');
      int same = slash && !getrlimit(RLIMIT_SIGPENDING, &rl) && strtoul(slash + 1, 0, 10) == rl.rlim_cur;
      long n = strtol(line + 5, 0, 10);    /* Linux counts the whole user's queue: 2 here, maybe more */
      printf("SigQ:\t%s/%s\n", n >= 2 ? "2+" : "<2", same ? "rlimit" : "other");
    } else if (!strncmp(line, "Sig", 3)) fputs(line, stdout);
    else if (!strncmp(line, "ShdPnd", 6)) fputs(line, stdout);
  fclose(f);

  f = fopen("/proc/self/stat", "r");
  if (!f || !fgets(line, sizeof line, f)) return 2;
  char *p = strrchr(line, ')');          /* fields 31-34 (signal blocked sigignore sigcatch) */
  unsigned long v[4];
  int field = 2;
  for (p += 2; field < 30; field++) p = strchr(p, ' ') + 1;
  sscanf(p, "%lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3]);
  printf("stat: signal %lu blocked %lu sigignore %lu sigcatch %lu\n", v[0], v[1], v[2], v[3]);
  return 0;
}
