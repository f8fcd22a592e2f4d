/* Linux oracle for tests/guests/fslinks.ts: the same calls on the host's file system, in a
 * scratch directory given as argv[1] (the guest's "/" is that directory: absolute paths and link
 * targets are prefixed with it, and a link text read back has it removed). Prints the same
 * "name value" lines for the checks whose answer does not depend on the clock.
 * Built natively by tests/fs.links-oracle.test.ts with `clang -O2` (skipped without clang). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[512];
static char pb[4][1024];
static int pi;
/* the path as the host sees it: "/x" becomes root + "/x" */
static const char *P(const char *p) {
  char *b = pb[pi++ & 3];
  if (p[0] == '/') snprintf(b, 1024, "%s%s", root, p); else snprintf(b, 1024, "%s", p);
  return b;
}
static const char *res(long r) {
  static char b[4][64]; static int k; char *o = b[k++ & 3];
  if (r < 0) snprintf(o, 64, "%s", strerrorname_np(errno)); else snprintf(o, 64, "%ld", r);
  return o;
}
static void mkfile(const char *p, const char *text) {
  int fd = open(P(p), O_WRONLY | O_CREAT | O_TRUNC, 0644); write(fd, text, strlen(text)); close(fd);
}
static const char *readAll(const char *p, int flags) {
  static char b[4][256]; static int k; char *o = b[k++ & 3];
  int fd = open(P(p), flags);
  if (fd < 0) return res(-1);
  long n = read(fd, o, 255); close(fd);
  if (n < 0) return res(-1);
  o[n] = 0; return o;
}
static const char *rl(const char *p) {
  static char b[4][512]; static int k; char *o = b[k++ & 3];
  long n = readlink(P(p), o, 511);
  if (n < 0) return "";
  o[n] = 0;
  size_t rn = strlen(root);
  return strncmp(o, root, rn) == 0 ? o + rn : o;
}

static void symlinks(void) {
  struct stat st;
  mkdir(P("/d"), 0755);
  mkfile("/d/f", "hello");
  printf("symlink %s\n", res(symlink(P("/d/f"), P("/abs"))));
  printf("symlink.rel %s\n", res(symlink("d/f", P("/rel"))));
  printf("symlink.dir %s\n", res(symlink("d", P("/dl"))));
  printf("symlink.exists %s\n", res(symlink("x", P("/abs"))));
  printf("symlink.empty %s\n", res(symlink("", P("/empty"))));
  printf("read.abs %s\n", readAll("/abs", O_RDONLY));
  printf("read.rel %s\n", readAll("/rel", O_RDONLY));
  printf("read.via-dir %s\n", readAll("/dl/f", O_RDONLY));
  printf("readlink %s %s\n", rl("/abs"), rl("/rel"));
  char tmp[64];
  printf("readlink.notlink %s\n", readlink(P("/d/f"), tmp, 64) < 0 ? strerrorname_np(errno) : "text");
  stat(P("/abs"), &st); printf("stat.mode %s\n", S_ISREG(st.st_mode) ? "reg" : "other");
  lstat(P("/rel"), &st); printf("lstat.mode %s\n", S_ISLNK(st.st_mode) ? "lnk" : "other");
  printf("nofollow %s\n", readAll("/abs", O_RDONLY | O_NOFOLLOW));
  printf("nofollow.inner %s\n", readAll("/dl/f", O_RDONLY | O_NOFOLLOW));
  printf("trailing.file %s\n", res(stat(P("/d/f/"), &st)));
  long v = lstat(P("/dl/"), &st);
  printf("trailing.link-to-dir %s %s\n", res(v), S_ISLNK(st.st_mode) ? "lnk" : "dir");
  printf("trailing.link-to-file %s\n", res(stat(P("/abs/"), &st)));
  symlink(P("/nowhere/x"), P("/dangling"));
  printf("dangling.stat %s\n", res(stat(P("/dangling"), &st)));
  printf("dangling.lstat %s\n", res(lstat(P("/dangling"), &st)));
  symlink(P("/d/new"), P("/tonew"));
  int fd = open(P("/tonew"), O_WRONLY | O_CREAT, 0644);
  const char *a = res(fd < 0 ? -1 : 0);
  printf("creat.through-link %s %s\n", a, res(stat(P("/d/new"), &st)));
  if (fd >= 0) close(fd);
  printf("creat.excl-on-link %s\n", res(open(P("/tonew"), O_WRONLY | O_CREAT | O_EXCL, 0644)));
  const char *s1 = res(symlink("x", P("/newl/"))), *s2 = res(link(P("/d/f"), P("/newh/")));
  printf("trailing.new %s %s %s\n", s1, s2, res(open(P("/newf/"), O_WRONLY | O_CREAT, 0644)));
  char name[32], target[32];
  symlink(P("/d/f"), P("/c40"));
  for (int i = 39; i >= 0; i--) { sprintf(target, "/c%d", i + 1); sprintf(name, "/c%d", i); symlink(P(target), P(name)); }
  printf("chain.max %s\n", readAll("/c1", O_RDONLY));
  printf("chain.over %s\n", readAll("/c0", O_RDONLY));
  symlink(P("/loop2"), P("/loop1")); symlink(P("/loop1"), P("/loop2"));
  printf("loop %s\n", res(stat(P("/loop1"), &st)));
  const char *u = res(unlink(P("/rel")));
  const char *t = readAll("/d/f", O_RDONLY);
  printf("unlink.link %s %s %s\n", u, t, res(lstat(P("/rel"), &st)));
  rename(P("/abs"), P("/abs2"));
  printf("rename.link %s %s\n", rl("/abs2"), readAll("/d/f", O_RDONLY));
  const char *c = res(chdir(P("/dl")));
  char wd[1024]; if (!getcwd(wd, sizeof wd)) strcpy(wd, "?");
  printf("chdir.link %s %s %s\n", c, strncmp(wd, root, strlen(root)) == 0 ? wd + strlen(root) : wd, readAll("f", O_RDONLY));
}

