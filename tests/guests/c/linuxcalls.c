/* Test guest for the C Linux-call library (guests/c/lib): each line it prints is a fact the test
 * checks against Linux's behaviour. Built with and without --no-wasi by tests/cguest.libc.test.ts. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *err(long long r) { return r < 0 ? strerror(errno) : "ok"; }

int main(void) {
  /* errno from a Linux errno: a bad descriptor, a bad mapping length, an unknown socket family */
  printf("dup3 bad fd: %s\n", err(dup3(99, 5, 0)));
  printf("munmap len 0: %s\n", err(munmap((void *)4096, 0)));
  printf("socket family 12345: %s\n", err(socket(12345, SOCK_STREAM, 0)));

  /* fork + pipe2 + wait4: the child writes and exits 7 */
  int p[2];
  int nb[2];
  if (pipe2(nb, O_NONBLOCK | O_CLOEXEC) < 0 || pipe2(p, 0) < 0) return 1;
  printf("read of an empty O_NONBLOCK pipe: %s\n", err(read(nb[0], p, 1)));
  pid_t child = fork();
  if (child == 0) {
    write(p[1], "from child", 10);
    _exit(7);
  }
  int status = 0;
  printf("wait4 pid matches: %d\n", wait4(child, &status, 0, 0) == child);
  char buf[32] = {0};
  read(p[0], buf, sizeof buf - 1);
  printf("child said: %s, exited: %d, code: %d\n", buf, WIFEXITED(status), WEXITSTATUS(status));
  printf("getppid of parent is not its pid: %d\n", getppid() != getpid());
  char *no_args[] = { "prog", 0 };
  printf("execve of a missing file: %s\n", err(execve("/no/such/prog", no_args, no_args + 1)));

  /* kill: a child sleeping in read is ended by SIGTERM */
  int q[2];
  pipe(q);
  child = fork();
  if (child == 0) { read(q[0], buf, 1); _exit(0); }
  printf("kill: %s\n", err(kill(child, SIGTERM)));
  waitpid(child, &status, 0);
  printf("signaled: %d, signal: %d\n", WIFSIGNALED(status), WTERMSIG(status));

  /* mmap of a file: a shared store reaches the file, a private one does not */
  int fd = open("/c-test.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
  write(fd, "aaaaaaaa", 8);
  char *shared = mmap(0, 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char *priv = mmap(0, 8, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  printf("mmap: %s %s\n", shared == MAP_FAILED ? "failed" : "ok", priv == MAP_FAILED ? "failed" : "ok");
  shared[0] = 'S';
  priv[1] = 'P';
  pread(fd, buf, 8, 0);
  buf[8] = 0;
  printf("file after stores: %s, private view: %.8s\n", buf, priv);

  /* mprotect: a store to a read-only page kills the child with SIGSEGV */
  child = fork();
  if (child == 0) {
    mprotect(shared, 4096, PROT_READ);
    shared[2] = 'X';
    _exit(0);
  }
  waitpid(child, &status, 0);
  printf("store after mprotect(PROT_READ): signal %d\n", WTERMSIG(status));
  munmap(shared, 8);
  munmap(priv, 8);

  /* sendfile file -> pipe, tee pipe -> pipe, splice pipe -> file, vmsplice */
  lseek(fd, 0, SEEK_SET);
  int a[2], b[2];
  pipe(a);
  pipe(b);
  printf("sendfile: %d\n", (int)sendfile(a[1], fd, 0, 8));
  printf("tee: %d\n", (int)tee(a[0], b[1], 8, 0));
  memset(buf, 0, sizeof buf);
  read(b[0], buf, 8);
  printf("tee copy: %s\n", buf);
  off_t off = 8;
  printf("splice to file: %d\n", (int)splice(a[0], 0, fd, &off, 8, 0));
  struct iovec iov = { "vm", 2 };
  printf("vmsplice: %d\n", (int)vmsplice(b[1], &iov, 1, 0));
  printf("read back: %d\n", (int)read(b[0], buf, 2));
  memset(buf, 0, sizeof buf);
  pread(fd, buf, 16, 0);
  printf("file now: %s\n", buf);
  close(fd);

  /* O_DIRECT reaches the kernel's file flags */
  fd = open("/c-test.txt", O_RDONLY | O_DIRECT);
  printf("O_DIRECT open: %s\n", err(fd));
  char *dbuf = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("O_DIRECT read of 4096: %d\n", (int)read(fd, dbuf, 4096));
  printf("O_DIRECT pread of 100 bytes: %s\n", err(pread(fd, dbuf, 100, 0)));
  printf("dup2: %d\n", dup2(fd, 9));

  /* inet_pton/inet_ntop with Linux's AF_INET; a malformed address is 0, another family EAFNOSUPPORT */
  struct in_addr in;
  char text[16];
  int good = inet_pton(AF_INET, "10.0.2.2", &in);
  printf("inet_pton: %d %s\n", good, inet_ntop(AF_INET, &in, text, sizeof text));
  printf("inet_pton 10.0.2.256: %d, 1.2.3: %d, 01.2.3.4: %d\n", inet_pton(AF_INET, "10.0.2.256", &in),
    inet_pton(AF_INET, "1.2.3", &in), inet_pton(AF_INET, "01.2.3.4", &in));
  int bad = inet_pton(12345, "1.2.3.4", &in);
  printf("inet_pton family 12345: %d %s\n", bad, strerror(errno));
  return 0;
}
