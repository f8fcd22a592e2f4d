// The kernel's random numbers (getrandom, and WASI's random_get): one seeded generator, so a run
// is reproducible by default; the host sets the seed (`randomSeed`, the machine's `randomSeed`
// option). splitmix64 (Steele, Lea and Flood): fast and well mixed, not cryptographic; what a
// teaching machine needs, and said in docs/abi.md.
// Interface: randomSeed(seed) (exported to the host), randomFill(buf, n) (kernel bytes),
// sys_getrandom (the table's entry), fsGetrandom(p, va, n, flags) -> bytes or -errno.
import { Errno } from "./abi/errno";
import { GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE } from "./abi/random";
import { PAGE_SIZE } from "./abi/layout";
import { Proc } from "./proc";
import { curProc } from "./cpu";
import { copyToUser } from "./copy";
import { u32arg } from "./sysarg";

const DEFAULT_SEED: u64 = 0x5741534d4f53;   // "WASMOS": the seed when the host sets none
const GETRANDOM_MAX: u32 = 33554431;        // most bytes one call returns (Linux: (1 << 25) - 1)
let state: u64 = DEFAULT_SEED;

export function randomSeed(seed: u64): void { state = seed; }

function next(): u64 {
  state += 0x9e3779b97f4a7c15;
  let z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

// n bytes of the generator's stream at kernel address `buf`.
export function randomFill(buf: usize, n: u32): void {
  let i: u32 = 0;
  for (; i + 8 <= n; i += 8) store<u64>(buf + i, next());
  if (i < n) { let v = next(); for (; i < n; i++) { store<u8>(buf + i, <u8>v); v >>= 8; } }
}

export function sys_getrandom(a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64 {
  return fsGetrandom(curProc(), u32arg(a0), a1, <u32>a2);
}

const kbuf: usize = memory.data(PAGE_SIZE);

// getrandom(buf, n, flags): n bytes (at most GETRANDOM_MAX) into the user's buffer, one counted
// copy per page; never blocks, so GRND_NONBLOCK changes nothing. A fault part way returns the
// bytes done, as Linux.
export function fsGetrandom(p: Proc, va: u32, n: i64, flags: u32): i64 {
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) return -Errno.EINVAL;
  if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM)) return -Errno.EINVAL;
  if (n < 0) return -Errno.EINVAL;
  const want = <u32>min(n, <i64>GETRANDOM_MAX);
  let done: u32 = 0;
  while (done < want) {
    const chunk = min(want - done, <u32>PAGE_SIZE);
    randomFill(kbuf, chunk);
    if (copyToUser(p, va + done, kbuf, chunk) < 0) return done > 0 ? <i64>done : -Errno.EFAULT;
    done += chunk;
  }
  return done;
}
