// One program, both personalities: printf goes through WASI's fd_write, getpid and uname through
// the Linux import kernel.syscall (asm-generic numbers: getpid 172, uname 160).
#include <stdint.h>
#include <stdio.h>
__attribute__((import_module("kernel"), import_name("syscall")))
int64_t linux_syscall(int32_t nr, int64_t a0, int64_t a1, int64_t a2, int64_t a3, int64_t a4, int64_t a5);
int main(void) {
  char uts[390];
  int64_t pid = linux_syscall(172, 0, 0, 0, 0, 0, 0);
  int64_t r = linux_syscall(160, (int64_t)(uintptr_t)uts, 0, 0, 0, 0, 0);
  printf("pid %lld uname %lld sysname %s\n", (long long)pid, (long long)r, uts);
  return 0;
}
