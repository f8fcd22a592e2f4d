// mremap: growing in place when the range after the mapping is free (same address, data kept,
// the new page zero); ENOMEM when it is taken and MREMAP_MAYMOVE is not given; with it the
// mapping moves (data kept, the old range unmapped: mincore ENOMEM); shrinking unmaps the tail;
// MREMAP_FIXED moves to the given address; Linux's errnos for the misuses.
import { expect, it } from "vitest";
import { run, testGuest } from "./helpers/machine";
import { Errno } from "../kernel/abi/errno";

it("mremap: grow in place, move, shrink, MREMAP_FIXED, errnos", async () => {
  const r = await run(await testGuest("procmm.ts"), ["procmm", "mremap"]);
  expect(r.stderr).toBe("");
  expect(r.exit.code).toBe(0);
  expect(r.stdout.trimEnd().split("\n")).toEqual([
    "grow in place: same address, data kept, new page 0",
    `grow blocked, no MAYMOVE: ${-Errno.ENOMEM}`,
    `moved: new address, data kept, old range error ${-Errno.ENOMEM}`,
    `shrink: same address, tail error ${-Errno.ENOMEM}`,
    "fixed: at target, data kept",
    `unaligned: ${-Errno.EINVAL}`,
    `new length 0: ${-Errno.EINVAL}`,
    `bad flags: ${-Errno.EINVAL}`,
    `fixed without maymove: ${-Errno.EINVAL}`,
    `not mapped: ${-Errno.EFAULT}`,
    `past the region: ${-Errno.EFAULT}`,
    `fixed overlapping: ${-Errno.EINVAL}`,
  ]);
});
