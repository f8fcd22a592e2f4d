// lseek() as Linux's: the kernel's lseek, not WASI's fd_seek, which must refuse a directory (BADF:
// WASI directories have no seek right, and the WASI conformance suite checks it) where Linux's
// lseek moves a directory's position. wasi-libc's <unistd.h> turns lseek(fd, 0, SEEK_CUR) into
// __wasilibc_tell (fd_tell), so that is wrapped too. `wasmos build` links with --wrap=lseek
// --wrap=__wasilibc_tell, so a program's calls land here (wasi-libc's own stdio keeps fd_seek).
// Interface: __wrap_lseek, __wrap___wasilibc_tell.
#include <unistd.h>
#include <wasmos/syscall.h>

off_t __wrap_lseek(int fd, off_t off, int whence) {
  return __wasmos_syscall(__WASMOS_SYS_lseek, fd, off, whence, 0, 0, 0);
}

off_t __wrap___wasilibc_tell(int fd) {
  return __wasmos_syscall(__WASMOS_SYS_lseek, fd, 0, SEEK_CUR, 0, 0, 0);
}
