/* Test guest for `wasmos build` options: -I (opts.h), -D (VALUE), --cflags (-DEXTRA=1) and -O0
 * (__OPTIMIZE__ undefined) decide its exit code: OPTS_BASE + VALUE + EXTRA + (optimized ? 100 : 0). */
#include "opts.h"
#ifndef VALUE
#define VALUE 0
#endif
#ifndef EXTRA
#define EXTRA 0
#endif
int main(void) {
#ifdef __OPTIMIZE__
  return OPTS_BASE + VALUE + EXTRA + 100;
#else
  return OPTS_BASE + VALUE + EXTRA;
#endif
}
