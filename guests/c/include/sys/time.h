/* wasmos: wasi-libc's <sys/time.h> plus the interval timers WASI lacks (guests/c/lib/signal.c):
 * ITIMER_REAL sends SIGALRM on the machine's clock; the CPU-time timers are ENOSYS. */
#ifndef _WASMOS_SYS_TIME_H
#define _WASMOS_SYS_TIME_H
#include_next <sys/time.h>
#include <wasmos/abi.h>
#ifdef __cplusplus
extern "C" {
#endif
#define ITIMER_REAL    __WASMOS_ITIMER_REAL
#define ITIMER_VIRTUAL __WASMOS_ITIMER_VIRTUAL
#define ITIMER_PROF    __WASMOS_ITIMER_PROF
struct itimerval { struct timeval it_interval, it_value; };   /* the kernel's layout: 64-bit fields */
int getitimer(int which, struct itimerval *value);
int setitimer(int which, const struct itimerval *value, struct itimerval *old);
#ifdef __cplusplus
}
#endif
#endif
