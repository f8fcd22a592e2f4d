/* Shared anonymous memory across fork (tests/mm.shared-anon.test.ts): a MAP_SHARED|MAP_ANONYMOUS
 * region of 8 pages, none touched before fork; the child stores into pages 0, 3 and 7, unmaps page
 * 3 of its view (splitting the region), and exits; the parent sees the stores, and its page 3 still
 * holds the child's byte. A second child of a second region stores after the parent unmapped all
 * of it: nothing is lost, nothing is left. */
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define PAGE 4096
#define PAGES 8

int main(void) {
  char *m = mmap(0, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m == MAP_FAILED) { printf("mmap failed\n"); return 1; }
  pid_t c = fork();
  if (c == 0) {
    m[0] = 'a'; m[3 * PAGE] = 'b'; m[7 * PAGE + 5] = 'c';
    munmap(m + 3 * PAGE, PAGE);
    _exit(0);
  }
  int st;
  waitpid(c, &st, 0);
  printf("parent sees %c %c %c, untouched %d\n", m[0], m[3 * PAGE], m[7 * PAGE + 5], m[PAGE]);
  char *n = mmap(0, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  c = fork();
  if (c == 0) { usleep(1000); n[2 * PAGE] = 'z'; _exit(n[2 * PAGE] == 'z' ? 0 : 3); }
  munmap(n, PAGES * PAGE);
  waitpid(c, &st, 0);
  printf("child of an unmapped region exits %d\n", WEXITSTATUS(st));
  return 0;
}
