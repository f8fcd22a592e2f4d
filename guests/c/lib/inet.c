// inet_pton and inet_ntop with <sys/socket.h>'s AF_INET (Linux's number): wasi-libc's own were
// compiled with WASI's AF_INET and would refuse ours. IPv4 only, as the kernel's network stack.
// Interface: inet_pton, inet_ntop.
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <sys/socket.h>

// A dotted quad of four decimal numbers 0..255 (no leading zeros beyond "0", as glibc's inet_pton).
int inet_pton(int af, const char *restrict src, void *restrict dst) {
  if (af != AF_INET) { errno = EAFNOSUPPORT; return -1; }
  unsigned char out[4];
  for (int i = 0; i < 4; i++) {
    if (*src < '0' || *src > '9') return 0;
    unsigned v = 0;
    const char *start = src;
    while (*src >= '0' && *src <= '9' && src - start < 4) v = v * 10 + (unsigned)(*src++ - '0');
    if (v > 255 || src - start > 3 || (*start == '0' && src - start > 1)) return 0;
    out[i] = (unsigned char)v;
    if (i < 3 && *src++ != '.') return 0;
  }
  if (*src) return 0;
  for (int i = 0; i < 4; i++) ((unsigned char *)dst)[i] = out[i];
  return 1;
}

const char *inet_ntop(int af, const void *restrict src, char *restrict dst, socklen_t size) {
  if (af != AF_INET) { errno = EAFNOSUPPORT; return 0; }
  const unsigned char *a = src;
  if (snprintf(dst, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]) >= (int)size) { errno = ENOSPC; return 0; }
  return dst;
}
