// Sockets (<sys/socket.h>): each call is the Linux system call of its name; send and recv are
// sendto and recvfrom without an address, as Linux's C library makes them.
// Interface: socket, socketpair, connect, bind, listen, accept, accept4, send, recv, sendto,
//            recvfrom, sendmsg, recvmsg, setsockopt, getsockopt, shutdown, getsockname, getpeername.
#include <sys/socket.h>
#include <wasmos/syscall.h>

#define P __WASMOS_P

int socket(int domain, int type, int protocol) { return __wasmos_syscall(__WASMOS_SYS_socket, domain, type, protocol, 0, 0, 0); }

int socketpair(int domain, int type, int protocol, int fds[2]) {
  return __wasmos_syscall(__WASMOS_SYS_socketpair, domain, type, protocol, P(fds), 0, 0);
}

int connect(int fd, const struct sockaddr *a, socklen_t n) { return __wasmos_syscall(__WASMOS_SYS_connect, fd, P(a), n, 0, 0, 0); }

int bind(int fd, const struct sockaddr *a, socklen_t n) { return __wasmos_syscall(__WASMOS_SYS_bind, fd, P(a), n, 0, 0, 0); }

int listen(int fd, int backlog) { return __wasmos_syscall(__WASMOS_SYS_listen, fd, backlog, 0, 0, 0, 0); }

int accept(int fd, struct sockaddr *a, socklen_t *n) { return __wasmos_syscall(__WASMOS_SYS_accept, fd, P(a), P(n), 0, 0, 0); }

// The kernel has accept but not accept4: the flags are applied to the new socket with fcntl.
int accept4(int fd, struct sockaddr *a, socklen_t *n, int flags) {
  int s = accept(fd, a, n);
  if (s < 0) return s;
  if (flags & SOCK_NONBLOCK) {
    long long fl = __wasmos_syscall(__WASMOS_SYS_fcntl, s, __WASMOS_F_GETFL, 0, 0, 0, 0);
    __wasmos_syscall(__WASMOS_SYS_fcntl, s, __WASMOS_F_SETFL, fl | __WASMOS_O_NONBLOCK, 0, 0, 0);
  }
  if (flags & SOCK_CLOEXEC) __wasmos_syscall(__WASMOS_SYS_fcntl, s, __WASMOS_F_SETFD, __WASMOS_FD_CLOEXEC, 0, 0, 0);
  return s;
}

ssize_t send(int fd, const void *buf, size_t len, int flags) { return sendto(fd, buf, len, flags, 0, 0); }

ssize_t recv(int fd, void *buf, size_t len, int flags) { return recvfrom(fd, buf, len, flags, 0, 0); }

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *a, socklen_t n) {
  return __wasmos_syscall(__WASMOS_SYS_sendto, fd, P(buf), len, flags, P(a), n);
}

ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *a, socklen_t *n) {
  return __wasmos_syscall(__WASMOS_SYS_recvfrom, fd, P(buf), len, flags, P(a), P(n));
}

ssize_t sendmsg(int fd, const struct msghdr *m, int flags) { return __wasmos_syscall(__WASMOS_SYS_sendmsg, fd, P(m), flags, 0, 0, 0); }

ssize_t recvmsg(int fd, struct msghdr *m, int flags) { return __wasmos_syscall(__WASMOS_SYS_recvmsg, fd, P(m), flags, 0, 0, 0); }

int setsockopt(int fd, int level, int name, const void *v, socklen_t n) {
  return __wasmos_syscall(__WASMOS_SYS_setsockopt, fd, level, name, P(v), n, 0);
}

int getsockopt(int fd, int level, int name, void *v, socklen_t *n) {
  return __wasmos_syscall(__WASMOS_SYS_getsockopt, fd, level, name, P(v), P(n), 0);
}

int shutdown(int fd, int how) { return __wasmos_syscall(__WASMOS_SYS_shutdown, fd, how, 0, 0, 0, 0); }

int getsockname(int fd, struct sockaddr *a, socklen_t *n) { return __wasmos_syscall(__WASMOS_SYS_getsockname, fd, P(a), P(n), 0, 0, 0); }

int getpeername(int fd, struct sockaddr *a, socklen_t *n) { return __wasmos_syscall(__WASMOS_SYS_getpeername, fd, P(a), P(n), 0, 0, 0); }
