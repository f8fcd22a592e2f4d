// mlock faults the pages in (mincore) and counts them in /proc/self/status's VmLck (the range is
// rounded out to pages: 100 bytes in + 4 pages = 5 pages, 20 kB); MADV_DONTNEED on a locked page
// is EINVAL; munlock clears it; ENOMEM for an unmapped range, 0 for length 0; mlockall(0) EINVAL;
// mlockall(MCL_CURRENT | MCL_FUTURE) locks everything (VmLck = VmSize, /proc/meminfo's Mlocked
// non-zero) and new mappings come in faulted; munlockall undoes both.
import { expect, it } from "vitest";
import { run, testGuest } from "./helpers/machine";
import { Errno } from "../kernel/abi/errno";

it("mlock, munlock, mlockall, munlockall: residency, VmLck, errnos", async () => {
  const r = await run(await testGuest("procmm.ts"), ["procmm", "mlock"]);
  expect(r.stderr).toBe("");
  expect(r.exit.code).toBe(0);
  expect(r.stdout.trimEnd().split("\n")).toEqual([
    "before: 0000000000000000 VmLck 0 kB",
    "mlock: 0",
    "after: 1111100000000000 VmLck 20 kB",
    `dontneed on locked: ${-Errno.EINVAL}`,
    "munlock: 0 VmLck 0 kB",
    `mlock unmapped: ${-Errno.ENOMEM}`,
    "mlock len 0: 0",
    `mlockall 0: ${-Errno.EINVAL}`,
    "mlockall: 0 1111111111111111",
    "mapped after MCL_FUTURE: 1111",
    "VmLck equals VmSize: yes",
    "meminfo Mlocked nonzero: yes",
    "munlockall: 0 VmLck 0 kB",
    "mapped after munlockall: 00",
  ]);
});
