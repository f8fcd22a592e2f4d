/* The native side of the bench's 1 GiB sendfile (bench/bigsend.ts): sendfile(2) of FILE to a TCP
 * connection to 127.0.0.1:PORT, in 64 KiB calls as wasmos's send does, then close. Built and run on
 * the host (Linux), never for wasmos. Usage: sendfile_native FILE PORT. Exit 1 on any error. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: sendfile_native FILE PORT\n"); return 1; }
  int fd = open(argv[1], O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) { perror(argv[1]); return 1; }
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[2])) };
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a) < 0) { perror("connect"); return 1; }
  off_t off = 0;
  while (off < st.st_size) {
    ssize_t n = sendfile(s, fd, &off, 65536);
    if (n <= 0) { perror("sendfile"); return 1; }
  }
  close(s);
  return 0;
}
