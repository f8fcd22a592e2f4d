/* getcwd and chdir: the path after moves, a too-small buffer, a file as a directory, a removed working directory. */
#include "check.h"
#include <stdlib.h>

int cwd_main(void) {
  enter("cwd");
  char here[512], buf[512];
  if (!getcwd(here, sizeof here)) return 1;
  T(mkdir("a", 0755));
  T(chdir("a"));
  T(getcwd(buf, sizeof buf) != 0);
  SAY("ends with /cwd/a: %d", strlen(buf) >= 6 && strcmp(buf + strlen(buf) - 6, "/cwd/a") == 0);
  T(getcwd(buf, 2) != 0);
  SAY("errno %s", errname(errno));
  T(chdir(".."));
  T(getcwd(buf, sizeof buf) != 0);
  SAY("back: %d", strcmp(buf, here) == 0);
  put("f", "x");
  T(chdir("f"));
  T(chdir("missing"));
  T(mkdir("gone", 0755));
  T(chdir("gone"));
  T(rmdir("../gone"));
  T(open("new", O_WRONLY | O_CREAT, 0644));
  T(mkdir("newdir", 0755));
  T(getcwd(buf, sizeof buf) != 0);
  SAY("errno %s", errname(errno));
  T(chdir(".."));
  return 0;
}
