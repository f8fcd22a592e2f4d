// Memory mappings (<sys/mman.h>): anonymous and file-backed, shared and private.
// Interface: mmap, munmap, mprotect, msync, madvise.
#include <sys/mman.h>
#include <wasmos/syscall.h>

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off) {
  long long r = __wasmos_syscall(__WASMOS_SYS_mmap, __WASMOS_P(addr), len, prot, flags, fd, off);
  return r < 0 ? MAP_FAILED : (void *)(unsigned long)r;
}

int munmap(void *addr, size_t len) {
  return __wasmos_syscall(__WASMOS_SYS_munmap, __WASMOS_P(addr), len, 0, 0, 0, 0);
}

int mprotect(void *addr, size_t len, int prot) {
  return __wasmos_syscall(__WASMOS_SYS_mprotect, __WASMOS_P(addr), len, prot, 0, 0, 0);
}

int msync(void *addr, size_t len, int flags) {
  return __wasmos_syscall(__WASMOS_SYS_msync, __WASMOS_P(addr), len, flags, 0, 0, 0);
}

int madvise(void *addr, size_t len, int advice) {
  return __wasmos_syscall(__WASMOS_SYS_madvise, __WASMOS_P(addr), len, advice, 0, 0, 0);
}
