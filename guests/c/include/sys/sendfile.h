/* wasmos: sendfile(2), as Linux's <sys/sendfile.h> (guests/c/lib/splice.c).
 * Copies count bytes from in_fd (a file) to out_fd (a socket, pipe or file) inside the kernel:
 * one system call, no copy through the program's memory. offset NULL: from in_fd's position,
 * which advances; else from *offset, which is updated and the position is left alone. */
#ifndef _SYS_SENDFILE_H
#define _SYS_SENDFILE_H
#define __NEED_ssize_t
#define __NEED_size_t
#define __NEED_off_t
#include <bits/alltypes.h>
#ifdef __cplusplus
extern "C" {
#endif
ssize_t sendfile(int out_fd, int in_fd, off_t *offset, size_t count);
#ifdef __cplusplus
}
#endif
#endif
