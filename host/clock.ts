// The host's wall clock in milliseconds (a monotonic clock: timeouts, yields, Ctrl-C's double tap).
// Read through process.hrtime rather than the global `performance`, whose first use loads Node's
// perf_hooks (eleven modules, about 3 ms of every command's start-up).
// Interface: nowMs() -> milliseconds since an arbitrary point, fractional.
export function nowMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
