// Resource limits, as Linux's asm-generic/resource.h defines them (for getrlimit, setrlimit and
// prlimit64). The kernel (kernel/rlimit.ts) imports them from here.
//
// Interface: RLIMIT_* resources, RLIM_NLIMITS; the rlimit64 record:
//
//   rlimit64  +--------------+--------------+
//             | u64 rlim_cur | u64 rlim_max |   RLIMIT64_SIZE = 16
//             +--------------+--------------+
//             0              8
// RLIM_INFINITY is all ones in 64 bits (~0ULL), wider than an abi constant may be: kernel/rlimit.ts
// writes it as U64.MAX_VALUE.

export const RLIMIT_CPU: i32 = 0;         // CPU time in seconds
export const RLIMIT_FSIZE: i32 = 1;
export const RLIMIT_DATA: i32 = 2;
export const RLIMIT_STACK: i32 = 3;
export const RLIMIT_CORE: i32 = 4;
export const RLIMIT_RSS: i32 = 5;
export const RLIMIT_NPROC: i32 = 6;
export const RLIMIT_NOFILE: i32 = 7;      // open files
export const RLIMIT_MEMLOCK: i32 = 8;
export const RLIMIT_AS: i32 = 9;
export const RLIMIT_LOCKS: i32 = 10;
export const RLIMIT_SIGPENDING: i32 = 11;
export const RLIMIT_MSGQUEUE: i32 = 12;
export const RLIMIT_NICE: i32 = 13;
export const RLIMIT_RTPRIO: i32 = 14;
export const RLIMIT_RTTIME: i32 = 15;
export const RLIM_NLIMITS: i32 = 16;

export const RLIMIT64_SIZE: usize = 16;
export const RLIM_CUR: usize = 0;
export const RLIM_MAX: usize = 8;
