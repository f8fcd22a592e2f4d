// Each errno's name and Linux's strerror() message, as strace prints them:
// `= -1 EBADF (Bad file descriptor)`. Both come from kernel/abi/errno.ts's table, which the guest
// SDK's errnoName and strerror are too.
// Interface: errnoName(n) -> "EBADF" | "ERRNO_123", errnoText(n) -> "Bad file descriptor".
import { Errno, errnoName as nameOf, strerror } from "../../kernel/abi/errno";

/** Symbolic name of errno n ("EBADF"), or "ERRNO_n" for one the kernel does not define. */
export function errnoName(n: number): string {
  return Errno[n] === undefined ? `ERRNO_${n}` : nameOf(n);
}

/** strerror(n): Linux's message, or "Unknown error n". */
export function errnoText(n: number): string {
  return strerror(n);
}
