// AssemblyScript's integer types as TypeScript sees them: plain numbers. The kernel and the guest
// SDK compile kernel/abi with asc, which knows these types; the host and the tests compile the same
// files with tsc and esbuild, which read this file. So an abi constant can say its width
// (`export const O_APPEND: i32 = 0x400`) and still be one constant for all three. No 64-bit types:
// assemblyscript's own declarations (seen by tsc through the host's imports) make i64 an object, so
// an abi constant is at most 32 bits wide.
type bool = boolean;
type i8 = number;
type u8 = number;
type i16 = number;
type u16 = number;
type i32 = number;
type u32 = number;
type isize = number;
type usize = number;
