// After a netmap program has had the NIC (sending and receiving through its rings) and closed it,
// the kernel's TCP/IP stack has it back: a TCP send of a file to the discard service (send
// read+write) in the same machine completes, every byte intact, and the frames are as at boot.
import { afterEach, expect, test } from "vitest";
import { boot, distDemo, type Booted } from "./helpers/machine";
import { compareImage, DATA } from "../host/compare";
import { meminfo } from "../host/inspect";
import { dataBytes } from "../host/fs";
import { fnv1a } from "../host/net/services";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

test("the stack uses the NIC again once netmap lets it go", async () => {
  b = await boot({ disk: compareImage(65536), net: { discardHash: true }, ramBytes: 64 << 20 });
  const m = b.m;
  const echo = await m.spawn(distDemo("netmapecho"), ["netmapecho", "8", "100"]);
  await m.run();
  expect(m.exitOf(echo)?.code).toBe(0);
  expect(b.stdout()).toMatch(/^netmapecho: 8 sent, 8 received intact/);
  const sockets = meminfo(m).byOwner.socket;
  const send = await m.spawn(m.readGuestFile("/usr/demo/send"), ["send", "read+write", DATA, "10.0.2.2:9"]);
  await m.run();
  expect(b.stderr()).toBe("");
  expect(m.exitOf(send)?.code).toBe(0);
  const tally = m.slirp!.services!.discard.connections[0];
  expect(tally.bytes).toBe(65536);
  expect(tally.fnv).toBe(fnv1a(dataBytes(65536)));
  expect(meminfo(m).byOwner.socket).toBe(sockets);     // the receive ring again, nothing held
  expect(meminfo(m).byOwner.netmap).toBe(0);
});
