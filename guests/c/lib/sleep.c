// nanosleep() as Linux's: the kernel's nanosleep, so a signal handler interrupts it with EINTR and
// the time left (wasi-libc's sleeps in poll_oneoff and reports any interruption as ENOTSUP). sleep
// and usleep call it too. `wasmos build` links with --wrap=nanosleep, so every call lands here.
// Interface: __wrap_nanosleep.
#include <time.h>
#include <wasmos/syscall.h>

// Linux's timespec is two 64-bit fields; wasi-libc's has a 32-bit tv_nsec: copy across.
int __wrap_nanosleep(const struct timespec *req, struct timespec *rem) {
  long long in[2] = { req->tv_sec, req->tv_nsec }, out[2] = { 0, 0 };
  long long r = __wasmos_syscall(__WASMOS_SYS_nanosleep, __WASMOS_P(in), __WASMOS_P(out), 0, 0, 0, 0);
  if (r < 0 && rem) { rem->tv_sec = out[0]; rem->tv_nsec = out[1]; }
  return r;
}
