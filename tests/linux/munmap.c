/* munmap: partial unmaps split a region, unmapped memory faults, unaligned and empty ranges. */
#include "check.h"
#include <sys/mman.h>
#include <sys/wait.h>

static int probe(volatile char *p) {
  pid_t c = fork();
  if (c == 0) { (void)p[0]; _exit(0); }
  int st;
  waitpid(c, &st, 0);
  return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

int munmap_main(void) {
  enter("munmap");
  long pg = sysconf(_SC_PAGESIZE);
  char *a = mmap(0, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  a[0] = a[pg] = a[2 * pg] = 7;
  T(munmap(a + pg, pg));
  SAY("signals: %d %d %d", probe(a), probe(a + pg), probe(a + 2 * pg));
  SAY("kept: %d %d", a[0], a[2 * pg]);
  T(munmap(a + 1, pg));
  T(munmap(a, 0));
  T(munmap(a + pg, pg));
  T(munmap(a, 3 * pg));
  SAY("after: %d", probe(a));
  return 0;
}
