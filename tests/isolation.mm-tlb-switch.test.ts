// The TLB holds no entry of another address space after a process switch: the parent loads a page
// (its TLB entry now names the parent's frame), then the child, which unmapped that page, runs and
// loads the same address: SIGSEGV, never the parent's data.
import { it, expect } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { run, testGuest } from "./helpers/machine";

it("a stale TLB entry after a switch is not used", async () => {
  const r = await run(await testGuest("mmiso.ts"), ["mmiso", "tlb-switch"]);
  expect(r.stdout).toBe(`parent reads ${0x5ec12e7}\nchild signal ${Sig.SIGSEGV}\n`);
  expect(r.exit.code).toBe(0);
});
