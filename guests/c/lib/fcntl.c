// fcntl() for the commands that act on the descriptor table itself, which WASI cannot express:
// F_DUPFD and F_DUPFD_CLOEXEC (a copy at the lowest free number >= arg), F_GETFD/F_SETFD (the real
// close-on-exec bit: wasi-libc answers FD_CLOEXEC for any number, even a closed one), the
// pipe size commands, and file leases (F_SETLEASE, F_GETLEASE, F_SETSIG, F_GETSIG: kernel/lease.ts). They go to the kernel's fcntl; F_GETFL/F_SETFL and the rest stay wasi-libc's,
// whose flag values differ from Linux's. `wasmos build` links with --wrap=fcntl.
// Interface: __wrap_fcntl.
#include <fcntl.h>
#include <stdarg.h>
#include <wasmos/syscall.h>

int __real_fcntl(int fd, int cmd, ...);

static int kernelCommand(int cmd) {
  return cmd == __WASMOS_F_DUPFD || cmd == __WASMOS_F_DUPFD_CLOEXEC || cmd == __WASMOS_F_GETFD ||
    cmd == __WASMOS_F_SETFD || cmd == __WASMOS_F_GETPIPE_SZ || cmd == __WASMOS_F_SETPIPE_SZ ||
    cmd == __WASMOS_F_SETLEASE || cmd == __WASMOS_F_GETLEASE || cmd == __WASMOS_F_SETSIG || cmd == __WASMOS_F_GETSIG;
}

int __wrap_fcntl(int fd, int cmd, ...) {
  va_list ap;
  va_start(ap, cmd);
  int arg = va_arg(ap, int);
  va_end(ap);
  if (kernelCommand(cmd)) return __wasmos_syscall(__WASMOS_SYS_fcntl, fd, cmd, arg, 0, 0, 0);
  return __real_fcntl(fd, cmd, arg);
}
