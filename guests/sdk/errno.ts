// Error numbers: syscalls return -errno (Linux's raw convention); these helpers name them.
//
// Interface:
//   Errno                 the kernel's enum (kernel/abi/errno.ts), re-exported
//   isError(r)            r is a -errno result (-MAX_ERRNO .. -1)
//   errnoOf(r)            the positive errno of a result, 0 if it is not an error
//   errnoName(e)          "ENOENT" for 2
//   strerror(e)           "No such file or directory" for 2 (glibc's messages)
// errnoName and strerror are kernel/abi/errno.ts's, the tracer's table too.

import { Errno, errnoName, strerror, MAX_ERRNO } from "../../kernel/abi/errno";
export { Errno, errnoName, strerror };

/** True if a raw syscall result is an error (-MAX_ERRNO .. -1, as Linux's IS_ERR_VALUE). */
export function isError(r: i64): bool {
  return r < 0 && r >= -MAX_ERRNO;
}

/** The positive errno of a raw syscall result, or 0 if it succeeded. */
export function errnoOf(r: i64): i32 {
  return isError(r) ? <i32>-r : 0;
}
