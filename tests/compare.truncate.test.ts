// `wasmos compare --truncate` (host/truncate.ts): the mmap+write trap on the default image, without a
// lease (the sender dies by SIGBUS) and with one (it ends cleanly; the open waited for it; one break).
import { expect, test } from "vitest";
import { truncateScenario, formatTruncate } from "../host/truncate";

test("without a lease SIGBUS, with one a clean end and a counted break", async () => {
  const rows = await truncateScenario(["none", "lease"]);
  expect(rows.map(({ output, ...r }) => r)).toEqual([
    { mode: "none", sender: "killed by SIGBUS", bytesSent: 147456, truncateWaitMs: 0, leaseBreaks: 0, leaseTimeouts: 0, sigbusFaults: 2 },
    { mode: "lease", sender: "exit 0", bytesSent: 147456, truncateWaitMs: 13, leaseBreaks: 1, leaseTimeouts: 0, sigbusFaults: 0 },
  ]);
  expect(formatTruncate(rows).split("\n")[3]).toBe(
    "lease  read lease, abandon on SIGIO  exit 0            147456      13 ms        1             0       0");
});
