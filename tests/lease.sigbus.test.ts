// The mmap+write trap without a lease (guests/demos/leasesend.ts, mode "none"): the truncator's open
// goes through at once, the sender's write stops short (the rest of its mapping is gone) and its next
// look at the mapping dies by SIGBUS. With a lease that finishes its send ("finish"), the same run
// sends every byte and the truncator waits for it.
import { expect, test } from "vitest";
import { Stat } from "../kernel/abi/layout";
import { Sig } from "../kernel/abi/signals";
import { distDemo, run, stat } from "./helpers/machine";

test("no lease: the sender dies by SIGBUS", async () => {
  const r = await run(distDemo("leasesend"), ["leasesend", "none", "/leasefile"], { disk: undefined });
  expect(r.exit.signal).toBe(Sig.SIGBUS);
  expect(r.stdout).toBe("truncator: open(O_RDWR|O_TRUNC) returned after 0 ms; size now 0\n" +
    "sender: write returned 16384 of 65536\nreader: got 147456 bytes\n");
  expect(stat(r.machine, Stat.leaseBreaks)).toBe(0);
});

test("a lease the holder keeps until its send is done: every byte sent, the truncate waits", async () => {
  const r = await run(distDemo("leasesend"), ["leasesend", "finish", "/leasefile"], { disk: undefined });
  expect(r.exit.code).toBe(0);
  expect(r.stdout).toContain("sender: SIGIO: lease breaking, F_GETLEASE F_UNLCK; finished after 524288 bytes\n");
  expect(r.stdout).toContain("truncator: open(O_RDWR|O_TRUNC) returned after 104 ms; size now 0\n");
  expect(r.stdout).toContain("reader: got 524288 bytes\n");
});
