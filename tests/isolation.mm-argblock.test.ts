// The argument block at ARG_BASE is mapped read-only (kernel/abi/layout.ts says so): a guest's
// store to it is SIGSEGV. Before the fix it was mapped read-write.
import { it, expect } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { run, testGuest } from "./helpers/machine";

it("a store to the argument block is SIGSEGV", async () => {
  const r = await run(await testGuest("mmiso.ts"), ["mmiso", "argstore"]);
  expect(r.stdout).toBe("");
  expect(r.exit.signal).toBe(Sig.SIGSEGV);
});
