// Clocks and struct timespec: kernel/abi/time.ts, re-exported for guest programs; NSEC_PER_SEC.
export * from "../../../kernel/abi/time";

export const NSEC_PER_SEC: i64 = 1_000_000_000;
