// poll() and ppoll() as Linux's: the kernel's ppoll, with <poll.h>'s Linux event bits
// (guests/c/include/poll.h). poll's timeout in ms becomes ppoll's timespec (negative: none).
// `wasmos build` links with --wrap=poll, so a program's poll lands here, not wasi-libc's.
// Interface: __wrap_poll, ppoll.
#include <poll.h>
#include <wasmos/syscall.h>

#define NS_PER_MS 1000000LL
#define NS_PER_S 1000000000LL

// Linux's timespec is two 64-bit fields; wasi-libc's has a 32-bit tv_nsec.
static long long kernelPpoll(struct pollfd *fds, nfds_t n, long long sec, long long nsec, int forever, const sigset_t *mask) {
  long long ts[2] = { sec, nsec };
  return __wasmos_syscall(__WASMOS_SYS_ppoll, __WASMOS_P(fds), n, forever ? 0 : __WASMOS_P(ts),
                          __WASMOS_P(mask), mask ? sizeof *mask : 0, 0);
}

int __wrap_poll(struct pollfd *fds, nfds_t n, int timeout) {
  return kernelPpoll(fds, n, timeout / 1000, (timeout % 1000) * NS_PER_MS, timeout < 0, 0);
}

int ppoll(struct pollfd *fds, nfds_t n, const struct timespec *timeout, const sigset_t *mask) {
  if (!timeout) return kernelPpoll(fds, n, 0, 0, 1, mask);
  return kernelPpoll(fds, n, timeout->tv_sec, timeout->tv_nsec, 0, mask);
}
