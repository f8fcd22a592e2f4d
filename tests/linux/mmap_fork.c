/* Mappings across fork: MAP_SHARED anonymous stays shared (also a page first touched after fork), MAP_PRIVATE is copied. */
#include "check.h"
#include <sys/mman.h>
#include <sys/wait.h>

int mmap_fork_main(void) {
  enter("mmap_fork");
  long pg = sysconf(_SC_PAGESIZE);
  char *sh = mmap(0, 2 * pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  char *pr = mmap(0, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  sh[0] = 'p';
  pr[0] = 'p';
  pid_t c = fork();
  if (c == 0) {
    sh[0] = 'c';
    sh[pg] = 'c';
    pr[0] = 'c';
    _exit(0);
  }
  int st;
  T(waitpid(c, &st, 0) == c);
  SAY("shared touched before fork: %c", sh[0]);
  SAY("shared first touched in the child: %c", sh[pg] ? sh[pg] : '0');
  SAY("private: %c", pr[0]);
  put("f", "ffff");
  int fd = open("f", O_RDWR);
  char *fm = mmap(0, 4, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  c = fork();
  if (c == 0) { fm[0] = 'C'; _exit(0); }
  T(waitpid(c, &st, 0) == c);
  SAY("shared file mapping: %.4s", fm);
  return 0;
}
