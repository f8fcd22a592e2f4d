// /dev/netmap's bad input (tests/guests/netmapbad.ts): ioctls before NIOCREGIF, bad nmreq pointers,
// versions and names, mappings past the region, and ring indices out of range. Each is refused with
// netmap's errno (EINVAL for a bad index, the ring set back to the kernel's view; EFAULT for a bad
// pointer; EINVAL for a mapping beyond the region), nothing reaches kernel memory, and the NIC still
// sends the one good frame after them: the host side's UDP discard service receives it intact.
import { afterEach, expect, test } from "vitest";
import { boot, testGuest, type Booted } from "./helpers/machine";
import { meminfo } from "../host/inspect";
import { createHash } from "node:crypto";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

test("bad ioctls, pointers, mappings and ring indices are refused; the NIC keeps working", async () => {
  b = await boot({ net: {} });
  const atBoot = meminfo(b.m);
  const pid = await b.m.spawn(await testGuest("netmapbad.ts"), ["netmapbad"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(b.stdout().split("\n")).toEqual([
    "txsync-unregistered ENXIO",
    "mmap-unregistered EINVAL",
    "regif-unmapped EFAULT",
    "regif-straddles-kernel-half EFAULT",
    "regif-kernel-address EFAULT",
    "regif-bad-version EINVAL",
    "regif-no-such-interface ENXIO",
    "write-to-netmap EINVAL",
    "regif-second-fd EBUSY",
    "mmap-too-long EINVAL",
    "mmap-offset-past-end EINVAL",
    "mmap-offset-plus-length-past-end EINVAL",
    "mmap-private EINVAL",
    "write-from-past-the-region EFAULT",
    "txsync-head-num-slots EINVAL", "  ring 0 0 31",
    "txsync-head-huge EINVAL", "  ring 0 0 31",
    "txsync-cur-past-tail EINVAL", "  ring 0 0 31",
    "txsync-cur-before-head EINVAL", "  ring 0 0 31",
    "txsync-reserved-buffer EINVAL", "  ring 0 0 31",
    "txsync-buffer-past-pool EINVAL", "  ring 0 0 31",
    "txsync-buffer-huge EINVAL", "  ring 0 0 31",
    "txsync-len-zero EINVAL", "  ring 0 0 31",
    "txsync-len-past-mtu EINVAL", "  ring 0 0 31",
    "txsync-len-huge EINVAL", "  ring 0 0 31",
    "rxsync-head-not-received EINVAL",
    "rxsync-ok 0",
    "unknown-ioctl ENOTTY",
    "txsync-good 0", "  ring 1 1 31",
    "done", "",
  ]);
  const udp = b.m.slirp!.services!.udpDiscard;
  expect(udp.datagrams).toBe(1);
  expect(udp.tally.sha256()).toBe(createHash("sha256").update(Uint8Array.from({ length: 100 }, (_, i) => i)).digest("hex"));
  expect(udp.tally.bytes).toBe(100);
  expect(b.m.slirp!.stats.framesIn).toBe(1);
  const after = meminfo(b.m);
  expect(after.byOwner.netmap).toBe(0);               // the region went back when the process exited
  expect(after.free).toBe(atBoot.free);
});
