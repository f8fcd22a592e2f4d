// A packet socket's TX ring's bad input (tests/guests/pktbad.ts): Linux's packet_set_ring checks
// (block size a multiple of the page, frame size at least TPACKET_HDRLEN and 16-aligned, frames =
// blocks x frames per block: EINVAL; a bad struct tpacket_req pointer: EFAULT; a second ring: EBUSY),
// mmap past the ring or MAP_PRIVATE: EINVAL, and frames whose tp_len is wrong: EINVAL with the frame
// marked TP_STATUS_WRONG_FORMAT (4). Nothing reaches past the ring, and the one good frame after
// all that reaches the host side's UDP discard service intact; the ring's frames go back at exit.
import { afterEach, expect, test } from "vitest";
import { createHash } from "node:crypto";
import { boot, testGuest, type Booted } from "./helpers/machine";
import { meminfo } from "../host/inspect";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

test("bad rings, pointers, mappings and frame lengths are refused; the NIC keeps working", async () => {
  b = await boot({ net: {} });
  const atBoot = meminfo(b.m);
  const pid = await b.m.spawn(await testGuest("pktbad.ts"), ["pktbad"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(b.stdout().split("\n")).toEqual([
    "socket-dgram ESOCKTNOSUPPORT",
    "send-without-ring ENXIO",
    "mmap-without-ring EINVAL",
    "ring-unmapped-req EFAULT",
    "ring-short-req EINVAL",
    "ring-block-not-page EINVAL",
    "ring-frame-too-small EINVAL",
    "ring-frame-unaligned EINVAL",
    "ring-frame-count-wrong EINVAL",
    "ring-too-big ENOMEM",
    "unknown-option ENOPROTOOPT",
    "ring 0",
    "ring-again EBUSY",
    "version-after-ring EBUSY",
    "mmap-too-long EINVAL",
    "mmap-offset-past-end EINVAL",
    "mmap-private EINVAL",
    "write-from-past-the-ring EFAULT",
    "send-len-zero EINVAL", "  status 4",
    "send-len-past-frame EINVAL",
    "send-len-huge EINVAL",
    "send-nothing-requested 0",
    "send-good 142", "  status 0",
    "done", "",
  ]);
  const udp = b.m.slirp!.services!.udpDiscard;
  expect(udp.datagrams).toBe(1);
  expect(udp.tally.sha256()).toBe(createHash("sha256").update(Uint8Array.from({ length: 100 }, (_, i) => i)).digest("hex"));
  const after = meminfo(b.m);
  expect(after.byOwner.pktpool).toBe(0);
  expect(after.free).toBe(atBoot.free);
});
