/* epollecho: a line echo server that serves many connections at once with one epoll and no
 * threads. Each connection is nonblocking and edge triggered (EPOLLET): on an event it is read
 * until EAGAIN, every complete line answered with "<connection number>: <line>"; a connection
 * that stays idle holds nothing up. EPOLLRDHUP tells when a client has finished sending.
 * One line per connection event on stderr: "open N", "close N EPOLLIN|EPOLLRDHUP" (the events
 * of the wait that saw the client go).
 * Usage: epollecho [--count N] [PORT]   (default 7; --count N: exit after N connections closed)
 * Build: wasmos build guests/c/examples/epollecho.c -o epollecho.wasm
 * Run:   wasmos run --hostfwd tcp:127.0.0.1:7007-:7 epollecho.wasm, then nc 127.0.0.1 7007 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAXCONN 64
#define LINE 512

struct conn { int fd; int id; size_t len; char buf[LINE]; };
static struct conn conns[MAXCONN];
static int next_id = 1;

static void fail(const char *what) {
  fprintf(stderr, "epollecho: %s: %s\n", what, strerror(errno));
  exit(1);
}

static void send_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t r = send(fd, p, n, MSG_NOSIGNAL);
    if (r < 0 && errno == EAGAIN) continue;   /* a line is short: the send buffer drains soon */
    if (r <= 0) return;
    p += r; n -= (size_t)r;
  }
}

static const char *names(unsigned e) {
  static char b[64];
  b[0] = 0;
  if (e & EPOLLIN) strcat(b, "|EPOLLIN");
  if (e & EPOLLRDHUP) strcat(b, "|EPOLLRDHUP");
  if (e & EPOLLHUP) strcat(b, "|EPOLLHUP");
  if (e & EPOLLERR) strcat(b, "|EPOLLERR");
  return b[0] ? b + 1 : "0";
}

static void accept_all(int ep, int ls) {
  for (;;) {
    int s = accept(ls, 0, 0);
    if (s < 0) { if (errno == EAGAIN) return; fail("accept"); }
    struct conn *c = 0;
    for (int i = 0; i < MAXCONN && !c; i++) if (conns[i].fd == 0) c = &conns[i];
    if (!c) { close(s); continue; }
    fcntl(s, F_SETFL, O_NONBLOCK);
    c->fd = s; c->id = next_id++; c->len = 0;
    struct epoll_event e = { .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.ptr = c };
    if (epoll_ctl(ep, EPOLL_CTL_ADD, s, &e) < 0) fail("epoll_ctl");
    fprintf(stderr, "open %d\n", c->id);
  }
}

/* Answer each complete line in the buffer; keep the incomplete rest. */
static void answer(struct conn *c) {
  char out[LINE + 16];
  char *nl;
  while ((nl = memchr(c->buf, '\n', c->len)) != 0) {
    size_t n = (size_t)(nl - c->buf) + 1;
    int k = snprintf(out, sizeof out, "%d: %.*s", c->id, (int)n, c->buf);
    send_all(c->fd, out, (size_t)k);
    memmove(c->buf, c->buf + n, c->len - n);
    c->len -= n;
  }
  if (c->len == sizeof c->buf) c->len = 0;     /* a line too long: dropped */
}

/* Edge triggered: read until EAGAIN (or the end). 1 when the client has gone. */
static int serve(struct conn *c, unsigned events) {
  for (;;) {
    ssize_t r = read(c->fd, c->buf + c->len, sizeof c->buf - c->len);
    if (r > 0) { c->len += (size_t)r; answer(c); continue; }
    if (r < 0 && errno == EAGAIN) return (events & (EPOLLRDHUP | EPOLLHUP | EPOLLERR)) != 0;
    return 1;
  }
}

int main(int argc, char **argv) {
  int count = -1, port = 7;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--count") == 0 && i + 1 < argc) count = atoi(argv[++i]);
    else port = atoi(argv[i]);
  }
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  if (ls < 0) fail("socket");
  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  sa.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(ls, (struct sockaddr *)&sa, sizeof sa) < 0) fail("bind");
  if (listen(ls, 8) < 0) fail("listen");
  fcntl(ls, F_SETFL, O_NONBLOCK);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  if (ep < 0) fail("epoll_create1");
  struct epoll_event e = { .events = EPOLLIN, .data.ptr = 0 };
  if (epoll_ctl(ep, EPOLL_CTL_ADD, ls, &e) < 0) fail("epoll_ctl");
  struct epoll_event ev[16];
  while (count != 0) {
    int n = epoll_wait(ep, ev, 16, -1);
    if (n < 0) fail("epoll_wait");
    for (int i = 0; i < n; i++) {
      struct conn *c = ev[i].data.ptr;
      if (!c) { accept_all(ep, ls); continue; }
      if (!serve(c, ev[i].events)) continue;
      fprintf(stderr, "close %d %s\n", c->id, names(ev[i].events));
      close(c->fd);                              /* closing removes it from the interest list */
      c->fd = 0;
      if (count > 0) count--;
    }
  }
  return 0;
}
