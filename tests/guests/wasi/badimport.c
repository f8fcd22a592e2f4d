// Imports a function WASI preview 1 does not have: the loader must refuse it, naming it.
#include <stdint.h>
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_teleport")))
int32_t fd_teleport(int32_t fd);
int main(void) { return fd_teleport(1); }
