// EVENT_IDX on the transmit queue, end to end: the kernel's driver asks for a transmit interrupt
// only when 3/4 of the pending packets are done and reaps completions in the receive interrupt, as
// Linux's virtio-net does. A warm 1 MiB sendfile then takes about one interrupt per packet (its
// ACK) instead of two, every byte arrives, and every page-cache page is released by the end.
import { expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { sendfileToDiscard } from "./helpers/sendfile";

async function send(eventIdx: boolean) {
  const size = 1 << 20, b = await sendfileToDiscard(size, { net: { eventIdx } });
  const nic = { ...b.m.nic!.stats };
  expect(b.m.dropCaches()).toBeGreaterThanOrEqual(size / 4096);       // no page still referenced
  expect(meminfo(b.m).byOwner.pagecache ?? 0).toBe(0);
  b.m.close();
  return nic;
}

test("a 1 MiB sendfile: about one interrupt per packet with EVENT_IDX, two without", async () => {
  const on = await send(true), off = await send(false);
  expect(on.txPackets).toBe(off.txPackets);                  // the same packets either way
  expect(on.txPackets).toBeGreaterThan(15);
  expect(off.irqs).toBeGreaterThanOrEqual(2 * off.txPackets - 2);
  expect(on.irqs).toBeLessThanOrEqual(on.txPackets + 4);
});
