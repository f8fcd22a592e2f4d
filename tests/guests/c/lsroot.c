/* Directory listings through wasi-libc (WASI's fd_readdir) and stat: each argument's entries,
 * sorted, on one line, and whether stat calls it a directory. tests/proc.root.test.ts runs it on
 * "/", "/proc" and "/dev". */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    struct stat st;
    int isdir = stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode);
    DIR *d = opendir(argv[i]);
    if (!d) { printf("%s: cannot open\n", argv[i]); continue; }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256)
      if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("%s (dir %d):", argv[i], isdir);
    for (int j = 0; j < n; j++) printf(" %s", names[j]);
    printf("\n");
  }
  return 0;
}
