/* fsend: stdio and sendfile in one program. With --show TEXT, it first prints the text file TEXT
 * (fopen/fread/fwrite: wasi-libc, through the WASI personality); then it sends FILE to HOST:PORT
 * (default 10.0.2.2:9, the discard service) with sendfile() (the Linux call, <sys/sendfile.h>): the
 * bytes go disk -> page cache -> NIC inside the kernel; with scatter-gather DMA the CPU copies none.
 * Usage: fsend [--show TEXT] FILE [A.B.C.D:PORT]
 * Try:   wasmos run --stats s.json fsend.wasm --show /etc/motd /data/4k.bin
 *        (bySyscall.sendfile: 2 switches, 2 DMA, 0 CPU copies; with --nic sg=off, 1 CPU copy) */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

static void fail(const char *what) {
  fprintf(stderr, "fsend: %s: %s\n", what, strerror(errno));
  exit(1);
}

/* Copy a text file to stdout with stdio. */
static void show(const char *path) {
  FILE *f = fopen(path, "r");
  if (!f) fail(path);
  char chunk[512];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, n, stdout);
  if (ferror(f)) fail(path);
  fclose(f);
  fflush(stdout);
}

int main(int argc, char **argv) {
  int i = 1;
  if (i + 1 < argc && strcmp(argv[i], "--show") == 0) { show(argv[i + 1]); i += 2; }
  if (i >= argc) { fprintf(stderr, "usage: fsend [--show TEXT] FILE [A.B.C.D:PORT]\n"); return 2; }
  const char *file = argv[i], *addr = i + 1 < argc ? argv[i + 1] : "10.0.2.2:9";

  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  char host[32];
  const char *colon = strrchr(addr, ':');
  if (!colon || colon - addr >= (long)sizeof host) { fprintf(stderr, "fsend: bad address %s\n", addr); return 2; }
  memcpy(host, addr, colon - addr);
  host[colon - addr] = 0;
  sa.sin_family = AF_INET;
  sa.sin_port = htons(atoi(colon + 1));
  if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) { fprintf(stderr, "fsend: bad address %s\n", addr); return 2; }

  int fd = open(file, O_RDONLY);
  if (fd < 0) fail(file);
  off_t total = lseek(fd, 0, SEEK_END);
  if (total < 0 || lseek(fd, 0, SEEK_SET) < 0) fail("lseek");
  int sock = socket(AF_INET, SOCK_STREAM, 0);
  if (sock < 0) fail("socket");
  if (connect(sock, (struct sockaddr *)&sa, sizeof sa) < 0) fail("connect");
  off_t sent = 0;
  while (sent < total) {
    ssize_t r = sendfile(sock, fd, 0, total - sent);
    if (r < 0) fail("sendfile");
    if (r == 0) break;
    sent += r;
  }
  close(sock);
  close(fd);
  printf("sendfile: %lld bytes to %s\n", (long long)sent, addr);
  return sent == total ? 0 : 1;
}
