/* wasmos: <sys/wait.h> (wasi-libc has none): wait4, waitpid, wait (guests/c/lib/process.c) and the
 * status decoders. A status is Linux's: an exit is code << 8, a kill the signal number. */
#ifndef _SYS_WAIT_H
#define _SYS_WAIT_H
#include <wasmos/abi.h>
#define __NEED_pid_t
#include <bits/alltypes.h>
#ifdef __cplusplus
extern "C" {
#endif

#define WNOHANG    __WASMOS_WNOHANG
#define WUNTRACED  __WASMOS_WUNTRACED
#define WEXITED    __WASMOS_WEXITED
#define WCONTINUED __WASMOS_WCONTINUED
#define WNOWAIT    __WASMOS_WNOWAIT

#define WEXITSTATUS(s) (((s) & 0xff00) >> 8)
#define WTERMSIG(s)    ((s) & 0x7f)
#define WIFEXITED(s)   (!WTERMSIG(s))
#define WIFSIGNALED(s) (((s) & 0xffff) - 1U < 0xffu)
#define WSTOPSIG(s)    WEXITSTATUS(s)
#define WIFSTOPPED(s)  ((short)((((s) & 0xffff) * 0x10001U) >> 8) > 0x7f00)
#define WIFCONTINUED(s) ((s) == 0xffff)
#define WCOREDUMP(s)   ((s) & 0x80)

struct rusage;
pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru);
pid_t waitpid(pid_t pid, int *status, int options);
pid_t wait(int *status);

#ifdef __cplusplus
}
#endif
#endif
