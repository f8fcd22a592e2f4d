// EVENT_IDX on the transmit queue, end to end: the kernel's driver asks for a transmit interrupt
// only when 3/4 of the pending packets are done and reaps completions in the receive interrupt, as
// Linux's virtio-net does. A warm 1 MiB sendfile then takes about one interrupt per packet (its
// ACK) instead of two, every byte arrives, and every page-cache page is released by the end.
import { expect, test } from "vitest";
import { dataBytes, mkfs } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { meminfo } from "../host/inspect";
import { boot, distDemo } from "./helpers/machine";

async function send(eventIdx: boolean) {
  const size = 1 << 20, data = dataBytes(size);
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(16 << 20, { files: [{ path: "/f", data }] }).bytes,
    net: { discardHash: true, eventIdx } });
  b.m.readGuestFile("/f");
  const pid = await b.m.spawn(distDemo("send"), ["send", "sendfile", "/f", "10.0.2.2:9", "65536"]);
  await b.m.run();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const tally = b.m.slirp!.services!.discard.connections[0];
  expect([tally.bytes, tally.fnv]).toEqual([size, fnv1a(data)]);
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
