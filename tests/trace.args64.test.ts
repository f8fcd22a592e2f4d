// strace text shows 64-bit arguments whole, as strace does: a length near 2^64 or a pointer
// above 2^32 (which the kernel refuses) is printed as the guest passed it, not cut to its low
// 32 bits, so the trace of a rejected call shows why it was rejected. A buffer at such a pointer
// is shown as the pointer, never read at the truncated address.
import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { enter, exit, runTrace } from "./helpers/trace";

describe("64-bit arguments", () => {
  it("are printed whole", () => {
    const { lines } = runTrace([
      enter(1, Sys.munmap, [0xbfefe000, -8191n]), exit(2, 1, Sys.munmap, -22),
      enter(3, Sys.mprotect, [0x1bfefe000n, 4096, 1]), exit(4, 3, Sys.mprotect, -12),
      enter(5, Sys.write, [1, 0x100000010n, 0x100000003n]), exit(6, 5, Sys.write, -14),
    ]);
    expect(lines).toEqual([
      "munmap(0xbfefe000, 18446744073709543425) = -1 EINVAL (Invalid argument)",
      "mprotect(0x1bfefe000, 4096, PROT_READ) = -1 ENOMEM (Cannot allocate memory)",
      "write(1, 0x100000010, 4294967299) = -1 EFAULT (Bad address)",
    ]);
  });
});
