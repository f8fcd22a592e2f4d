/* The heap: sbrk grows it with zeroed memory, and gives it back. */
#include "check.h"
#include <stdint.h>

int brk_main(void) {
  enter("brk");
  char *a = sbrk(0);
  char *b = sbrk(65536);
  char *c = sbrk(0);
  SAY("sbrk(0) valid %d", a != (char *)-1);
  SAY("grew from the old end %d", b == a);
  int zero = 1;
  for (int i = 0; i < 65536; i++) zero &= b[i] == 0;
  SAY("zeroed %d", zero);
  b[65535] = 1;
  SAY("end moved %d", c == a + 65536);
  return 0;
}