static void hardlinks(void) {
  struct stat st;
  mkdir(P("/d"), 0755);
  mkfile("/h", "data");
  printf("link %s\n", res(link(P("/h"), P("/h2"))));
  stat(P("/h"), &st); printf("nlink.2 %ld\n", (long)st.st_nlink);
  printf("link.exists %s\n", res(link(P("/h"), P("/h2"))));
  printf("link.dir %s\n", res(link(P("/d"), P("/d2"))));
  printf("link.missing %s\n", res(link(P("/nope"), P("/n2"))));
  int fd = open(P("/h2"), O_RDONLY);
  unlink(P("/h"));
  stat(P("/h2"), &st); printf("nlink.after-unlink %ld %s\n", (long)st.st_nlink, readAll("/h2", O_RDONLY));
  unlink(P("/h2"));
  fstat(fd, &st); printf("nlink.open-unlinked %ld\n", (long)st.st_nlink);
  char b[8]; printf("read.open-unlinked %s\n", res(pread(fd, b, 4, 0)));
  close(fd);
  symlink(P("/d/f"), P("/sl"));
  link(P("/sl"), P("/sl2"));
  lstat(P("/sl2"), &st); printf("link.symlink %s\n", S_ISLNK(st.st_mode) ? "lnk" : "other");
}

static void space(void) {
  struct stat st; char buf[128]; memset(buf, 0, sizeof buf);
  int fd = open(P("/sp"), O_RDWR | O_CREAT, 0644);
  printf("fallocate %s\n", res(fallocate(fd, 0, 0, 10000)));
  fstat(fd, &st); printf("fallocate.size-blocks %ld %ld\n", (long)st.st_size, (long)st.st_blocks);
  printf("fallocate.keep %s\n", res(fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, 20000)));
  fstat(fd, &st); printf("fallocate.keep-size-blocks %ld %ld\n", (long)st.st_size, (long)st.st_blocks);
  printf("fallocate.badlen %s\n", res(fallocate(fd, 0, 0, 0)));
  close(fd);
  int h = open(P("/holes"), O_RDWR | O_CREAT, 0644);
  pwrite(h, buf, 100, 0); pwrite(h, buf, 100, 5 * 4096); pwrite(h, buf, 100, 6 * 4096);
  printf("seek.data0 %s\n", res(lseek(h, 0, SEEK_DATA)));
  printf("seek.hole0 %s\n", res(lseek(h, 0, SEEK_HOLE)));
  printf("seek.data-from-hole %s\n", res(lseek(h, 4096 + 10, SEEK_DATA)));
  printf("seek.hole-in-data %s\n", res(lseek(h, 5 * 4096 + 1, SEEK_HOLE)));
  const char *e1 = res(lseek(h, 6 * 4096 + 100, SEEK_DATA));
  printf("seek.eof %s %s\n", e1, res(lseek(h, 6 * 4096 + 100, SEEK_HOLE)));
  const char *p1 = res(lseek(h, 4096, SEEK_DATA));
  printf("seek.pos %s %s\n", p1, res(lseek(h, 0, SEEK_CUR)));
  ftruncate(h, 100 * 4096);
  const char *t1 = res(lseek(h, 6 * 4096 + 200, SEEK_HOLE));
  printf("seek.hole-tail %s %s\n", t1, res(lseek(h, 6 * 4096 + 200, SEEK_DATA)));
  printf("fadvise.willneed %s\n", res(posix_fadvise(h, 0, 0, POSIX_FADV_WILLNEED)));
  printf("fadvise.dontneed %s\n", res(posix_fadvise(h, 0, 0, POSIX_FADV_DONTNEED)));
  int b1 = posix_fadvise(h, 0, 0, 99), b2 = posix_fadvise(h, 0, -1, 0);   /* returns the errno */
  printf("fadvise.bad %s %s\n", strerrorname_np(b1), strerrorname_np(b2));
  close(h);
}

int main(int argc, char **argv) {
  if (argc < 3) return 2;
  snprintf(root, sizeof root, "%s", argv[1]);
  if (!strcmp(argv[2], "symlinks")) symlinks();
  else if (!strcmp(argv[2], "hardlinks")) hardlinks();
  else if (!strcmp(argv[2], "space")) space();
  return 0;
}
