/* wasmos: wasi-libc's <fcntl.h> plus the Linux calls and flags WASI lacks.
 *
 * Added: splice, tee, vmsplice (guests/c/lib/splice.c) with SPLICE_F_*; O_DIRECT (the file is
 * read and written by disk DMA straight to and from the buffer, bypassing the page cache) and a
 * real O_CLOEXEC (wasi-libc's is 0). open() and openat() (guests/c/lib/open.c) pass both on to
 * the kernel; pipe2 and dup3 take O_CLOEXEC and O_NONBLOCK. fcntl's F_DUPFD, F_DUPFD_CLOEXEC,
 * F_GETFD, F_SETFD, the pipe size commands and the lease commands (F_SETLEASE, F_GETLEASE,
 * F_SETSIG, F_GETSIG) reach the kernel (guests/c/lib/fcntl.c). The values below are bits wasi-libc's
 * flags leave free; the library turns them into Linux's (kernel/abi/fcntl.ts).
 */
#ifndef _WASMOS_FCNTL_H
#define _WASMOS_FCNTL_H
#include_next <fcntl.h>
#include <sys/stat.h>    /* Linux's S_IFIFO over wasi-libc's (include/sys/stat.h) */
#include <wasmos/abi.h>

#define __NEED_ssize_t
#define __NEED_size_t
#define __NEED_off_t
#define __NEED_struct_iovec
#include <bits/alltypes.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Two bits wasi-libc's open() flags leave free (not Linux's numbers: those are __WASMOS_O_*). */
#define __WASMOS_WASI_O_CLOEXEC 0x40000000
#define __WASMOS_WASI_O_DIRECT  0x20000000
#undef O_CLOEXEC
#define O_CLOEXEC __WASMOS_WASI_O_CLOEXEC
#define O_DIRECT  __WASMOS_WASI_O_DIRECT

/* fcntl commands on the descriptor table (guests/c/lib/fcntl.c sends them to the kernel). */
#ifndef F_DUPFD
#define F_DUPFD      __WASMOS_F_DUPFD
#endif
#define F_GETPIPE_SZ __WASMOS_F_GETPIPE_SZ
#define F_SETPIPE_SZ __WASMOS_F_SETPIPE_SZ

/* File leases (kernel/lease.ts, docs/zero-copy.md): Linux's commands and types, sent to the kernel. */
#undef F_SETLEASE
#undef F_GETLEASE
#define F_SETLEASE __WASMOS_F_SETLEASE
#define F_GETLEASE __WASMOS_F_GETLEASE
#define F_SETSIG   __WASMOS_F_SETSIG
#define F_GETSIG   __WASMOS_F_GETSIG
#ifndef F_RDLCK
#define F_RDLCK __WASMOS_F_RDLCK
#define F_WRLCK __WASMOS_F_WRLCK
#define F_UNLCK __WASMOS_F_UNLCK
#endif

/* fstatat(fd, "", st, AT_EMPTY_PATH): the stat of fd itself (guests/c/lib/stat.c); a bit wasi-libc's
 * AT_* flags leave free, Linux's own value. */
#ifndef AT_EMPTY_PATH
#define AT_EMPTY_PATH __WASMOS_AT_EMPTY_PATH
#endif

#define SPLICE_F_MOVE     __WASMOS_SPLICE_F_MOVE
#define SPLICE_F_NONBLOCK __WASMOS_SPLICE_F_NONBLOCK
#define SPLICE_F_MORE     __WASMOS_SPLICE_F_MORE
#define SPLICE_F_GIFT     __WASMOS_SPLICE_F_GIFT

ssize_t splice(int fd_in, off_t *off_in, int fd_out, off_t *off_out, size_t len, unsigned flags);
ssize_t tee(int fd_in, int fd_out, size_t len, unsigned flags);
ssize_t vmsplice(int fd, const struct iovec *iov, size_t nr_segs, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif
