/* rename: over a file (an open one too), into directories, over non-empty directories, onto itself, odd names. */
#include "check.h"

int rename_main(void) {
  enter("rename");
  char buf[16];
  put("a", "AAAA");
  put("b", "BBBB");
  T(open("b", O_RDONLY));
  T(rename("a", "b"));
  T(access("a", F_OK));
  T(slurp("b", buf, sizeof buf));
  SAY("%s", buf);
  T(read(4, buf, 4));
  SAY("old b still reads %.4s", buf);
  T(mkdir("d", 0755));
  T(mkdir("e", 0755));
  put("e/x", "x");
  T(rename("b", "d/b"));
  T(rename("d", "e"));
  T(rename("e", "d"));
  T(rename("d/b", "d"));
  T(rename("e/x", "e/x"));
  T(rename("missing", "z"));
  T(rename(".", "z"));
  T(rename("e", "e/sub"));
  T(rename("d/b", "d/b/c"));
  T(mkdir("f", 0755));
  T(rename("e", "f"));
  T(access("e/x", F_OK));
  T(access("f/x", F_OK));
  return 0;
}
