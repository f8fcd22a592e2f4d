// A packet-ring frame whose data crosses from one ring page into the next (tests/guests/pktcross.ts):
// the ring's pages are not adjacent in RAM, so the NIC must be given one descriptor per page. The
// host side's UDP discard service checks each datagram's checksum (computed by the guest over the
// ring's bytes) and tallies the payloads: all four arrive, and the 64 bytes past the page boundary
// are the ring's 0xBB, not whatever frame follows the first page in RAM (0xCC: the probe's own page).
import { afterEach, expect, test } from "vitest";
import { boot, testGuest, type Booted } from "./helpers/machine";
import { fnv1a } from "../host/net/services";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

test("a frame across two ring pages is sent from those two pages", async () => {
  b = await boot({ net: {} });
  const pid = await b.m.spawn(await testGuest("pktcross.ts"), ["pktcross"]);
  await b.m.run();
  expect(b.stdout()).toBe("sent\n");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const udp = b.m.slirp!.services!.udpDiscard;
  expect(udp.datagrams).toBe(4);
  const want = new Uint8Array(3 * 10 + 966).fill(0xaa);
  want.fill(0xbb, want.length - 64);            // frame 3's UDP payload: 3194 .. 4160 of the ring
  expect(udp.tally.bytes).toBe(want.length);
  expect(udp.tally.fnv).toBe(fnv1a(want));
});
