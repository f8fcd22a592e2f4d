// The conformance tests wasmos does not pass, each with the reason: the single list that the CLI's
// verdict, the vitest test (tests/wasi.conformance.test.ts) and docs/wasi.md all use. A listed test
// that starts passing makes the vitest test fail until it is taken off the list.
// Interface: WasiException, WASI_EXCEPTIONS, exceptionFor(name) -> reason | undefined.

export interface WasiException { test: string; reason: string }

export const WASI_EXCEPTIONS: readonly WasiException[] = [
];

export function exceptionFor(name: string): string | undefined {
  return WASI_EXCEPTIONS.find((e) => e.test === name)?.reason;
}
