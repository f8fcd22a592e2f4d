/* wasmos: <sys/mman.h> with real mappings (replaces wasi-libc's, which needs an emulation flag).
 * mmap of anonymous memory and of files, shared (stores reach the page cache and the file) and
 * private (copy-on-write); munmap, mprotect, msync, madvise (guests/c/lib/mman.c). The numbers
 * are Linux's, from kernel/abi/mman.ts. */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H
#include <wasmos/abi.h>
#define __NEED_mode_t
#define __NEED_size_t
#define __NEED_off_t
#include <bits/alltypes.h>
#ifdef __cplusplus
extern "C" {
#endif

#define MAP_FAILED ((void *) -1)

#define PROT_NONE  __WASMOS_PROT_NONE
#define PROT_READ  __WASMOS_PROT_READ
#define PROT_WRITE __WASMOS_PROT_WRITE
#define PROT_EXEC  __WASMOS_PROT_EXEC

#define MAP_SHARED          __WASMOS_MAP_SHARED
#define MAP_PRIVATE         __WASMOS_MAP_PRIVATE
#define MAP_SHARED_VALIDATE __WASMOS_MAP_SHARED_VALIDATE
#define MAP_TYPE            __WASMOS_MAP_TYPE
#define MAP_FIXED           __WASMOS_MAP_FIXED
#define MAP_ANONYMOUS       __WASMOS_MAP_ANONYMOUS
#define MAP_ANON            MAP_ANONYMOUS
#define MAP_NORESERVE       __WASMOS_MAP_NORESERVE
#define MAP_POPULATE        __WASMOS_MAP_POPULATE
#define MAP_FIXED_NOREPLACE __WASMOS_MAP_FIXED_NOREPLACE

#define MS_ASYNC      __WASMOS_MS_ASYNC
#define MS_INVALIDATE __WASMOS_MS_INVALIDATE
#define MS_SYNC       __WASMOS_MS_SYNC

#define MADV_NORMAL     __WASMOS_MADV_NORMAL
#define MADV_RANDOM     __WASMOS_MADV_RANDOM
#define MADV_SEQUENTIAL __WASMOS_MADV_SEQUENTIAL
#define MADV_WILLNEED   __WASMOS_MADV_WILLNEED
#define MADV_DONTNEED   __WASMOS_MADV_DONTNEED

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);
int msync(void *addr, size_t len, int flags);
int madvise(void *addr, size_t len, int advice);

#ifdef __cplusplus
}
#endif
#endif
