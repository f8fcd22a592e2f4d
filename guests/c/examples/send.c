/* send: the zero-copy lab's file sender in C, the same methods and calls as guests/demos/send.ts
 * (so `wasmos run --stats` counts the same copies for both). Sends FILE to HOST:PORT (default
 * 10.0.2.2:9, the discard service) with one METHOD:
 *   read+write    read() into a buffer, write() it to the socket            (2 CPU copies)
 *   mmap+write    mmap() the file, write() the mapping to the socket         (1 CPU copy)
 *   sendfile      sendfile() file -> socket, in the kernel                   (1 CPU copy, 0 with SG-DMA)
 *   splice        splice() file -> pipe -> socket: page references move     (0 CPU copies)
 *   msg_zerocopy  read(), then send(MSG_ZEROCOPY): the NIC DMAs from the buffer; the completion is
 *                 read from the socket's error queue before the buffer is reused
 *   o_direct      read() with O_DIRECT (the disk DMAs into the buffer), write() it to the socket
 * Usage: send METHOD FILE [A.B.C.D:PORT] [BUFSIZE]   (BUFSIZE default 65536, a multiple of 4096)
 * Exit 0 when every byte was handed to the socket, 1 on an error (with a message), 2 on bad usage.
 * Build: wasmos build guests/c/examples/send.c -o send.wasm   (or with --no-wasi) */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAXBUF (1 << 20)
static char buf[MAXBUF] __attribute__((aligned(4096)));

static long long ok(const char *what, long long r) {
  if (r < 0) {
    fprintf(stderr, "send: %s: %s\n", what, strerror(errno));
    exit(1);
  }
  return r;
}

static void usage(const char *why) {
  fprintf(stderr, "send: %s\nusage: send METHOD FILE [A.B.C.D:PORT] [BUFSIZE]\n", why);
  exit(2);
}

/* write() (or send() with flags) all of [p, p+n) to the socket: a full send buffer takes several calls. */
static void write_all(int sock, const char *p, size_t n, int flags) {
  for (size_t done = 0; done < n; )
    done += ok("write", flags == 0 ? write(sock, p + done, n - done) : send(sock, p + done, n - done, flags));
}

/* Wait for the zero-copy completion of every send so far: only then may the buffer be reused. */
static char control[64];            /* static, as the buffer: no first-touch fault in recvmsg */
static struct msghdr msg;

static void reap_zerocopy(int sock) {
  for (;;) {
    memset(&msg, 0, sizeof msg);
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    if (recvmsg(sock, &msg, MSG_ERRQUEUE) >= 0) return;
    if (errno != EAGAIN) ok("recvmsg(MSG_ERRQUEUE)", -1);
    struct timespec wait = { 0, 50000 };     /* the peer's ACK is on the wire: ask again in 50 us */
    nanosleep(&wait, 0);
  }
}

int main(int argc, char **argv) {
  if (argc < 3) usage("missing METHOD or FILE");
  const char *method = argv[1], *file = argv[2], *addr = argc > 3 ? argv[3] : "10.0.2.2:9";
  size_t bufsize = argc > 4 ? strtoul(argv[4], 0, 10) : 65536;
  if (bufsize == 0 || bufsize > MAXBUF || bufsize % 4096 != 0) usage("bad BUFSIZE");

  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  char host[32];
  const char *colon = strrchr(addr, ':');
  if (!colon || colon - addr >= (long)sizeof host) usage("bad address");
  memcpy(host, addr, colon - addr);
  host[colon - addr] = 0;
  sa.sin_family = AF_INET;
  sa.sin_port = htons(atoi(colon + 1));
  if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) usage("bad address");

  /* Touch the buffer's pages now, so that the transfer calls do not take its first-touch faults
   * (the AssemblyScript program's buffer is in its data segment, mapped before it starts). */
  for (size_t i = 0; i < bufsize; i += 4096) ((volatile char *)buf)[i] = 0;

  int direct = strcmp(method, "o_direct") == 0;
  int fd = ok(file, open(file, direct ? O_RDONLY | O_DIRECT : O_RDONLY));
  size_t size = ok("lseek", lseek(fd, 0, SEEK_END));
  ok("lseek", lseek(fd, 0, SEEK_SET));
  int sock = ok("socket", socket(AF_INET, SOCK_STREAM, 0));
  ok("connect", connect(sock, (struct sockaddr *)&sa, sizeof sa));

  /* Reads stop at the size, so no extra read() only to see the end of the file. */
  if (strcmp(method, "read+write") == 0 || direct) {
    for (size_t left = size; left > 0; ) {
      size_t want = direct ? (left + 4095) & ~(size_t)4095 : left;
      long long n = ok("read", read(fd, buf, want < bufsize ? want : bufsize));
      if (n == 0) break;
      write_all(sock, buf, n, 0);
      left -= (size_t)n < left ? (size_t)n : left;
    }
  } else if (strcmp(method, "mmap+write") == 0) {
    char *p = mmap(0, size, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED) ok("mmap", -1);
    write_all(sock, p, size, 0);
    ok("munmap", munmap(p, size));
  } else if (strcmp(method, "sendfile") == 0) {
    for (size_t left = size; left > 0; ) left -= ok("sendfile", sendfile(sock, fd, 0, left));
  } else if (strcmp(method, "splice") == 0) {
    int p[2];
    ok("pipe2", pipe2(p, 0));
    for (size_t left = size; left > 0; ) {
      long long n = ok("splice file->pipe", splice(fd, 0, p[1], 0, left < 65536 ? left : 65536, 0));
      if (n == 0) break;
      for (long long moved = 0; moved < n; ) moved += ok("splice pipe->socket", splice(p[0], 0, sock, 0, n - moved, 0));
      left -= n;
    }
  } else if (strcmp(method, "msg_zerocopy") == 0) {
    int one = 1;
    ok("setsockopt(SO_ZEROCOPY)", setsockopt(sock, SOL_SOCKET, SO_ZEROCOPY, &one, sizeof one));
    for (size_t left = size; left > 0; ) {
      long long n = ok("read", read(fd, buf, left < bufsize ? left : bufsize));
      if (n == 0) break;
      write_all(sock, buf, n, MSG_ZEROCOPY);
      reap_zerocopy(sock);
      left -= n;
    }
  } else usage("unknown METHOD");
  close(sock);
  close(fd);
  return 0;
}
