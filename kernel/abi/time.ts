// Clocks and struct timespec, as Linux defines them (linux/time.h, 64-bit time_t). The kernel,
// the guest SDK and the tracer's name tables (host/trace/flags.ts) import them from here.
//
// Interface: CLOCK_* clock ids; the timespec record:
//
//   +--------------+--------------+
//   | i64 tv_sec   | i64 tv_nsec  |   TIMESPEC_SIZE = 16
//   +--------------+--------------+
//   0              8
// (the layout a 64-bit Linux and a time64 32-bit Linux use; kernel and SDK must agree.)

export const CLOCK_REALTIME: i32 = 0;
export const CLOCK_MONOTONIC: i32 = 1;
export const CLOCK_PROCESS_CPUTIME_ID: i32 = 2;
export const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
export const CLOCK_MONOTONIC_RAW: i32 = 4;
export const CLOCK_REALTIME_COARSE: i32 = 5;
export const CLOCK_MONOTONIC_COARSE: i32 = 6;
export const CLOCK_BOOTTIME: i32 = 7;
export const CLOCK_REALTIME_ALARM: i32 = 8;
export const CLOCK_BOOTTIME_ALARM: i32 = 9;
export const CLOCK_TAI: i32 = 11;

export const TIMESPEC_SIZE: usize = 16;
export const TV_SEC: usize = 0;      // i64 seconds
export const TV_NSEC: usize = 8;     // i64 nanoseconds, 0 .. 999_999_999
