/* TCP over the loopback interface (tests/net.loopback.test.ts): a child connects to 127.0.0.1 and
 * sends 1 MiB in 8 KiB writes, then closes; the parent accepts, reads to end of file, and prints
 * the byte count, a checksum, both ends' addresses and the child's exit status. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define TOTAL (1 << 20)

int main(void) {
  struct sockaddr_in a = { 0 }, b;
  socklen_t len = sizeof b;
  static char buf[8192];
  a.sin_family = AF_INET;
  a.sin_port = htons(7777);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int l = socket(AF_INET, SOCK_STREAM, 0);
  if (bind(l, (struct sockaddr *)&a, sizeof a) || listen(l, 1)) { perror("listen"); return 1; }
  pid_t c = fork();
  if (c == 0) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(s, (struct sockaddr *)&a, sizeof a)) _exit(1);
    for (int i = 0; i < (int)sizeof buf; i++) buf[i] = (char)(i * 7);
    for (int sent = 0; sent < TOTAL; sent += sizeof buf) if (write(s, buf, sizeof buf) != sizeof buf) _exit(2);
    close(s);
    _exit(0);
  }
  int s = accept(l, (struct sockaddr *)&b, &len);
  char peer[32];
  inet_ntop(AF_INET, &b.sin_addr, peer, sizeof peer);
  len = sizeof b;
  getsockname(s, (struct sockaddr *)&b, &len);
  char self[32];
  inet_ntop(AF_INET, &b.sin_addr, self, sizeof self);
  long total = 0;
  unsigned sum = 0;
  for (;;) {
    long n = read(s, buf, sizeof buf);
    if (n <= 0) break;
    for (long i = 0; i < n; i++) sum = sum * 31 + (unsigned char)buf[i];
    total += n;
  }
  int st;
  waitpid(c, &st, 0);
  printf("read %ld bytes, sum %08x, peer %s, self %s:%d, client exit %d\n", total, sum, peer, self, ntohs(b.sin_port), WEXITSTATUS(st));
  close(s);
  close(l);
  return 0;
}
