// TSO: one 4096-byte TCP packet posted with GSO_TCPV4 and gso_size = MSS leaves the NIC as three
// frames (1460 + 1460 + 1176) with their own sequence numbers, IP ids, lengths and checksums; the
// peer accepts all of them. Without the TSO feature such a packet is rejected.
import { expect, test } from "vitest";
import { PORT_DISCARD, TXQ, GSO_TCPV4, MSS, TCP_PSH, TCP_ACK } from "../kernel/abi/net";
import { PcapWriter, readPcap } from "../host/net/pcap";
import { parseFrame, isMalformed, GUEST_MAC, type Frame } from "../host/net/packet";
import { fnv1a } from "../host/net/services";
import { NetRig } from "./helpers/netdriver";

const data = Uint8Array.from({ length: 4096 }, (_, i) => (i * 13 + 5) & 0xff);

test("a 4096-byte TSO packet becomes 3 frames the peer accepts", () => {
  const pcap = new PcapWriter();
  const rig = new NetRig({ nic: { pcap }, slirp: { discardHash: true }, guest: { segSize: 4096 } });
  const c = rig.guest.connect(PORT_DISCARD);
  rig.settle();
  c.write(data);
  rig.settle();
  pcap.close();

  const [req] = rig.nic.completed.filter((r) => r.queue === TXQ && r.gso === GSO_TCPV4);
  expect(req).toMatchObject({ wire: 3, bytes: 12 + 54 + 4096 });
  const tally = rig.slirp.services!.discard.connections[0];
  expect(tally.bytes).toBe(4096);
  expect(tally.fnv).toBe(fnv1a(data));
  expect(rig.slirp.stats.dropped).toBe(0);

  const sent = readPcap(pcap.bytes()).records.map((r) => parseFrame(r.frame))
    .filter((f): f is Frame => !isMalformed(f) && f.eth.src === GUEST_MAC && f.payload.length > 0);
  expect(sent.map((f) => f.payload.length)).toEqual([MSS, MSS, 4096 - 2 * MSS]);
  const seq0 = sent[0].tcp!.seq;
  expect(sent.map((f) => f.tcp!.seq - seq0)).toEqual([0, MSS, 2 * MSS]);
  expect(sent.map((f) => f.ip!.id - sent[0].ip!.id)).toEqual([0, 1, 2]);
  expect(sent.map((f) => f.ip!.totalLength)).toEqual([1500, 1500, 40 + 4096 - 2 * MSS]);
  expect(sent.map((f) => f.tcp!.flags)).toEqual([TCP_ACK, TCP_ACK, TCP_ACK | TCP_PSH]);   // PSH on the last only
  expect(rig.nic.stats).toMatchObject({ tsoPackets: 1, txErrors: 0 });
});

test("GSO_TCPV4 without the TSO feature is rejected", () => {
  const rig = new NetRig({ nic: { features: { sg: true, tso: false } }, guest: { segSize: 4096 } });
  const c = rig.guest.connect(PORT_DISCARD);
  rig.settle();
  c.write(data);
  rig.settle();
  const bad = rig.nic.completed.find((r) => r.error);
  expect(bad?.error).toBe("GSO_TCPV4 without the TSO feature");
  expect(rig.slirp.services!.discard.connections[0].bytes).toBe(0);
});

test("gso_size that makes frames longer than the MTU is rejected", () => {
  const rig = new NetRig();
  const c = rig.guest.connect(PORT_DISCARD);
  rig.settle();
  const frame = rig.guest.frame({ srcPort: c.port, dstPort: PORT_DISCARD, seq: c.sndNxt, ack: c.rcvNxt, flags: TCP_ACK,
    window: 65535, payload: data });
  rig.drv.send(frame, { gso: GSO_TCPV4, gsoSize: 2000 });
  rig.nic.notify(TXQ, rig.now);
  rig.settle();
  expect(rig.nic.completed.at(-1)!.error).toBe("gso_size 2000 makes frames longer than the MTU");
});
