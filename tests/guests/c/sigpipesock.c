/* A server that ignores SIGPIPE and writes to a connection its client has closed: the writes go on
 * until one fails with EPIPE (the peer's reset after its FIN, as Linux's tcp_reset in CLOSE_WAIT),
 * and the program goes on. It listens on port 7, answers "ready" to the client's first line, then
 * writes a kilobyte at a time, pausing between writes; tests/signal.sigpipe-socket.test.ts is the
 * client, through --hostfwd, and runs it natively too (the port then its argument). */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  signal(SIGPIPE, SIG_IGN);
  setvbuf(stdout, 0, _IONBF, 0);
  int ls = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a;
  memset(&a, 0, sizeof a);
  a.sin_family = AF_INET; a.sin_port = htons(argc > 1 ? atoi(argv[1]) : 7); a.sin_addr.s_addr = htonl(INADDR_ANY);
  if (ls < 0 || bind(ls, (struct sockaddr *)&a, sizeof a) < 0 || listen(ls, 1) < 0) return 1;
  int c = accept(ls, 0, 0);
  if (c < 0) return 2;
  char buf[1024];
  if (read(c, buf, sizeof buf) <= 0) return 3;
  write(c, "ready\n", 6);
  memset(buf, 'x', sizeof buf);
  int i, err = 0;
  for (i = 0; i < 200; i++) {
    struct timespec t = { 0, 20000000 };
    nanosleep(&t, 0);
    if (write(c, buf, sizeof buf) < 0) { err = errno; break; }
  }
  printf("write: %s after %s\n", err == EPIPE ? "EPIPE" : err ? strerror(err) : "no error", i > 0 ? "some writes" : "none");
  printf("alive\n");
  close(c);
  close(ls);
  return 0;
}
