/* wasmos: <sys/resource.h> with Linux's resource limits (wasi-libc's header has none unless process
 * clocks are emulated): struct rlimit (two 64-bit fields, the kernel's rlimit64), the RLIMIT_*
 * numbers of kernel/abi/resource.ts, and getrlimit, setrlimit, prlimit over the kernel's prlimit64
 * (guests/c/lib/rlimit.c). getrusage and the priorities are not here. */
#ifndef _SYS_RESOURCE_H
#define _SYS_RESOURCE_H
#include <wasmos/abi.h>
#define __NEED_pid_t
#include <bits/alltypes.h>
#ifdef __cplusplus
extern "C" {
#endif

typedef unsigned long long rlim_t;
struct rlimit { rlim_t rlim_cur; rlim_t rlim_max; };

#define RLIM_INFINITY (~0ULL)
#define RLIMIT_CPU        __WASMOS_RLIMIT_CPU
#define RLIMIT_FSIZE      __WASMOS_RLIMIT_FSIZE
#define RLIMIT_DATA       __WASMOS_RLIMIT_DATA
#define RLIMIT_STACK      __WASMOS_RLIMIT_STACK
#define RLIMIT_CORE       __WASMOS_RLIMIT_CORE
#define RLIMIT_RSS        __WASMOS_RLIMIT_RSS
#define RLIMIT_NPROC      __WASMOS_RLIMIT_NPROC
#define RLIMIT_NOFILE     __WASMOS_RLIMIT_NOFILE
#define RLIMIT_MEMLOCK    __WASMOS_RLIMIT_MEMLOCK
#define RLIMIT_AS         __WASMOS_RLIMIT_AS
#define RLIMIT_LOCKS      __WASMOS_RLIMIT_LOCKS
#define RLIMIT_SIGPENDING __WASMOS_RLIMIT_SIGPENDING
#define RLIMIT_MSGQUEUE   __WASMOS_RLIMIT_MSGQUEUE
#define RLIMIT_NICE       __WASMOS_RLIMIT_NICE
#define RLIMIT_RTPRIO     __WASMOS_RLIMIT_RTPRIO
#define RLIMIT_RTTIME     __WASMOS_RLIMIT_RTTIME
#define RLIMIT_NLIMITS    __WASMOS_RLIM_NLIMITS
#define RLIM_NLIMITS      RLIMIT_NLIMITS

int getrlimit(int resource, struct rlimit *rl);
int setrlimit(int resource, const struct rlimit *rl);
int prlimit(pid_t pid, int resource, const struct rlimit *new_limit, struct rlimit *old_limit);

#ifdef __cplusplus
}
#endif
#endif
