/* wasmos: <poll.h> as Linux's: its event bits (kernel/abi/poll.ts) and poll and ppoll over the
 * kernel's ppoll (guests/c/lib/poll.c). wasi-libc's poll, over WASI's poll_oneoff, has other bit
 * values (POLLOUT 2, POLLHUP 0x2000), no POLLHUP, POLLERR or POLLNVAL as Linux gives them, and no
 * ppoll. struct pollfd is the same on both. */
#ifndef _WASMOS_POLL_H
#define _WASMOS_POLL_H
#define _POLL_H
#define __wasilibc___header_poll_h
#include <wasmos/abi.h>
#include <__struct_pollfd.h>
#include <__typedef_nfds_t.h>
#include <__typedef_sigset_t.h>
#include <__struct_timespec.h>
#ifdef __cplusplus
extern "C" {
#endif
#define POLLIN     __WASMOS_POLLIN
#define POLLPRI    __WASMOS_POLLPRI
#define POLLOUT    __WASMOS_POLLOUT
#define POLLERR    __WASMOS_POLLERR
#define POLLHUP    __WASMOS_POLLHUP
#define POLLNVAL   __WASMOS_POLLNVAL
#define POLLRDNORM __WASMOS_POLLRDNORM
#define POLLRDBAND __WASMOS_POLLRDBAND
#define POLLWRNORM __WASMOS_POLLWRNORM
#define POLLWRBAND __WASMOS_POLLWRBAND
#define POLLMSG    __WASMOS_POLLMSG
#define POLLRDHUP  __WASMOS_POLLRDHUP
int poll(struct pollfd *fds, nfds_t n, int timeout);
int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout, const sigset_t *mask);
#ifdef __cplusplus
}
#endif
#endif
