/* Where a C program is: it prints getcwd, creates "made.txt" by a relative path, moves with
 * chdir(".."), prints getcwd again and lists "." (its entries sorted, one a line). Run by a shell
 * after `cd`, it must be in the shell's directory, as on Linux (wasi-libc alone starts at "/"). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
  char buf[256], *names[64];
  int n = 0;
  printf("%s\n", getcwd(buf, sizeof buf));
  FILE *f = fopen("made.txt", "w");
  if (!f) return 1;
  fclose(f);
  if (chdir("..")) return 2;
  printf("%s\n", getcwd(buf, sizeof buf));
  DIR *d = opendir(".");
  struct dirent *e;
  while (d && (e = readdir(d)) && n < 64) if (e->d_name[0] != '.') names[n++] = strdup(e->d_name);
  qsort(names, n, sizeof *names, cmp);
  for (int i = 0; i < n; i++) printf("%s\n", names[i]);
  return 0;
}
