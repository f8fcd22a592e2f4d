/* MAP_PRIVATE file mappings: stores stay private, the file's later changes show until the page is copied. */
#include "check.h"
#include <sys/mman.h>

int mmap_private_main(void) {
  enter("mmap_private");
  char buf[16];
  put("f", "abcdefgh");
  int fd = T(open("f", O_RDWR));
  char *m = mmap(0, 8, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
  SAY("mapped %d", m != MAP_FAILED);
  SAY("reads %.8s", m);
  m[0] = 'P';
  T(slurp("f", buf, sizeof buf));
  SAY("file %s mapping %.8s", buf, m);
  T(munmap(m, 8));
  T(open("f", O_RDONLY));
  char *r = mmap(0, 8, PROT_READ | PROT_WRITE, MAP_PRIVATE, 4, 0);
  SAY("private writable of O_RDONLY: %d", r != MAP_FAILED);
  r[1] = 'Q';
  T(slurp("f", buf, sizeof buf));
  SAY("file %s mapping %.8s", buf, r);
  return 0;
}
