/* What creating gives and what a write changes: the modes of a created file and directory (under
 * the default umask 022), open("newname/", O_CREAT), fstatat(fd, "", AT_EMPTY_PATH), the mtime after
 * a write that leaves the size as it was, and a pipe's link count. */
#include "check.h"
#include <time.h>

int create_modes_main(void) {
  enter("create_modes");
  struct stat st, before;
  int fd = T(open("f", O_RDWR | O_CREAT, 0666));
  T(fstat(fd, &st));
  SAY("created 0666: mode %o", st.st_mode & 07777);
  T(close(T(open("g", O_RDWR | O_CREAT, 0600))));
  T(stat("g", &st));
  SAY("created 0600: mode %o", st.st_mode & 07777);
  T(mkdir("d", 0777));
  T(stat("d", &st));
  SAY("mkdir 0777: mode %o", st.st_mode & 07777);
  T(mkdir("e", 0700));
  T(stat("e", &st));
  SAY("mkdir 0700: mode %o", st.st_mode & 07777);
  T(open("newname/", O_RDWR | O_CREAT, 0644));
  T(open("newname/", O_RDONLY | O_CREAT, 0644));
  T(stat("newname", &st));
  T(write(fd, "abcd", 4));
  T(fstatat(fd, "", &st, AT_EMPTY_PATH));
  SAY("empty path: reg %d size %lld", S_ISREG(st.st_mode), (long long)st.st_size);
  T(fstatat(fd, "", &st, 0));
  T(fstatat(AT_FDCWD, "", &st, 0));
  T(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH));
  SAY("cwd by empty path: dir %d", S_ISDIR(st.st_mode));
  T(fstat(fd, &before));
  struct timespec pause = { 0, 20 * 1000 * 1000 };
  nanosleep(&pause, 0);
  T(pwrite(fd, "wxyz", 4, 0));
  T(fstat(fd, &st));
  SAY("same-size write: size %lld mtime later %d", (long long)st.st_size,
    st.st_mtim.tv_sec > before.st_mtim.tv_sec || (st.st_mtim.tv_sec == before.st_mtim.tv_sec && st.st_mtim.tv_nsec > before.st_mtim.tv_nsec));
  int p[2];
  T(pipe(p));
  T(fstat(p[1], &st));
  SAY("pipe write end: fifo %d nlink %ld", S_ISFIFO(st.st_mode), (long)st.st_nlink);
  return 0;
}
