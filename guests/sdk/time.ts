// Time: clocks and sleeping. Raw wrappers take timespec pointers (uapi/time.ts); the helpers use
// a private static timespec and never allocate.
//
// Interface:
//   clock_gettime(clk, tp) clock_getres(clk, res) nanosleep(req, rem)   raw syscalls
//   nowNs(clk = CLOCK_MONOTONIC)                     the clock in nanoseconds, or -errno
//   sleepNs(ns) sleepMs(ms)                          nanosleep for a duration; 0 or -errno

import { Sys } from "../../kernel/abi/syscalls";
import { syscall2 } from "./syscall";
import { CLOCK_MONOTONIC, NSEC_PER_SEC, TIMESPEC_SIZE, TV_SEC, TV_NSEC } from "./uapi/time";

const ts = memory.data(<i32>TIMESPEC_SIZE, 8);   // scratch timespec for the helpers

export function clock_gettime(clk: i32, tp: usize): i64 {
  return syscall2(Sys.clock_gettime, clk, tp);
}

/** rem (0 or a timespec) receives the time left if the sleep is interrupted. */
/** The clock's resolution into res (a timespec; 0: only check the clock). */
export function clock_getres(clk: i32, res: usize): i64 {
  return syscall2(Sys.clock_getres, clk, res);
}

export function nanosleep(req: usize, rem: usize): i64 {
  return syscall2(Sys.nanosleep, req, rem);
}

/** Clock clk in nanoseconds (monotonic by default), or -errno. */
export function nowNs(clk: i32 = CLOCK_MONOTONIC): i64 {
  const r = clock_gettime(clk, ts);
  if (r < 0) return r;
  return load<i64>(ts + TV_SEC) * NSEC_PER_SEC + load<i64>(ts + TV_NSEC);
}

/** Sleep ns nanoseconds. */
export function sleepNs(ns: i64): i64 {
  store<i64>(ts + TV_SEC, ns / NSEC_PER_SEC);
  store<i64>(ts + TV_NSEC, ns % NSEC_PER_SEC);
  return nanosleep(ts, 0);
}

/** Sleep ms milliseconds. */
export function sleepMs(ms: i64): i64 {
  return sleepNs(ms * 1_000_000);
}
