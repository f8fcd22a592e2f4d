// epoll (<sys/epoll.h>): epoll_create, epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2, each one
// kernel call (epoll_wait is epoll_pwait without a mask, as musl does it on asm-generic).
// Interface: the six functions of <sys/epoll.h>.
#include <errno.h>
#include <time.h>
#include <sys/epoll.h>
#include <wasmos/syscall.h>

_Static_assert(sizeof(struct epoll_event) == __WASMOS_EPOLL_EVENT_SIZE, "struct epoll_event: kernel/abi/epoll.ts");

int epoll_create(int size) {
  if (size <= 0) { errno = EINVAL; return -1; }
  return epoll_create1(0);
}

int epoll_create1(int flags) {
  return __wasmos_syscall(__WASMOS_SYS_epoll_create1, flags, 0, 0, 0, 0, 0);
}

int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event) {
  return __wasmos_syscall(__WASMOS_SYS_epoll_ctl, epfd, op, fd, __WASMOS_P(event), 0, 0);
}

int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *sigmask) {
  return __wasmos_syscall(__WASMOS_SYS_epoll_pwait, epfd, __WASMOS_P(events), maxevents, timeout,
                          __WASMOS_P(sigmask), __WASMOS_EP_SIGSET_SIZE);
}

int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout) {
  return epoll_pwait(epfd, events, maxevents, timeout, 0);
}

// The kernel's timespec has a 64-bit tv_nsec (kernel/abi/time.ts); wasi-libc's is a long: copied over.
struct kernel_timespec { long long tv_sec, tv_nsec; };
_Static_assert(sizeof(struct kernel_timespec) == __WASMOS_TIMESPEC_SIZE, "timespec: kernel/abi/time.ts");

int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout,
                 const sigset_t *sigmask) {
  struct kernel_timespec k;
  if (timeout) { k.tv_sec = timeout->tv_sec; k.tv_nsec = timeout->tv_nsec; }
  return __wasmos_syscall(__WASMOS_SYS_epoll_pwait2, epfd, __WASMOS_P(events), maxevents, timeout ? __WASMOS_P(&k) : 0,
                          __WASMOS_P(sigmask), __WASMOS_EP_SIGSET_SIZE);
}
