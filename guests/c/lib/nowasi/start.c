// `wasmos build --no-wasi`: a C program on kernel.syscall alone, without the WASI personality.
// This file is the startup wasi-libc's crt1 would be: argc and argv come from the argument block
// the kernel maps at ARG_BASE (docs/abi.md), and the end is exit_group. With io.c it lets printf,
// read, write and the Linux-call library work; a wasi-libc function that needs any other WASI call
// leaves an import the loader refuses, naming it.
// Interface: _start, _Exit, _exit.
#include <stdlib.h>
#include <wasmos/syscall.h>

void __wasm_call_ctors(void);
int __main_argc_argv(int argc, char **argv);

void _start(void) {
  unsigned *block = (unsigned *)(unsigned long)__WASMOS_ARG_BASE;
  int argc = (int)block[0];
  __wasm_call_ctors();
  exit(__main_argc_argv(argc, (char **)(block + 1)));
}

_Noreturn void _Exit(int status) {
  __wasmos_kernel_syscall(__WASMOS_SYS_exit_group, status, 0, 0, 0, 0, 0);
  __builtin_unreachable();
}

_Noreturn void _exit(int status) { _Exit(status); }
