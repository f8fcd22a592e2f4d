// The host side's fast path (issue 16): a TSO packet reaches the host TCP whole (GRO) and is
// acknowledged once, the checksums the NIC was asked to fill in are trusted unsummed, the payload is
// lent from guest RAM, and the discard service only counts. verifyChecksums makes the NIC sum every
// checksum and the host check it; discardHash makes the discard service hash. The counts the kernel
// reports are the same either way.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { PORT_DISCARD } from "../kernel/abi/net";
import { fnv1a } from "../host/net/services";
import { boot, distDemo } from "./helpers/machine";

const SIZE = 1 << 20;
const data = Uint8Array.from({ length: SIZE }, (_, i) => (i * 7 + (i >> 12)) & 0xff);

async function send(net: { verifyChecksums?: boolean; discardHash?: boolean }) {
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(8 << 20, { files: [{ path: "/f", data }] }).bytes, net });
  const pid = await b.m.spawn(distDemo("send"), ["send", "sendfile", "/f", `10.0.2.2:${PORT_DISCARD}`, "65536"]);
  await b.m.run();
  b.m.close();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const s = b.m.stats();
  return { m: b.m, tally: b.m.slirp!.services!.discard.connections[0], counts: [s.irqs, s.syscalls, s.cpuCopyBytes] };
}

test("a TSO packet is one segment for the host TCP, acknowledged once; discard counts without hashing", async () => {
  const { m, tally } = await send({});
  expect(tally.bytes).toBe(SIZE);
  expect(() => tally.fnv).toThrow("only counts");
  const nic = m.nic!.stats, slirp = m.slirp!.stats;
  expect(slirp.dropped).toBe(0);
  expect(slirp.framesIn).toBe(nic.txFrames);                 // wire frames, counted as such
  expect(nic.tsoPackets).toBeGreaterThanOrEqual(SIZE / 65536);
  expect(nic.txFrames).toBeGreaterThan(SIZE / 1460);
  // The host's frames: SYN-ACK, one ACK per data packet, the FIN's ACK and its own FIN.
  expect(slirp.framesOut).toBeLessThanOrEqual(nic.txPackets + 2);
});

test("verifyChecksums: the NIC sums, the host checks every checksum; discardHash: the bytes hash right; same counts", async () => {
  const fast = await send({});
  const checked = await send({ verifyChecksums: true, discardHash: true });
  expect(checked.m.slirp!.stats.dropped).toBe(0);
  expect([checked.tally.bytes, checked.tally.fnv]).toEqual([SIZE, fnv1a(data)]);
  expect(checked.counts).toEqual(fast.counts);
});
