/* wasmos: <sys/socket.h> with Linux's sockets (replaces wasi-libc's, whose numbers are WASI's).
 * TCP over the virtual NIC: socket, connect, bind, listen, accept, accept4, send/recv, sendto/
 * recvfrom, sendmsg/recvmsg (MSG_ZEROCOPY, MSG_ERRQUEUE), setsockopt/getsockopt, shutdown,
 * getsockname/getpeername (guests/c/lib/socket.c). Every number is Linux's, from
 * kernel/abi/socket.ts; the structures are wasi-libc's (their layout is Linux's wasm32 one). */
#ifndef _SYS_SOCKET_H
#define _SYS_SOCKET_H
#define __wasilibc___header_sys_socket_h   /* keep wasi-libc's WASI-numbered constants out */
#include <wasmos/abi.h>
#define __NEED_socklen_t
#define __NEED_sa_family_t
#define __NEED_size_t
#define __NEED_ssize_t
#define __NEED_struct_iovec
#include <bits/alltypes.h>
#include <__struct_msghdr.h>
#include <__struct_sockaddr.h>
#include <__struct_sockaddr_storage.h>
#ifdef __cplusplus
extern "C" {
#endif

struct cmsghdr { socklen_t cmsg_len; int cmsg_level; int cmsg_type; };
#define CMSG_ALIGN(n)   (((n) + sizeof(size_t) - 1) & ~(sizeof(size_t) - 1))
#define CMSG_DATA(c)    ((unsigned char *)((struct cmsghdr *)(c) + 1))
#define CMSG_FIRSTHDR(m) ((size_t)(m)->msg_controllen >= sizeof(struct cmsghdr) ? (struct cmsghdr *)(m)->msg_control : (struct cmsghdr *)0)
#define CMSG_SPACE(n)   (CMSG_ALIGN(n) + CMSG_ALIGN(sizeof(struct cmsghdr)))
#define CMSG_LEN(n)     (CMSG_ALIGN(sizeof(struct cmsghdr)) + (n))

#define AF_UNSPEC __WASMOS_AF_UNSPEC
#define AF_UNIX   __WASMOS_AF_UNIX
#define AF_INET   __WASMOS_AF_INET
#define AF_INET6  __WASMOS_AF_INET6
#define PF_UNSPEC AF_UNSPEC
#define PF_UNIX   AF_UNIX
#define PF_INET   AF_INET
#define PF_INET6  AF_INET6

#define SOCK_STREAM    __WASMOS_SOCK_STREAM
#define SOCK_DGRAM     __WASMOS_SOCK_DGRAM
#define SOCK_RAW       __WASMOS_SOCK_RAW
#define SOCK_SEQPACKET __WASMOS_SOCK_SEQPACKET
#define SOCK_NONBLOCK  __WASMOS_SOCK_NONBLOCK
#define SOCK_CLOEXEC   __WASMOS_SOCK_CLOEXEC

#define SOL_SOCKET   __WASMOS_SOL_SOCKET
#define SO_DEBUG     __WASMOS_SO_DEBUG
#define SO_REUSEADDR __WASMOS_SO_REUSEADDR
#define SO_TYPE      __WASMOS_SO_TYPE
#define SO_ERROR     __WASMOS_SO_ERROR
#define SO_BROADCAST __WASMOS_SO_BROADCAST
#define SO_SNDBUF    __WASMOS_SO_SNDBUF
#define SO_RCVBUF    __WASMOS_SO_RCVBUF
#define SO_KEEPALIVE __WASMOS_SO_KEEPALIVE
#define SO_LINGER    __WASMOS_SO_LINGER
#define SO_REUSEPORT __WASMOS_SO_REUSEPORT
#define SO_RCVLOWAT  __WASMOS_SO_RCVLOWAT
#define SO_SNDLOWAT  __WASMOS_SO_SNDLOWAT
#define SO_ZEROCOPY  __WASMOS_SO_ZEROCOPY

#define MSG_OOB          __WASMOS_MSG_OOB
#define MSG_PEEK         __WASMOS_MSG_PEEK
#define MSG_DONTROUTE    __WASMOS_MSG_DONTROUTE
#define MSG_CTRUNC       __WASMOS_MSG_CTRUNC
#define MSG_TRUNC        __WASMOS_MSG_TRUNC
#define MSG_DONTWAIT     __WASMOS_MSG_DONTWAIT
#define MSG_EOR          __WASMOS_MSG_EOR
#define MSG_WAITALL      __WASMOS_MSG_WAITALL
#define MSG_ERRQUEUE     __WASMOS_MSG_ERRQUEUE
#define MSG_NOSIGNAL     __WASMOS_MSG_NOSIGNAL
#define MSG_MORE         __WASMOS_MSG_MORE
#define MSG_ZEROCOPY     __WASMOS_MSG_ZEROCOPY
#define MSG_CMSG_CLOEXEC __WASMOS_MSG_CMSG_CLOEXEC

#define SHUT_RD   __WASMOS_SHUT_RD
#define SHUT_WR   __WASMOS_SHUT_WR
#define SHUT_RDWR __WASMOS_SHUT_RDWR

int socket(int domain, int type, int protocol);
int socketpair(int domain, int type, int protocol, int fds[2]);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
int bind(int fd, const struct sockaddr *addr, socklen_t len);
int listen(int fd, int backlog);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags);
ssize_t send(int fd, const void *buf, size_t len, int flags);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t alen);
ssize_t recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *addr, socklen_t *alen);
ssize_t sendmsg(int fd, const struct msghdr *msg, int flags);
ssize_t recvmsg(int fd, struct msghdr *msg, int flags);
int setsockopt(int fd, int level, int name, const void *val, socklen_t len);
int getsockopt(int fd, int level, int name, void *val, socklen_t *len);
int shutdown(int fd, int how);
int getsockname(int fd, struct sockaddr *addr, socklen_t *len);
int getpeername(int fd, struct sockaddr *addr, socklen_t *len);

#ifdef __cplusplus
}
#endif
#endif
