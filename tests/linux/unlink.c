/* unlink: an open file stays readable, directories, missing names, "." and "..". */
#include "check.h"

int unlink_main(void) {
  enter("unlink");
  char buf[16];
  struct stat st;
  put("f", "still here");
  T(open("f", O_RDONLY));
  T(unlink("f"));
  T(access("f", F_OK));
  T(read(4, buf, 10));
  SAY("%.10s", buf);
  T(fstat(4, &st));
  T(st.st_nlink);
  T(unlink("f"));
  T(mkdir("d", 0755));
  T(unlink("d"));
  T(unlink("."));
  T(unlink(".."));
  T(unlink("d/."));
  T(unlink("missing/x"));
  T(unlink(""));
  T(close(4));
  return 0;
}
