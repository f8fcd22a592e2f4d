/* wasmos: <signal.h>. Without -D_WASI_EMULATED_SIGNAL (wasi-libc's in-process emulation), this gives
 * Linux's signal numbers (kernel/abi/signals.ts) and kill(2) (guests/c/lib/process.c): signals
 * sent between processes by the kernel. */
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
#define SIGHUP  __WASMOS_SIGHUP
#define SIGINT  __WASMOS_SIGINT
#define SIGQUIT __WASMOS_SIGQUIT
#define SIGILL  __WASMOS_SIGILL
#define SIGTRAP __WASMOS_SIGTRAP
#define SIGABRT __WASMOS_SIGABRT
#define SIGBUS  __WASMOS_SIGBUS
#define SIGFPE  __WASMOS_SIGFPE
#define SIGKILL __WASMOS_SIGKILL
#define SIGUSR1 __WASMOS_SIGUSR1
#define SIGSEGV __WASMOS_SIGSEGV
#define SIGUSR2 __WASMOS_SIGUSR2
#define SIGPIPE __WASMOS_SIGPIPE
#define SIGALRM __WASMOS_SIGALRM
#define SIGTERM __WASMOS_SIGTERM
#define SIGCHLD __WASMOS_SIGCHLD
#define SIGXCPU __WASMOS_SIGXCPU
int kill(pid_t pid, int sig);
int raise(int sig);
#ifdef __cplusplus
}
#endif
#endif
#endif
