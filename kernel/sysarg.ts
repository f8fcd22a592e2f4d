// Helpers shared by the syscall handlers: argument narrowing and the "not my number" marker.
// Interface: NOT_MINE, u32arg(a) -> the low 32 bits as a user address or length, fdArg(a).
export const NOT_MINE: i64 = -0x10000;   // a sys*.ts handler does not know this number

@inline export function u32arg(a: i64): u32 { return <u32>a; }
@inline export function fdArg(a: i64): i32 { return <i32>a; }
// A length argument that does not fit the 32-bit address space.
@inline export function tooBig(a: i64): bool { return <u64>a > 0xffffffff; }
