// File flags and constants (O_*, F_*, FD_CLOEXEC, AT_*, SEEK_*, *_OK, POSIX_FADV_*, SPLICE_F_*):
// kernel/abi/fcntl.ts, re-exported for guest programs.
export * from "../../../kernel/abi/fcntl";
