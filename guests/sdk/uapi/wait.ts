// Process creation and wait options: the constants of kernel/abi/wait.ts, re-exported for guest
// programs, and the W*(status) decoders of a wait status:
//   exited:   status = code << 8          killed: status = signal number (low 7 bits)
//
// Interface: everything in kernel/abi/wait.ts; WEXITSTATUS, WTERMSIG, WIFEXITED, WIFSIGNALED.
export * from "../../../kernel/abi/wait";

export function WEXITSTATUS(s: i32): i32 { return (s >> 8) & 0xff; }
export function WTERMSIG(s: i32): i32 { return s & 0x7f; }
export function WIFEXITED(s: i32): bool { return (s & 0x7f) == 0; }
export function WIFSIGNALED(s: i32): bool { return (s & 0x7f) != 0 && (s & 0x7f) != 0x7f; }
