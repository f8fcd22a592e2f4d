/* The last page of a mapped file: bytes stored past end of file never reach the file, even when it grows. */
#include "check.h"
#include <sys/mman.h>

int mmap_eof_main(void) {
  enter("mmap_eof");
  char buf[32];
  put("f", "abc");
  int fd = T(open("f", O_RDWR));
  char *m = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  SAY("mapped %d, tail zero %d", m != MAP_FAILED, m[3] == 0 && m[100] == 0);
  m[5] = 'X';
  T(msync(m, 4096, MS_SYNC));
  T(munmap(m, 4096));
  T(ftruncate(fd, 8));
  T(pread(fd, buf, 8, 0));
  SAY("byte 5 after growing: %d", buf[5]);
  T(lseek(fd, 0, SEEK_END));
  return 0;
}
