/* access and faccessat: modes on files and directories as root, bad modes, missing paths. */
#include "check.h"

int access_main(void) {
  enter("access");
  put("f", "x");
  T(access("f", F_OK));
  T(access("f", R_OK | W_OK));
  T(access("f", 8));
  T(access("missing", F_OK));
  T(access("f/x", F_OK));
  T(faccessat(AT_FDCWD, "f", R_OK, 0));
  T(faccessat(AT_FDCWD, "f", R_OK, 0x1234));
  return 0;
}
