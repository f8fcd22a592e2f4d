// Scatter-gather records: the iovec and msghdr layouts and IOV_MAX of kernel/abi/uio.ts,
// re-exported for guest programs, and a helper to fill an iovec.
//
// Interface: everything in kernel/abi/uio.ts; setIovec(iov, i, base, len).
import { IOVEC_SIZE, IOV_BASE, IOV_LEN } from "../../../kernel/abi/uio";
export * from "../../../kernel/abi/uio";

/** Fill iovec number i of the array at iov. */
export function setIovec(iov: usize, i: i32, base: usize, len: usize): void {
  const p = iov + <usize>i * IOVEC_SIZE;
  store<u32>(p + IOV_BASE, base);
  store<u32>(p + IOV_LEN, len);
}
