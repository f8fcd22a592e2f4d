// Signals (<signal.h>, alarm and pause of <unistd.h>, <sys/time.h>'s interval timers) over the
// kernel's rt_sig* calls: struct sigaction and sigset_t have the kernel's layout, so they pass as
// they are. A handler is a function pointer, i.e. an index into the function table, which the
// kernel hands back to the translated program to call (docs/signals.md).
// Interface: signal, sigaction, sigprocmask, pthread_sigmask, sigpending, sigsuspend, pause, raise,
//            killpg, alarm, setitimer, getitimer, sigemptyset, sigfillset, sigaddset, sigdelset,
//            sigismember, strsignal, psignal.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>
#include <wasmos/syscall.h>

#define SIGSET_BYTES __WASMOS_SIGSET_SIZE

int sigaction(int sig, const struct sigaction *act, struct sigaction *oact) {
  return __wasmos_syscall(__WASMOS_SYS_rt_sigaction, sig, __WASMOS_P(act), __WASMOS_P(oact), SIGSET_BYTES, 0, 0);
}

// BSD semantics, as glibc's signal(): the handler stays, interrupted calls restart.
sighandler_t signal(int sig, sighandler_t handler) {
  struct sigaction sa = { 0 }, old;
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;
  return sigaction(sig, &sa, &old) < 0 ? SIG_ERR : old.sa_handler;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *oset) {
  return __wasmos_syscall(__WASMOS_SYS_rt_sigprocmask, how, __WASMOS_P(set), __WASMOS_P(oset), SIGSET_BYTES, 0, 0);
}

int pthread_sigmask(int how, const sigset_t *set, sigset_t *oset) {
  return sigprocmask(how, set, oset) < 0 ? errno : 0;
}

int sigpending(sigset_t *set) {
  return __wasmos_syscall(__WASMOS_SYS_rt_sigpending, __WASMOS_P(set), SIGSET_BYTES, 0, 0, 0, 0);
}

int sigsuspend(const sigset_t *mask) {
  return __wasmos_syscall(__WASMOS_SYS_rt_sigsuspend, __WASMOS_P(mask), SIGSET_BYTES, 0, 0, 0, 0);
}

int pause(void) {
  sigset_t now;
  if (sigprocmask(SIG_BLOCK, 0, &now) < 0) return -1;
  return sigsuspend(&now);
}

int raise(int sig) {
  pid_t me = getpid();
  return __wasmos_syscall(__WASMOS_SYS_tgkill, me, me, sig, 0, 0, 0);
}

int killpg(pid_t pgrp, int sig) {
  if (pgrp < 0) { errno = EINVAL; return -1; }
  return kill(-pgrp, sig);
}

int setitimer(int which, const struct itimerval *value, struct itimerval *old) {
  return __wasmos_syscall(__WASMOS_SYS_setitimer, which, __WASMOS_P(value), __WASMOS_P(old), 0, 0, 0);
}

int getitimer(int which, struct itimerval *value) {
  return __wasmos_syscall(__WASMOS_SYS_getitimer, which, __WASMOS_P(value), 0, 0, 0, 0);
}

// The seconds left of the previous alarm, rounded to the nearest and at least 1, as glibc's.
unsigned alarm(unsigned seconds) {
  struct itimerval v = { { 0, 0 }, { seconds, 0 } }, old;
  if (setitimer(ITIMER_REAL, &v, &old) < 0) return 0;
  if (old.it_value.tv_sec == 0 && old.it_value.tv_usec == 0) return 0;
  unsigned left = (unsigned)old.it_value.tv_sec + (old.it_value.tv_usec >= 500000);
  return left ? left : 1;
}

static int bad(int sig) { if (sig < 1 || sig >= NSIG) { errno = EINVAL; return 1; } return 0; }
int sigemptyset(sigset_t *set) { *set = 0; return 0; }
int sigfillset(sigset_t *set) { *set = ~0ULL; return 0; }
int sigaddset(sigset_t *set, int sig) { if (bad(sig)) return -1; *set |= 1ULL << (sig - 1); return 0; }
int sigdelset(sigset_t *set, int sig) { if (bad(sig)) return -1; *set &= ~(1ULL << (sig - 1)); return 0; }
int sigismember(const sigset_t *set, int sig) { if (bad(sig)) return -1; return (*set >> (sig - 1)) & 1; }

// glibc's descriptions.
static const char *const names[] = {
  [SIGHUP] = "Hangup", [SIGINT] = "Interrupt", [SIGQUIT] = "Quit", [SIGILL] = "Illegal instruction",
  [SIGTRAP] = "Trace/breakpoint trap", [SIGABRT] = "Aborted", [SIGBUS] = "Bus error",
  [SIGFPE] = "Floating point exception", [SIGKILL] = "Killed", [SIGUSR1] = "User defined signal 1",
  [SIGSEGV] = "Segmentation fault", [SIGUSR2] = "User defined signal 2", [SIGPIPE] = "Broken pipe",
  [SIGALRM] = "Alarm clock", [SIGTERM] = "Terminated", [SIGSTKFLT] = "Stack fault", [SIGCHLD] = "Child exited",
  [SIGCONT] = "Continued", [SIGSTOP] = "Stopped (signal)", [SIGTSTP] = "Stopped", [SIGTTIN] = "Stopped (tty input)",
  [SIGTTOU] = "Stopped (tty output)", [SIGURG] = "Urgent I/O condition", [SIGXCPU] = "CPU time limit exceeded",
  [SIGXFSZ] = "File size limit exceeded", [SIGVTALRM] = "Virtual timer expired", [SIGPROF] = "Profiling timer expired",
  [SIGWINCH] = "Window changed", [SIGIO] = "I/O possible", [SIGPWR] = "Power failure", [SIGSYS] = "Bad system call",
};

char *strsignal(int sig) {
  static char buf[32];
  if (sig > 0 && sig < (int)(sizeof names / sizeof names[0]) && names[sig]) return (char *)names[sig];
  snprintf(buf, sizeof buf, "Unknown signal %d", sig);
  return buf;
}

void psignal(int sig, const char *s) {
  if (s && *s) fprintf(stderr, "%s: %s\n", s, strsignal(sig));
  else fprintf(stderr, "%s\n", strsignal(sig));
}
