// Processes and descriptors (<unistd.h>, <sys/wait.h>, <signal.h>): fork is clone(SIGCHLD), as on
// Linux; pipe2/dup3 take <fcntl.h>'s O_CLOEXEC and O_NONBLOCK.
// Interface: fork, execve, execv, getpid, getppid, wait4, waitpid, wait, kill,
//            pipe, pipe2, dup, dup2, dup3 (raise and the other signal calls: signal.c).
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <wasmos/syscall.h>

extern char **environ;

pid_t fork(void) { return __wasmos_syscall(__WASMOS_SYS_clone, __WASMOS_SIGCHLD, 0, 0, 0, 0, 0); }

// A relative path is the kernel's to resolve: its working directory is the program's (lib/cwd.c).
int execve(const char *path, char *const argv[], char *const envp[]) {
  return __wasmos_syscall(__WASMOS_SYS_execve, __WASMOS_P(path), __WASMOS_P(argv), __WASMOS_P(envp), 0, 0, 0);
}

int execv(const char *path, char *const argv[]) { return execve(path, argv, environ); }

pid_t getpid(void) { return __wasmos_syscall(__WASMOS_SYS_getpid, 0, 0, 0, 0, 0, 0); }

pid_t getppid(void) { return __wasmos_syscall(__WASMOS_SYS_getppid, 0, 0, 0, 0, 0, 0); }

pid_t wait4(pid_t pid, int *status, int options, struct rusage *ru) {
  return __wasmos_syscall(__WASMOS_SYS_wait4, pid, __WASMOS_P(status), options, __WASMOS_P(ru), 0, 0);
}

pid_t waitpid(pid_t pid, int *status, int options) { return wait4(pid, status, options, 0); }

pid_t wait(int *status) { return wait4(__WASMOS_WAIT_ANY, status, 0, 0); }

int kill(pid_t pid, int sig) { return __wasmos_syscall(__WASMOS_SYS_kill, pid, sig, 0, 0, 0, 0); }

int pipe2(int fds[2], int flags) {
  return __wasmos_syscall(__WASMOS_SYS_pipe2, __WASMOS_P(fds), __wasmos_oflags(flags) & ~__WASMOS_O_ACCMODE, 0, 0, 0, 0);
}

int pipe(int fds[2]) { return pipe2(fds, 0); }

int dup(int fd) { return __wasmos_syscall(__WASMOS_SYS_dup, fd, 0, 0, 0, 0, 0); }

int dup3(int oldfd, int newfd, int flags) {
  return __wasmos_syscall(__WASMOS_SYS_dup3, oldfd, newfd, __wasmos_oflags(flags) & ~__WASMOS_O_ACCMODE, 0, 0, 0);
}

// dup2(fd, fd) is fd when fd is open (dup3 would say EINVAL), as Linux's dup2.
int dup2(int oldfd, int newfd) {
  if (oldfd == newfd) return __wasmos_syscall(__WASMOS_SYS_fcntl, oldfd, __WASMOS_F_GETFD, 0, 0, 0, 0) < 0 ? -1 : newfd;
  return dup3(oldfd, newfd, 0);
}
