// The kernel's driver kicks the receive queue only when the device asks (used.flags without
// VRING_USED_F_NO_NOTIFY): a sendfile whose ACKs each take a buffer, refilled at every interrupt,
// costs almost no receive notifications, and every byte still arrives.
import { expect, test } from "vitest";
import { RXQ } from "../kernel/abi/net";
import { sendfileToDiscard } from "./helpers/sendfile";

test("a 1 MiB sendfile: the refills after each ACK go without a notification", async () => {
  let rxKicks = 0;
  const b = await sendfileToDiscard(1 << 20, {}, (b) => {
    const nic = b.m.nic!, notify = nic.notify.bind(nic);
    nic.notify = (queue: number, now: bigint) => { if (queue === RXQ) rxKicks++; notify(queue, now); };
  });
  expect(b.m.nic!.stats.rxFrames).toBeGreaterThan(15);      // the handshake's and every packet's ACK
  expect(rxKicks).toBeLessThanOrEqual(1);                  // (one per frame when the driver always kicked)
  b.m.close();
});
