// Tunables (xv6's param.h). Each fixes the size of one kernel table or a limit.
// Interface: the constants below.
import { TRACE_REC_SIZE } from "./abi/trace";
import { FRAME_REC_SIZE } from "./abi/records";
import { PAGE_SIZE } from "./abi/layout";
export { STAGE_SIZE, TTY_BUF } from "./abi/layout";   // the host fills them: their sizes are abi

export const PROC_SIZE: i32 = PAGE_SIZE;  // bytes per process record: one frame, allocated at fork
export const PID_MAX: u32 = 32768;     // default and largest pid_max: pids are below it (Linux's PID_MAX_DEFAULT)
export const RESERVED_PIDS: u32 = 300; // pids wrap to this, not to 1 (Linux's RESERVED_PIDS)
export const PID_MAX_MIN: u32 = RESERVED_PIDS + 1;  // smallest pid_max (Linux's pid_max_min)
export const PROC_RESERVE: u32 = 32;   // frames free beyond oom.ts MIN_FREE for a new process to be made: its
                                       // record, save area, page tables and the copy-on-write faults after fork
export const NOFILE: i32 = 64;         // open files per process
export const NFILE: i32 = 256;         // open files in the whole system
export const PATH_MAX: i32 = 256;      // longest path, with its NUL
export const UMASK_INIT: u32 = 0o022;  // the first process's umask (Linux's init and login shells: 022)
export const FILE_SIZE: i32 = 64;      // bytes per open-file record
export const NLEASE: i32 = 64;         // file leases held in the whole system (lease.ts)
export const LEASE_BREAK_TIME: u32 = 45;  // seconds a lease holder has to release (Linux's /proc/sys/fs/lease-break-time)
export const NVMA: i32 = 48;           // mapped regions per process
export const NSHM: u32 = 512;          // shared anonymous mappings (their page objects, shmem.ts) alive at once
export const TRACE_REC: i32 = TRACE_REC_SIZE;  // bytes per trace record
export const TRACE_RECS: i32 = 8192;   // trace ring capacity (records)
export const KSTACK_SIZE: i32 = 32768; // most bytes of a process's asyncify save area (the unwind window's size)
export const KSTACK_PAGES: i32 = KSTACK_SIZE / PAGE_SIZE;  // ... in frames, allocated as the saved stack grows
export const FRAME_REC: i32 = FRAME_REC_SIZE;  // bytes per frame record
export const RW_CHUNK: u32 = 16 << 20;  // most one sendfile moves to a file or the console (then a short count)
export const FLUSH_INTERVAL_NS: u64 = 5000000000;  // periodic writeback of dirty pages (Linux: dirty_writeback_centisecs = 500)
export const TIME_HORIZON_NS: u64 = 1 << 62;  // latest wake-up a sleep may ask (~146 years): the virtual clock jumps to
                                               // deadlines, and timers added to it must stay below 2^63 (Linux: KTIME_MAX)
