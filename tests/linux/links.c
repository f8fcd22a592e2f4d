/* link: link counts, links to directories, existing targets, across a missing directory. */
#include "check.h"

int links_main(void) {
  enter("links");
  struct stat a, b;
  char buf[16];
  put("f", "hello");
  T(link("f", "g"));
  T(stat("f", &a));
  T(stat("g", &b));
  T(a.st_nlink);
  T(a.st_ino == b.st_ino);
  T(link("f", "g"));
  T(mkdir("d", 0755));
  T(link("d", "d2"));
  T(link("missing", "h"));
  T(link("f", "missing/h"));
  T(unlink("f"));
  T(stat("g", &b));
  T(b.st_nlink);
  T(slurp("g", buf, sizeof buf));
  SAY("%s", buf);
  T(stat("d", &a));
  T(a.st_nlink);
  T(mkdir("d/x", 0755));
  T(stat("d", &a));
  T(a.st_nlink);
  return 0;
}
