// Linux's tcp_tso_should_defer on our TSO path: when the peer's window, not the data, would make the
// next packet short of a full one (and lets out less than a third of the window), the stack waits
// for the ACK that opens it. A 4 MiB sendfile then goes out in whole 44-segment packets (the
// window of 256 KiB is 4 packets and a sliver: without the rule every fifth packet is that sliver).
import { expect, test } from "vitest";
import { MSS, MAX_TSO } from "../kernel/abi/net";
import { sendfileToDiscard } from "./helpers/sendfile";

test("a 4 MiB sendfile goes out in whole TSO packets", async () => {
  const size = 4 << 20, full = Math.floor(MAX_TSO / MSS) * MSS;
  const b = await sendfileToDiscard(size);
  const s = b.m.nic!.stats;
  expect(s.tsoPackets).toBeGreaterThanOrEqual(Math.ceil(size / full));
  expect(s.tsoPackets).toBeLessThanOrEqual(Math.ceil(size / full) + 2);
  b.m.close();
});
