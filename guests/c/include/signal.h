/* wasmos: <signal.h>. Without -D_WASI_EMULATED_SIGNAL (wasi-libc's in-process emulation), this gives
 * Linux's signal numbers and structures (kernel/abi/signals.ts) and the signal calls
 * (guests/c/lib/signal.c): handlers, masks, kill, raise, sigsuspend; alarm and pause are in
 * <unistd.h>, setitimer in <sys/time.h>. */
#ifdef _WASI_EMULATED_SIGNAL
#include_next <signal.h>
#else
#ifndef _WASMOS_SIGNAL_H
#define _WASMOS_SIGNAL_H
#include <wasmos/abi.h>
#define __NEED_pid_t
#include <bits/alltypes.h>
#ifdef __cplusplus
extern "C" {
#endif
typedef int sig_atomic_t;
#include <__typedef_sigset_t.h>   /* 64 bits, the kernel's (guests/c/include) */
#define SIGHUP  __WASMOS_SIGHUP
#define SIGINT  __WASMOS_SIGINT
#define SIGQUIT __WASMOS_SIGQUIT
#define SIGILL  __WASMOS_SIGILL
#define SIGTRAP __WASMOS_SIGTRAP
#define SIGABRT __WASMOS_SIGABRT
#define SIGIOT  __WASMOS_SIGABRT
#define SIGBUS  __WASMOS_SIGBUS
#define SIGFPE  __WASMOS_SIGFPE
#define SIGKILL __WASMOS_SIGKILL
#define SIGUSR1 __WASMOS_SIGUSR1
#define SIGSEGV __WASMOS_SIGSEGV
#define SIGUSR2 __WASMOS_SIGUSR2
#define SIGPIPE __WASMOS_SIGPIPE
#define SIGALRM __WASMOS_SIGALRM
#define SIGTERM __WASMOS_SIGTERM
#define SIGSTKFLT __WASMOS_SIGSTKFLT
#define SIGCHLD __WASMOS_SIGCHLD
#define SIGCONT __WASMOS_SIGCONT
#define SIGSTOP __WASMOS_SIGSTOP
#define SIGTSTP __WASMOS_SIGTSTP
#define SIGTTIN __WASMOS_SIGTTIN
#define SIGTTOU __WASMOS_SIGTTOU
#define SIGURG  __WASMOS_SIGURG
#define SIGXCPU __WASMOS_SIGXCPU
#define SIGXFSZ __WASMOS_SIGXFSZ
#define SIGVTALRM __WASMOS_SIGVTALRM
#define SIGPROF __WASMOS_SIGPROF
#define SIGWINCH __WASMOS_SIGWINCH
#define SIGIO   __WASMOS_SIGIO
#define SIGPOLL __WASMOS_SIGIO
#define SIGPWR  __WASMOS_SIGPWR
#define SIGSYS  __WASMOS_SIGSYS
#define NSIG    (__WASMOS_NSIG + 1)
#define _NSIG   NSIG
#define SIGRTMIN __WASMOS_SIGRTMIN
#define SIGRTMAX __WASMOS_NSIG

/* A handler is an index into the function table; index 1 is a function, so SIG_IGN is -1 here. */
typedef void (*sighandler_t)(int);
#define SIG_DFL ((sighandler_t)__WASMOS_SIG_DFL)
#define SIG_IGN ((sighandler_t)__WASMOS_SIG_IGN)
#define SIG_ERR ((sighandler_t)-2)

#define SA_NOCLDSTOP __WASMOS_SA_NOCLDSTOP
#define SA_NOCLDWAIT __WASMOS_SA_NOCLDWAIT
#define SA_SIGINFO   __WASMOS_SA_SIGINFO
#define SA_ONSTACK   __WASMOS_SA_ONSTACK
#define SA_RESTART   __WASMOS_SA_RESTART
#define SA_NODEFER   __WASMOS_SA_NODEFER
#define SA_RESETHAND __WASMOS_SA_RESETHAND
#define SA_NOMASK    SA_NODEFER
#define SA_ONESHOT   SA_RESETHAND
#define SIG_BLOCK    __WASMOS_SIG_BLOCK
#define SIG_UNBLOCK  __WASMOS_SIG_UNBLOCK
#define SIG_SETMASK  __WASMOS_SIG_SETMASK
#define SI_USER      __WASMOS_SI_USER
#define SI_KERNEL    __WASMOS_SI_KERNEL
#define SI_TKILL     (__WASMOS_SI_TKILL)
#define CLD_EXITED   __WASMOS_CLD_EXITED
#define CLD_KILLED   __WASMOS_CLD_KILLED
#define CLD_DUMPED   __WASMOS_CLD_DUMPED
#define CLD_STOPPED  __WASMOS_CLD_STOPPED
#define CLD_CONTINUED __WASMOS_CLD_CONTINUED
#define POLL_MSG     __WASMOS_POLL_MSG

union sigval { int sival_int; void *sival_ptr; };
/* Linux's 32-bit siginfo_t (128 bytes): three ints, then a union by what sent the signal. The
 * kernel fills it for an SA_SIGINFO handler (kernel/signal.ts: si_signo, si_code, si_pid, and
 * si_status for SIGCHLD, si_band and si_fd for a lease break's signal). */
typedef struct {
  int si_signo, si_errno, si_code;
  union {
    char __pad[128 - 3 * sizeof(int)];
    struct { pid_t __pid; unsigned __uid; union { int __status; union sigval __value; } __u; } __kill;
    struct { long __band; int __fd; } __poll;
    struct { void *__addr; } __fault;
  } __f;
} siginfo_t;
#define si_pid    __f.__kill.__pid
#define si_uid    __f.__kill.__uid
#define si_status __f.__kill.__u.__status
#define si_value  __f.__kill.__u.__value
#define si_band   __f.__poll.__band
#define si_fd     __f.__poll.__fd
#define si_addr   __f.__fault.__addr

/* The kernel's struct sigaction (kernel/abi/signals.ts): handler, flags, mask. An SA_SIGINFO
 * handler gets its siginfo_t and a NULL context (docs/signals.md). */
struct sigaction {
  union { void (*sa_handler)(int); void (*sa_sigaction)(int, siginfo_t *, void *); } __sa_handler;
  int sa_flags;
  sigset_t sa_mask;
};
#define sa_handler   __sa_handler.sa_handler
#define sa_sigaction __sa_handler.sa_sigaction

int kill(pid_t pid, int sig);
int killpg(pid_t pgrp, int sig);
int raise(int sig);
sighandler_t signal(int sig, sighandler_t handler);
int sigaction(int sig, const struct sigaction *act, struct sigaction *oact);
int sigprocmask(int how, const sigset_t *set, sigset_t *oset);
int pthread_sigmask(int how, const sigset_t *set, sigset_t *oset);
int sigpending(sigset_t *set);
int sigsuspend(const sigset_t *mask);
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);
char *strsignal(int sig);
void psignal(int sig, const char *s);
#ifdef __cplusplus
}
#endif
#endif
#endif
