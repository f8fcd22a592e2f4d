// Process creation and wait options, as Linux defines them (linux/sched.h, linux/wait.h). The
// kernel, the guest SDK (guests/sdk/uapi/wait.ts adds the W*(status) decoders) and the tracer's
// name tables (host/trace/flags.ts) import them from here.
//
// Interface: CLONE_* flags (the low byte, CSIGNAL, is the signal sent to the parent on exit:
// a fork is clone(SIGCHLD)); WNOHANG etc. for wait4 and waitid; WAIT_ANY. A wait status:
//   exited:   status = code << 8          killed: status = signal number (low 7 bits)

export const CSIGNAL: i32 = 0xff;
export const CLONE_VM: i32 = 0x100;
export const CLONE_FS: i32 = 0x200;
export const CLONE_FILES: i32 = 0x400;
export const CLONE_SIGHAND: i32 = 0x800;
export const CLONE_PIDFD: i32 = 0x1000;
export const CLONE_PTRACE: i32 = 0x2000;
export const CLONE_VFORK: i32 = 0x4000;
export const CLONE_PARENT: i32 = 0x8000;
export const CLONE_THREAD: i32 = 0x10000;
export const CLONE_NEWNS: i32 = 0x20000;
export const CLONE_SYSVSEM: i32 = 0x40000;
export const CLONE_SETTLS: i32 = 0x80000;
export const CLONE_PARENT_SETTID: i32 = 0x100000;
export const CLONE_CHILD_CLEARTID: i32 = 0x200000;
export const CLONE_DETACHED: i32 = 0x400000;
export const CLONE_UNTRACED: i32 = 0x800000;
export const CLONE_CHILD_SETTID: i32 = 0x1000000;

export const WNOHANG: i32 = 1;         // return 0 instead of waiting
export const WUNTRACED: i32 = 2;
export const WEXITED: i32 = 4;
export const WCONTINUED: i32 = 8;
export const WNOWAIT: i32 = 0x01000000;
export const __WNOTHREAD: u32 = 0x20000000;
export const __WALL: u32 = 0x40000000;
export const __WCLONE: u32 = 0x80000000;
export const WAIT_ANY: i32 = -1;       // wait4 pid meaning "any child"

// Wait statuses of a child that stopped or continued (wait4 with WUNTRACED, WCONTINUED).
export const W_STOPCODE: i32 = 0x7f;          // stopped: W_STOPCODE | sig << 8
export const W_CONTINUED: i32 = 0xffff;       // continued
