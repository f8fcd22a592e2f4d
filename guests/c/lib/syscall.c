// The C library's door to the kernel: the import kernel.syscall, errno from Linux's negative
// returns, and the translation of <fcntl.h>'s open flags (wasi-libc's values) into Linux's.
// Interface: __wasmos_syscall, __wasmos_errno, __wasmos_oflags (see <wasmos/syscall.h>).
#include <errno.h>
#include <fcntl.h>
#include <wasmos/syscall.h>

int __wasmos_errno(int linux_errno) {
#include <wasmos/errno-map.h>
  return EIO;
}

long long __wasmos_syscall(int nr, long long a0, long long a1, long long a2, long long a3, long long a4, long long a5) {
  long long r = __wasmos_kernel_syscall(nr, a0, a1, a2, a3, a4, a5);
  if (r < 0 && r >= -4095) {
    errno = __wasmos_errno((int)-r);
    return -1;
  }
  return r;
}

// Each flag of wasi-libc's <fcntl.h> (plus our O_DIRECT and O_CLOEXEC) -> the Linux flag of that name.
int __wasmos_oflags(int flags) {
  int out = 0;
  switch (flags & O_ACCMODE) {
    case O_WRONLY: out = __WASMOS_O_WRONLY; break;
    case O_RDWR: out = __WASMOS_O_RDWR; break;
    default: out = __WASMOS_O_RDONLY; break;
  }
  static const int map[][2] = {
    { O_APPEND, __WASMOS_O_APPEND }, { O_DSYNC, __WASMOS_O_DSYNC }, { O_NONBLOCK, __WASMOS_O_NONBLOCK },
    { O_SYNC, __WASMOS_O_SYNC }, { O_CREAT, __WASMOS_O_CREAT }, { O_DIRECTORY, __WASMOS_O_DIRECTORY },
    { O_EXCL, __WASMOS_O_EXCL }, { O_TRUNC, __WASMOS_O_TRUNC }, { O_NOFOLLOW, __WASMOS_O_NOFOLLOW },
    { O_DIRECT, __WASMOS_O_DIRECT }, { O_CLOEXEC, __WASMOS_O_CLOEXEC },
  };
  for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
    if ((flags & map[i][0]) == map[i][0]) out |= map[i][1];
  return out;
}
