/* wasmos: wasi-libc's <unistd.h> plus the process and descriptor calls WASI lacks
 * (guests/c/lib/process.c): fork, execve, execv, getpid, getppid; pipe, pipe2, dup, dup2, dup3 on
 * the kernel's fd table, the same table wasi-libc's read and write use. getpid is the kernel's
 * (wasi-libc's header would mark it deprecated: we declare it the way its emulation does); alarm and
 * pause (guests/c/lib/signal.c). */
#ifndef _WASMOS_UNISTD_H
#define _WASMOS_UNISTD_H
#ifndef _WASI_EMULATED_GETPID
#define _WASI_EMULATED_GETPID 1
#endif
#include_next <unistd.h>
#ifdef __cplusplus
extern "C" {
#endif
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int dup(int fd);
int dup2(int oldfd, int newfd);
int dup3(int oldfd, int newfd, int flags);
pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
pid_t getppid(void);
unsigned alarm(unsigned seconds);
int pause(void);
#ifdef __cplusplus
}
#endif
#endif
