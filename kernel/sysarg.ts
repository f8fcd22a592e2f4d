// Helpers shared by the syscall handlers (the table's sys_* entries): argument narrowing.
// Interface: BAD_UADDR, u32arg(a) -> a user address or length as u32 (a value past 32 bits becomes
// BAD_UADDR, so it faults rather than aliasing its low half), fdArg(a), tooBig(a).
export const BAD_UADDR: u32 = 0xffffffff;   // in the kernel half: every access through it is EFAULT

@inline export function u32arg(a: i64): u32 { return <u64>a > 0xffffffff ? BAD_UADDR : <u32>a; }
@inline export function fdArg(a: i64): i32 { return <i32>a; }
// A length argument that does not fit the 32-bit address space.
@inline export function tooBig(a: i64): bool { return <u64>a > 0xffffffff; }
