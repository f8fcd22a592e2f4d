// The in-kernel transfer calls: sendfile, splice, tee, vmsplice (<sys/sendfile.h>, <fcntl.h>).
// Interface: sendfile, splice, tee, vmsplice.
#include <fcntl.h>
#include <sys/sendfile.h>
#include <wasmos/syscall.h>

ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count) {
  return __wasmos_syscall(__WASMOS_SYS_sendfile, out_fd, in_fd, __WASMOS_P(offset), count, 0, 0);
}

ssize_t splice(int fd_in, off_t *off_in, int fd_out, off_t *off_out, size_t len, unsigned flags) {
  return __wasmos_syscall(__WASMOS_SYS_splice, fd_in, __WASMOS_P(off_in), fd_out, __WASMOS_P(off_out), len, flags);
}

ssize_t tee(int fd_in, int fd_out, size_t len, unsigned flags) {
  return __wasmos_syscall(__WASMOS_SYS_tee, fd_in, fd_out, len, flags, 0, 0);
}

ssize_t vmsplice(int fd, const struct iovec *iov, size_t nr_segs, unsigned flags) {
  return __wasmos_syscall(__WASMOS_SYS_vmsplice, fd, __WASMOS_P(iov), nr_segs, flags, 0, 0);
}
