/* symlink and readlink: dangling links, loops, lstat against stat, O_NOFOLLOW, links to directories. */
#include "check.h"

int symlinks_main(void) {
  enter("symlinks");
  char buf[64];
  struct stat st;
  put("f", "target");
  T(symlink("f", "l"));
  T(symlink("f", "l"));
  T(readlink("l", buf, sizeof buf));
  SAY("%.1s", buf);
  T(readlink("l", buf, 0));
  T(readlink("f", buf, sizeof buf));
  T(lstat("l", &st));
  T(S_ISLNK(st.st_mode));
  T(st.st_size);
  T(stat("l", &st));
  T(S_ISREG(st.st_mode));
  T(symlink("nowhere", "dangle"));
  T(stat("dangle", &st));
  T(lstat("dangle", &st));
  T(open("dangle", O_RDONLY));
  T(open("dangle", O_WRONLY | O_CREAT, 0644));
  T(access("nowhere", F_OK));
  T(symlink("loop2", "loop1"));
  T(symlink("loop1", "loop2"));
  T(open("loop1", O_RDONLY));
  T(open("l", O_RDONLY | O_NOFOLLOW));
  T(mkdir("d", 0755));
  T(symlink("d", "ld"));
  put("d/in", "x");
  T(access("ld/in", F_OK));
  T(unlink("ld"));
  T(access("d/in", F_OK));
  T(symlink("", "empty"));
  return 0;
}
