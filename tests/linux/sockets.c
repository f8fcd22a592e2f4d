/* TCP on the loopback interface: bind, listen, connect, accept, data both ways, shutdown, errors. */
#include "check.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>

int sockets_main(void) {
  enter("sockets");
  struct sockaddr_in a = { 0 };
  socklen_t len = sizeof a;
  char buf[16];
  a.sin_family = AF_INET;
  a.sin_port = htons(45123);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  int s = T(socket(AF_INET, SOCK_STREAM, 0));
  if (T(bind(s, (struct sockaddr *)&a, sizeof a)) != 0) return 0;
  T(listen(s, 4));
  int s2 = T(socket(AF_INET, SOCK_STREAM, 0));
  T(bind(s2, (struct sockaddr *)&a, sizeof a));
  pid_t k = fork();
  if (k == 0) {
    int c = socket(AF_INET, SOCK_STREAM, 0);
    if (connect(c, (struct sockaddr *)&a, sizeof a) != 0) _exit(1);
    write(c, "ping", 4);
    read(c, buf, 4);
    _exit(memcmp(buf, "pong", 4) == 0 ? 0 : 2);
  }
  int c = T(accept(s, (struct sockaddr *)&a, &len));
  T(read(c, buf, 4));
  SAY("%.4s", buf);
  T(write(c, "pong", 4));
  int st;
  waitpid(k, &st, 0);
  SAY("client exit %d", WEXITSTATUS(st));
  T(read(c, buf, 4));
  T(shutdown(c, SHUT_WR));
  T(shutdown(c, 99));
  T(listen(99, 1));
  T(accept(c, 0, 0));
  T(socket(AF_INET, 99, 0));
  a.sin_port = htons(45124);
  int d = socket(AF_INET, SOCK_STREAM, 0);
  T(connect(d, (struct sockaddr *)&a, sizeof a));
  return 0;
}
