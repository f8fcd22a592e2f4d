// Copy-on-write is decided by a private region's maximum protection (Linux's VM_MAYWRITE), not by
// its protection at fork: a page read-only or PROT_NONE at fork, made writable by mprotect in
// parent and child after fork, is copied by the first store on each side. Before the fix the
// frame stayed shared without the COW bit and each side read the other's store.
import { describe, it, expect } from "vitest";
import { meminfo } from "../host/inspect";
import { boot, testGuest } from "./helpers/machine";

describe("isolation: mprotect after fork", () => {
  for (const before of ["read", "none"]) {
    it(`keeps parent and child apart (PROT_${before.toUpperCase()} at fork)`, async () => {
      const b = await boot();
      const free0 = meminfo(b.m).free;
      const pid = await b.m.spawn(await testGuest("mmiso.ts"), ["mmiso", "cow-mprotect", before]);
      await b.m.run();
      expect(b.stdout()).toBe("parent sees 1\nchild sees 2\nparent keeps 3\n");
      expect(b.m.exitOf(pid)?.code).toBe(0);
      expect(meminfo(b.m).free).toBe(free0);
    });
  }
});
