// With the region table full (NVMA): mprotect that fails midway (ENOMEM: no free region slot to split the last region) leaves the
// regions it already changed with page tables that match them, as Linux does: a store to the page
// of a region now PROT_READ is SIGSEGV. Before the fix the region said read-only but its PTEs
// stayed writable.
import { it, expect } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { run, testGuest } from "./helpers/machine";

it("a partly applied mprotect write-protects what it changed", async () => {
  const r = await run(await testGuest("mmiso.ts"), ["mmiso", "mprotect-full"]);
  expect(r.stdout).toBe("mprotect ENOMEM\nstore to the unchanged region ok\n");
  expect(r.exit.signal).toBe(Sig.SIGSEGV);
});

// munmap that needs a split with the region table full is ENOMEM before any page is dropped (Linux
// checks map_count first). Before the fix the page was dropped and the region kept: it read as 0.
it("a munmap that cannot split leaves the page and its data", async () => {
  const r = await run(await testGuest("mmiso.ts"), ["mmiso", "munmap-full"]);
  expect(r.stdout).toBe("munmap ENOMEM\npage keeps 4242\n");
  expect(r.exit.code).toBe(0);
});
