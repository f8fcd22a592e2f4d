/* hello: printf from a C guest. wasi-libc writes through the WASI personality (fd_write on the
 * kernel's fd table); getpid() is the Linux call from the project's library.
 * Build and run: wasmos build guests/c/examples/hello.c -o hello.wasm && wasmos run hello.wasm */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv) {
  printf("hello from C, pid %d, %d argument%s\n", getpid(), argc - 1, argc == 2 ? "" : "s");
  for (int i = 1; i < argc; i++) printf("  %s\n", argv[i]);
  return 0;
}
