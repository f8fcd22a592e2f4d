/* mmap's refusals: zero length, bad flags, unaligned and negative offsets, bad descriptors, directories. */
#include "check.h"
#include <sys/mman.h>

static void try(const char *what, void *r) {
  if (r == MAP_FAILED) SAY("%s: %s", what, errname(errno));
  else SAY("%s: mapped", what);
}

int mmap_errors_main(void) {
  enter("mmap_errors");
  put("f", "0123456789");
  int fd = open("f", O_RDWR);
  try("length 0", mmap(0, 0, PROT_READ, MAP_PRIVATE, fd, 0));
  try("no type", mmap(0, 10, PROT_READ, 0, fd, 0));
  try("both types", mmap(0, 10, PROT_READ, MAP_PRIVATE | MAP_SHARED, fd, 0));
  try("unaligned offset", mmap(0, 10, PROT_READ, MAP_PRIVATE, fd, 100));
  try("negative offset", mmap(0, 10, PROT_READ, MAP_PRIVATE, fd, -4096));
  try("bad fd", mmap(0, 10, PROT_READ, MAP_PRIVATE, 99, 0));
  int d = open(".", O_RDONLY);
  try("directory", mmap(0, 10, PROT_READ, MAP_PRIVATE, d, 0));
  try("past end of file", mmap(0, 10, PROT_READ, MAP_PRIVATE, fd, 1 << 20));
  try("unaligned fixed address", mmap((void *)12345, 10, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0));
  int p[2];
  pipe(p);
  try("pipe", mmap(0, 10, PROT_READ, MAP_PRIVATE, p[0], 0));
  T(munmap((void *)12345, 10));
  T(munmap(0, 0));
  return 0;
}
