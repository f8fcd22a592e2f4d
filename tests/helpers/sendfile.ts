// A warm file sent by the send demo's sendfile to the discard service (10.0.2.2:9), for the NIC and
// TCP tests that count what one transfer costs. Interface: sendfileToDiscard(size, opts, before?)
// -> the booted machine after the run, with the transfer checked (exit 0, every byte, in order).
import { expect } from "vitest";
import { dataBytes, mkfs } from "../../host/fs";
import { fnv1a } from "../../host/net/services";
import { boot, distDemo, type BootOptions, type Booted } from "./machine";

/** A `size`-byte file in the page cache, sent with 64 KiB sendfile calls; `before` runs after the
 *  boot (to wrap a device, say). The tally of the discard service is checked against the file. */
export async function sendfileToDiscard(size: number, opts: Partial<BootOptions> = {},
  before?: (b: Booted) => void): Promise<Booted> {
  const data = dataBytes(size);
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(16 << 20, { files: [{ path: "/f", data }] }).bytes,
    ...opts, net: { discardHash: true, ...opts.net } });
  before?.(b);
  b.m.readGuestFile("/f");
  const pid = await b.m.spawn(distDemo("send"), ["send", "sendfile", "/f", "10.0.2.2:9", "65536"]);
  await b.m.run();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const tally = b.m.slirp!.services!.discard.connections[0];
  expect([tally.bytes, tally.fnv]).toEqual([size, fnv1a(data)]);
  return b;
}
