/* MAP_SHARED file mappings: stores reach the file and read(), writes through read() reach the mapping, msync. */
#include "check.h"
#include <sys/mman.h>

int mmap_shared_main(void) {
  enter("mmap_shared");
  char buf[16];
  put("f", "aaaaaaaa");
  int fd = T(open("f", O_RDWR));
  char *m = mmap(0, 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  SAY("mapped %d", m != MAP_FAILED);
  m[0] = 'S';
  T(pread(fd, buf, 8, 0));
  SAY("%.8s", buf);
  T(pwrite(fd, "W", 1, 1));
  SAY("mapping sees %c", m[1]);
  T(msync(m, 8, MS_SYNC));
  T(msync(m + 1, 8, MS_SYNC));
  T(munmap(m, 8));
  T(slurp("f", buf, sizeof buf));
  SAY("%s", buf);
  T(open("f", O_RDONLY));
  void *r = mmap(0, 8, PROT_READ | PROT_WRITE, MAP_SHARED, 4, 0);
  SAY("shared writable of O_RDONLY: %s", r == MAP_FAILED ? errname(errno) : "mapped");
  return 0;
}
