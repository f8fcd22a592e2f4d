/* mprotect: protections checked, unaligned addresses, unmapped ranges, a read-only file widened. */
#include "check.h"
#include <sys/mman.h>
#include <sys/wait.h>
#include <signal.h>

int mprotect_main(void) {
  enter("mprotect");
  long pg = sysconf(_SC_PAGESIZE);
  char *a = mmap(0, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  a[0] = 1;
  T(mprotect(a, pg, PROT_READ));
  T(mprotect(a + 1, pg, PROT_READ));
  T(mprotect(a, pg, 0x100));
  pid_t c = fork();
  if (c == 0) { a[0] = 2; _exit(0); }
  int st;
  waitpid(c, &st, 0);
  SAY("store to read-only: signaled %d sig %d", WIFSIGNALED(st), WIFSIGNALED(st) ? WTERMSIG(st) : 0);
  c = fork();
  if (c == 0) { a[pg] = 2; _exit(5); }
  waitpid(c, &st, 0);
  SAY("store to the writable page: exit %d", WEXITSTATUS(st));
  T(mprotect(a, pg, PROT_READ | PROT_WRITE));
  a[0] = 3;
  SAY("writable again: %d", a[0]);
  T(munmap(a, 2 * pg));
  T(mprotect(a, pg, PROT_READ));
  put("f", "ro");
  int fd = open("f", O_RDONLY);
  char *m = mmap(0, pg, PROT_READ, MAP_SHARED, fd, 0);
  T(mprotect(m, pg, PROT_READ | PROT_WRITE));
  char *q = mmap(0, pg, PROT_READ, MAP_PRIVATE, fd, 0);
  T(mprotect(q, pg, PROT_READ | PROT_WRITE));
  return 0;
}
