// The working directory as Linux keeps it. wasi-libc keeps its own: a path string that starts at
// "/" whatever directory the program was started in, and that its chdir moves by text ("a/.."
// stays unresolved; in a removed directory ".." names nothing). Here the kernel's working directory
// is the one that counts: chdir moves it (the kernel's chdir) and then sets wasi-libc's string to
// the kernel's resolved path, so the relative paths wasi-libc resolves against the string name what
// the kernel's cwd names; getcwd is the kernel's (ENOENT in a removed directory, ERANGE for a short
// buffer, NULL buf: a new string); and before main the string is set to the directory the program
// was started in (a program run by the shell after `cd /tmp` is in /tmp). `wasmos build` links with
// --wrap=chdir,--wrap=getcwd and -u __wasmos_cwd_init.
// Interface: __wrap_chdir, __wrap_getcwd, __wasmos_cwd_init (a constructor).
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wasmos/syscall.h>

extern char *__wasilibc_cwd;    // wasi-libc's path string (its getcwd.o); its chdir is never called
// wasi-libc resolves relative paths against the string only when its chdir.o is linked (it defines
// this, weakly referenced elsewhere): refer to it so that it is.
int __wasilibc_find_relpath_alloc(const char *path, const char **abs, char **rel, size_t *rel_len, int allow_relative);
__attribute__((used)) static void *const linkRelpath = (void *)&__wasilibc_find_relpath_alloc;

static char here[PATH_MAX], libcCwd[PATH_MAX];

static long long kernelGetcwd(char *buf, size_t size) {
  return __wasmos_syscall(__WASMOS_SYS_getcwd, __WASMOS_P(buf), size, 0, 0, 0, 0);
}

// wasi-libc's string becomes the kernel's path, when the kernel can name its cwd (in a removed
// directory it keeps the old one: a relative path then names nothing, as on Linux); errno is kept.
static void follow(void) {
  int saved = errno;
  if (kernelGetcwd(here, sizeof here) > 0 && strcmp(__wasilibc_cwd, here) != 0) {
    strcpy(libcCwd, here);
    __wasilibc_cwd = libcCwd;
  }
  errno = saved;
}

__attribute__((constructor)) void __wasmos_cwd_init(void) { follow(); }

int __wrap_chdir(const char *path) {
  if (__wasmos_syscall(__WASMOS_SYS_chdir, __WASMOS_P(path), 0, 0, 0, 0, 0) < 0) return -1;
  follow();
  return 0;
}

char *__wrap_getcwd(char *buf, size_t size) {
  if (buf) return kernelGetcwd(buf, size) < 0 ? NULL : buf;
  if (kernelGetcwd(here, sizeof here) < 0) return NULL;
  if (size && strlen(here) >= size) { errno = ERANGE; return NULL; }
  return strdup(here);
}
