// Shrinking SO_RCVBUF with data in flight loses nothing (review of kernel/net for issue 10). The
// receiver checked arriving data against the new, smaller buffer and dropped what the window it had
// already advertised allowed; nothing is retransmitted on the virtual wire, so the connection
// stalled for good (the reader slept forever and was killed). As Linux, a receiver never shrinks
// the window it offered: data up to its right edge is taken.
import { expect, test } from "vitest";
import { chargenBytes, fnv1a } from "../host/net/services";
import { run, testGuest } from "./helpers/machine";

const N = 100_000;

test("SO_RCVBUF shrunk right after connect: chargen's bytes all arrive, in order", async () => {
  const r = await run(await testGuest("rcvbuf.ts"), ["rcvbuf", String(N)]);
  expect([r.exit.signal, r.exit.code, r.stderr]).toEqual([null, 0, ""]);
  expect(r.stdout).toBe(`read ${N} ${fnv1a(chargenBytes(0, N)).toString(16)}\n`);
});
