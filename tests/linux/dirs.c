/* Directories: link counts as subdirectories come and go, non-empty removal, renaming directories. */
#include "check.h"

int dirs_main(void) {
  enter("dirs");
  struct stat st;
  T(mkdir("p", 0755));
  T(stat("p", &st));
  T(st.st_nlink);
  T(mkdir("p/a", 0755));
  T(mkdir("p/b", 0755));
  T(stat("p", &st));
  T(st.st_nlink);
  T(rename("p/a", "p/b"));
  T(stat("p", &st));
  T(st.st_nlink);
  T(rename("p/b", "q"));
  T(stat("p", &st));
  T(st.st_nlink);
  T(rmdir("p"));
  T(rmdir("q"));
  return 0;
}
