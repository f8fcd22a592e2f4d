// Memory-management syscalls behave as on Linux: memtest's checks of brk, mmap, munmap and
// mprotect all pass, a store to a page made read-only by mprotect and a load from an unmapped
// page both kill the process with SIGSEGV.
import { expect, test } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { distDemo, run, testGuest } from "./helpers/machine";

test("memtest: every check passes", async () => {
  const r = await run(distDemo("memtest"), ["memtest"]);
  const lines = r.stdout.trimEnd().split("\n");
  expect(lines.filter((l) => !l.startsWith("ok "))).toEqual([]);
  expect(lines.length).toBeGreaterThanOrEqual(20);
  expect(r.exit).toEqual({ code: 0, signal: null, status: 0 });
});

test("a store to a page made read-only by mprotect is SIGSEGV", async () => {
  const r = await run(await testGuest("mmfault.ts"), ["mmfault", "mprotect"]);
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe("mapped\nread-only read ok\n");
  expect(r.exit.signal).toBe(Sig.SIGSEGV);
});

test("a load from an unmapped page is SIGSEGV", async () => {
  const r = await run(await testGuest("mmfault.ts"), ["mmfault", "munmap"]);
  expect(r.stderr).toBe("");
  expect(r.stdout).toBe("mapped\nunmapped\n");
  expect(r.exit.signal).toBe(Sig.SIGSEGV);
});
