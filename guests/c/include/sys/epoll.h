/* wasmos: <sys/epoll.h>, as Linux's (wasi-libc has none; guests/c/lib/epoll.c).
 * epoll_create1, epoll_ctl, epoll_wait, epoll_pwait, epoll_pwait2 on the kernel's epoll (docs/epoll.md). The
 * numbers are Linux's, from kernel/abi/epoll.ts. struct epoll_event is not packed (asm-generic,
 * as on arm64): 16 bytes, data at offset 8. */
#ifndef _SYS_EPOLL_H
#define _SYS_EPOLL_H
#include <stdint.h>
#include <wasmos/abi.h>
#include <__typedef_sigset_t.h>
#ifdef __cplusplus
extern "C" {
#endif

#define EPOLL_CLOEXEC  __WASMOS_EPOLL_CLOEXEC

#define EPOLL_CTL_ADD  __WASMOS_EPOLL_CTL_ADD
#define EPOLL_CTL_DEL  __WASMOS_EPOLL_CTL_DEL
#define EPOLL_CTL_MOD  __WASMOS_EPOLL_CTL_MOD

#define EPOLLIN        __WASMOS_EPOLLIN
#define EPOLLPRI       __WASMOS_EPOLLPRI
#define EPOLLOUT       __WASMOS_EPOLLOUT
#define EPOLLERR       __WASMOS_EPOLLERR
#define EPOLLHUP       __WASMOS_EPOLLHUP
#define EPOLLNVAL      __WASMOS_EPOLLNVAL
#define EPOLLRDNORM    __WASMOS_EPOLLRDNORM
#define EPOLLRDBAND    __WASMOS_EPOLLRDBAND
#define EPOLLWRNORM    __WASMOS_EPOLLWRNORM
#define EPOLLWRBAND    __WASMOS_EPOLLWRBAND
#define EPOLLMSG       __WASMOS_EPOLLMSG
#define EPOLLRDHUP     __WASMOS_EPOLLRDHUP
#define EPOLLEXCLUSIVE __WASMOS_EPOLLEXCLUSIVE
#define EPOLLWAKEUP    __WASMOS_EPOLLWAKEUP
#define EPOLLONESHOT   __WASMOS_EPOLLONESHOT
#define EPOLLET        __WASMOS_EPOLLET

typedef union epoll_data {
  void *ptr;
  int fd;
  uint32_t u32;
  uint64_t u64;
} epoll_data_t;

struct epoll_event {
  uint32_t events;
  epoll_data_t data;
};

int epoll_create(int size);
int epoll_create1(int flags);
int epoll_ctl(int epfd, int op, int fd, struct epoll_event *event);
int epoll_wait(int epfd, struct epoll_event *events, int maxevents, int timeout);
int epoll_pwait(int epfd, struct epoll_event *events, int maxevents, int timeout, const sigset_t *sigmask);
struct timespec;
int epoll_pwait2(int epfd, struct epoll_event *events, int maxevents, const struct timespec *timeout,
                 const sigset_t *sigmask);

#ifdef __cplusplus
}
#endif
#endif
