/* stat fields a program checks: type bits, size, link count, block size present, devices of pipes. */
#include "check.h"

int stat_fields_main(void) {
  enter("stat_fields");
  struct stat st;
  int p[2];
  put("f", "12345");
  T(stat("f", &st));
  SAY("reg %d size %lld nlink %ld mode %o uid %d gid %d", S_ISREG(st.st_mode), (long long)st.st_size,
    (long)st.st_nlink, st.st_mode & 07777, (int)st.st_uid, (int)st.st_gid);
  SAY("blocks for 5 bytes nonzero %d blksize nonzero %d", st.st_blocks > 0, st.st_blksize > 0);
  T(mkdir("d", 0755));
  T(stat("d", &st));
  SAY("dir %d nlink %ld", S_ISDIR(st.st_mode), (long)st.st_nlink);
  T(pipe(p));
  T(fstat(p[0], &st));
  SAY("fifo %d nlink %ld size %lld", S_ISFIFO(st.st_mode), (long)st.st_nlink, (long long)st.st_size);
  T(stat("missing", &st));
  T(stat("f/x", &st));
  T(fstat(99, &st));
  T(open("f", O_RDONLY));
  T(truncate("f", 5000));
  T(stat("f", &st));
  SAY("size %lld", (long long)st.st_size);
  return 0;
}
