// Process creation and wait status, as Linux defines them (linux/sched.h, linux/wait.h).
//
// Interface: CLONE_* flags (the low byte, CSIGNAL, is the signal sent to the parent on exit:
// a fork is clone(SIGCHLD)); WNOHANG etc. for wait4; W*(status) decoders of a wait status:
//   exited:   status = code << 8          killed: status = signal number (low 7 bits)

export const CSIGNAL: i32 = 0xff;
export const CLONE_VM: i32 = 0x100;
export const CLONE_FS: i32 = 0x200;
export const CLONE_FILES: i32 = 0x400;
export const CLONE_SIGHAND: i32 = 0x800;
export const CLONE_VFORK: i32 = 0x4000;
export const CLONE_PARENT: i32 = 0x8000;
export const CLONE_THREAD: i32 = 0x10000;

export const WNOHANG: i32 = 1;         // return 0 instead of waiting
export const WUNTRACED: i32 = 2;
export const WAIT_ANY: i32 = -1;       // wait4 pid meaning "any child"

export function WEXITSTATUS(s: i32): i32 { return (s >> 8) & 0xff; }
export function WTERMSIG(s: i32): i32 { return s & 0x7f; }
export function WIFEXITED(s: i32): bool { return (s & 0x7f) == 0; }
export function WIFSIGNALED(s: i32): bool { return (s & 0x7f) != 0 && (s & 0x7f) != 0x7f; }
