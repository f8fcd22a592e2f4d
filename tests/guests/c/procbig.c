/* A /proc file longer than a page reads whole: this process maps one file many times under a long
 * name, so its /proc/self/maps is several pages of text, then reads it in one big read, in small
 * reads, and with pread and lseek in the middle; the texts must agree byte for byte. Its
 * /proc/self/cmdline (a long argument list from the test) is read the same ways. With 50 more fds
 * open, /proc/self/fd lists every one (through wasi-libc's readdir: WASI's fd_readdir).
 * tests/proc.big.test.ts runs it and checks what it prints. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAPS 40
#define BIG 65536
static char one[BIG], many[BIG], part[BIG];

/* The whole file in reads of `step` bytes; its length. */
static long slurp(const char *path, char *buf, long step) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return -1;
  long n = 0, r;
  while (n < BIG && (r = read(fd, buf + n, step < BIG - n ? step : BIG - n)) > 0) n += r;
  close(fd);
  return r < 0 ? -1 : n;
}

/* pread at `at` and read after lseek to `at`: both must give the text from `at` on. */
static int middle(const char *path, const char *whole, long len, long at) {
  int fd = open(path, O_RDONLY);
  long a = pread(fd, part, 300, at);
  int ok = a > 0 && !memcmp(part, whole + at, a) && (a == 300 || at + a == len);
  long r = lseek(fd, at, SEEK_SET) == at ? read(fd, part, 300) : -1;
  ok = ok && r == a && !memcmp(part, whole + at, r);
  close(fd);
  return ok;
}

static void check(const char *path, const char *what) {
  long a = slurp(path, one, BIG), b = slurp(path, many, 97);
  printf("%s: one read %s 4096, small reads same %d, pread/lseek at 4000 and 5000 same %d %d\n", what,
         a > 4096 ? ">" : "<=", a == b && !memcmp(one, many, a), middle(path, one, a, 4000), middle(path, one, a, 5000));
}

int main(int argc, char **argv) {
  const char *name = "/data/a-file-with-a-long-name-so-that-each-line-of-maps-is-long-0123456789-abcdefghijklmnopqrstuvwxyz";
  int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0644);
  if (fd < 0 || write(fd, "x", 1) != 1) return 1;
  for (int i = 0; i < MAPS; i++)
    if (mmap(0, 4096, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED) { printf("mmap %d failed\n", i); return 2; }
  check("/proc/self/maps", "maps");
  int lines = 0;
  for (char *p = one; (p = strstr(p, name)); p++) lines++;
  printf("maps: lines naming the file %d\n", lines);
  check("/proc/self/cmdline", "cmdline");
  long n = 0;
  for (int i = 0; i < argc; i++) n += strlen(argv[i]) + 1;
  long c = slurp("/proc/self/cmdline", one, BIG);
  printf("cmdline: length is argv's %d\n", c == n);
  int open_fds = 0, listed = 0;
  for (int i = 0; i < 50; i++) fcntl(0, F_DUPFD, 10);
  for (int i = 0; i < 64; i++) open_fds += fcntl(i, F_GETFD) >= 0;
  DIR *d = opendir("/proc/self/fd");
  struct dirent *e;
  while (d && (e = readdir(d))) listed += e->d_name[0] != '.';
  if (d) closedir(d);
  printf("fd: listed %d, open %d (the listing's own fd among them)\n", listed, open_fds + 1);
  unlink(name);
  return 0;
}
