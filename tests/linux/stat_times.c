/* File times: a write changes mtime and ctime (also when the size stays), reading does not change mtime, utimensat sets them. */
#include "check.h"
#include <time.h>
#include <sys/stat.h>

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int stat_times_main(void) {
  enter("stat_times");
  struct stat a, b;
  struct timespec pause = { 0, 20000000 };
  char buf[8];
  put("f", "abcd");
  T(stat("f", &a));
  nanosleep(&pause, 0);
  T(open("f", O_RDWR));
  T(pwrite(4, "X", 1, 0));
  T(fstat(4, &b));
  SAY("mtime moved on an overwrite: %d", ns(b.st_mtim) > ns(a.st_mtim));
  SAY("ctime moved: %d", ns(b.st_ctim) > ns(a.st_ctim));
  a = b;
  nanosleep(&pause, 0);
  T(pread(4, buf, 4, 0));
  T(fstat(4, &b));
  SAY("mtime kept on a read: %d", ns(b.st_mtim) == ns(a.st_mtim));
  struct timespec set[2] = { { 1000, 5 }, { 2000, 7 } };
  T(utimensat(AT_FDCWD, "f", set, 0));
  T(stat("f", &b));
  SAY("atime %lld.%ld mtime %lld.%ld", (long long)b.st_atim.tv_sec, b.st_atim.tv_nsec, (long long)b.st_mtim.tv_sec, b.st_mtim.tv_nsec);
  struct timespec omit[2] = { { 0, UTIME_OMIT }, { 3000, 0 } };
  T(utimensat(AT_FDCWD, "f", omit, 0));
  T(stat("f", &b));
  SAY("atime %lld mtime %lld", (long long)b.st_atim.tv_sec, (long long)b.st_mtim.tv_sec);
  struct timespec bad[2] = { { 0, 2000000000 }, { 0, 0 } };
  T(utimensat(AT_FDCWD, "f", bad, 0));
  T(utimensat(AT_FDCWD, "missing", set, 0));
  return 0;
}
