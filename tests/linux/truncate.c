/* truncate and ftruncate: grow with zeros, shrink, negative lengths, directories, read-only descriptors. */
#include "check.h"

int truncate_main(void) {
  enter("truncate");
  char buf[32];
  struct stat st;
  put("f", "0123456789");
  T(truncate("f", 4));
  T(slurp("f", buf, sizeof buf));
  SAY("%s", buf);
  T(truncate("f", 8));
  T(stat("f", &st));
  T(st.st_size);
  T(slurp("f", buf, sizeof buf));
  SAY("zeros: %d %d %d %d", buf[4], buf[5], buf[6], buf[7]);
  T(truncate("f", -1));
  T(truncate("missing", 0));
  T(mkdir("d", 0755));
  T(truncate("d", 0));
  T(open("f", O_RDONLY));
  T(ftruncate(4, 0));
  T(open("f", O_RDWR));
  T(ftruncate(5, 2));
  T(fstat(5, &st));
  T(st.st_size);
  T(ftruncate(5, -5));
  T(ftruncate(99, 0));
  T(lseek(5, 0, SEEK_END));
  return 0;
}
