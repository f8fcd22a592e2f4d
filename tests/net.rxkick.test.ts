// The kernel's driver kicks the receive queue only when the device asks (used.flags without
// VRING_USED_F_NO_NOTIFY): a sendfile whose ACKs each take a buffer, refilled at every interrupt,
// costs almost no receive notifications, and every byte still arrives.
import { expect, test } from "vitest";
import { dataBytes, mkfs } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { RXQ } from "../kernel/abi/net";
import { boot, distDemo } from "./helpers/machine";

test("a 1 MiB sendfile: the refills after each ACK go without a notification", async () => {
  const size = 1 << 20, data = dataBytes(size);
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(16 << 20, { files: [{ path: "/f", data }] }).bytes, net: { discardHash: true } });
  const nic = b.m.nic!, notify = nic.notify.bind(nic);
  let rxKicks = 0;
  nic.notify = (queue: number, now: bigint) => { if (queue === RXQ) rxKicks++; notify(queue, now); };
  b.m.readGuestFile("/f");
  const pid = await b.m.spawn(distDemo("send"), ["send", "sendfile", "/f", "10.0.2.2:9", "65536"]);
  await b.m.run();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const tally = b.m.slirp!.services!.discard.connections[0];
  expect([tally.bytes, tally.fnv]).toEqual([size, fnv1a(data)]);
  expect(nic.stats.rxFrames).toBeGreaterThan(15);          // the handshake's and every packet's ACK
  expect(rxKicks).toBeLessThanOrEqual(1);                  // (one per frame when the driver always kicked)
  b.m.close();
});
