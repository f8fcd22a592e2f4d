// A trapping guest instruction becomes the signal Linux sends for it: integer division by zero
// or overflow is SIGFPE, unreachable (an illegal instruction) is SIGILL; an unknown selector
// runs to the end, so the guest itself is known to work.
import { expect, test } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { run, testGuest } from "./helpers/machine";

test.each([
  ["d", "i32.div_s by zero", Sig.SIGFPE],
  ["o", "i32.div_s INT_MIN / -1", Sig.SIGFPE],
  ["r", "i64.rem_u by zero", Sig.SIGFPE],
  ["u", "unreachable", Sig.SIGILL],
])("%s: %s kills with signal %i", async (sel, _, sig) => {
  const r = await run(await testGuest("trap.wat"), ["trap", sel]);
  expect(r.exit).toEqual({ code: null, signal: sig, status: sig });
  expect(r.stdout).toBe("");
});

test("no trap: the guest survives and exits 1", async () => {
  const r = await run(await testGuest("trap.wat"), ["trap", "none"]);
  expect(r.exit).toEqual({ code: 1, signal: null, status: 256 });
  expect(r.stdout).toBe("survived\n");
});
