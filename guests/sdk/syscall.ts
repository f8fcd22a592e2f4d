// System call entry: the one import every guest has.
//
// The kernel exports a single entry point, imported as kernel.syscall:
//   (func (param i32 i64 i64 i64 i64 i64 i64) (result i64))
// taking a Linux asm-generic syscall number (enum Sys) and six arguments. It returns the result,
// or a negative Linux errno (enum Errno) on error, exactly like the raw Linux syscall instruction.
//
// Interface:
//   syscall6(nr, a0..a5)       the raw import
//   syscall0(nr) .. syscall5   the same with trailing zero arguments
// Pointers are guest-virtual addresses (usize), widened to i64 without sign extension.
// Importing this file also loads abort.ts, so that any guest using the SDK has the abort handler
// guests/build.mjs aliases AssemblyScript's abort to.

import "./abort";

// @ts-ignore: decorator
@external("kernel", "syscall")
export declare function syscall6(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64, a5: i64): i64;

// @ts-ignore: decorator
@inline export function syscall0(nr: i32): i64 {
  return syscall6(nr, 0, 0, 0, 0, 0, 0);
}

// @ts-ignore: decorator
@inline export function syscall1(nr: i32, a0: i64): i64 {
  return syscall6(nr, a0, 0, 0, 0, 0, 0);
}

// @ts-ignore: decorator
@inline export function syscall2(nr: i32, a0: i64, a1: i64): i64 {
  return syscall6(nr, a0, a1, 0, 0, 0, 0);
}

// @ts-ignore: decorator
@inline export function syscall3(nr: i32, a0: i64, a1: i64, a2: i64): i64 {
  return syscall6(nr, a0, a1, a2, 0, 0, 0);
}

// @ts-ignore: decorator
@inline export function syscall4(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64): i64 {
  return syscall6(nr, a0, a1, a2, a3, 0, 0);
}

// @ts-ignore: decorator
@inline export function syscall5(nr: i32, a0: i64, a1: i64, a2: i64, a3: i64, a4: i64): i64 {
  return syscall6(nr, a0, a1, a2, a3, a4, 0);
}
