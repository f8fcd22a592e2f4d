/* Anonymous mappings: zero-filled, independent, MAP_FIXED over them, lengths not a page multiple. */
#include "check.h"
#include <sys/mman.h>

int mmap_anon_main(void) {
  enter("mmap_anon");
  long pg = sysconf(_SC_PAGESIZE);
  char *a = mmap(0, 3 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  SAY("mapped %d aligned %d", a != MAP_FAILED, ((long)a % pg) == 0);
  int zero = 1;
  for (long i = 0; i < 3 * pg; i++) zero &= a[i] == 0;
  SAY("zeroed %d", zero);
  a[0] = 1; a[pg] = 2; a[2 * pg] = 3;
  char *b = mmap(a + pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  SAY("fixed at %d, old page gone %d, neighbours %d %d", b == a + pg, b[0] == 0, a[0], a[2 * pg]);
  char *c = mmap(0, 100, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  c[pg - 1] = 9;
  SAY("rounded up: %d", c[pg - 1]);
  T(munmap(c, 100));
  T(munmap(a, 3 * pg));
  return 0;
}
