// Kernel panic: a broken invariant stops the machine with the function named in the message.
// Interface: panic("walk: no page directory") never returns; abortHandler (AssemblyScript's abort).
import { hostPanic } from "./host";

export function panic(msg: string): void {
  hostPanic(changetype<usize>(msg));
  unreachable();
}

// AssemblyScript's abort (assertions, runtime errors) becomes a panic too.
export function abortHandler(msg: string | null, file: string | null, line: u32, col: u32): void {
  hostPanic(changetype<usize>(msg != null ? msg : "abort"));
  unreachable();
}
