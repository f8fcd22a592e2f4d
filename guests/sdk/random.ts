// Random bytes from the kernel (getrandom). The kernel's generator is seeded, so a run gives the
// same bytes each time unless the host chooses another seed.
//
// Interface: getrandom(buf, len, flags) (flags GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE)
import { Sys } from "../../kernel/abi/syscalls";
import { syscall3 } from "./syscall";

/** Fills buf with len bytes; returns the count (at most 33554431 per call) or -errno. */
export function getrandom(buf: usize, len: usize, flags: u32): i64 {
  return syscall3(Sys.getrandom, buf, len, flags);
}
