/* Directory listing: entries seen by readdir (sorted here, as order is the file system's), types, a removed directory. */
#include "check.h"
#include <dirent.h>
#include <stdlib.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *path) {
  DIR *d = opendir(path);
  if (!d) { SAY("opendir %s: %s", path, errname(errno)); return; }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) && n < 64) {
    static char store[64][80];
    snprintf(store[n], sizeof store[n], "%s type %s", e->d_name,
      e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "reg" : e->d_type == DT_LNK ? "lnk" : "other");
    names[n] = store[n];
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmp);
  SAY("%s: %d entries", path, n);
  for (int i = 0; i < n; i++) SAY("  %s", names[i]);
}

int getdents_main(void) {
  enter("getdents");
  T(mkdir("d", 0755));
  put("d/b", "b");
  put("d/a", "a");
  T(mkdir("d/sub", 0755));
  T(symlink("a", "d/link"));
  list("d");
  T(unlink("d/a"));
  list("d");
  T(mkdir("gone", 0755));
  T(open("gone", O_RDONLY | O_DIRECTORY));
  T(rmdir("gone"));
  list("gone");
  list("d/b");
  return 0;
}
