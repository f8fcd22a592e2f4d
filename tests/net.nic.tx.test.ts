// virtio-net transmit: a packet gathered from three descriptors is one DMA and one wire frame (with
// or without the SG feature: which pages may be gathered is the driver's rule); NEEDS_CSUM frames get
// their TCP checksum from the device; completions come with the interrupt at latency + bytes / bandwidth,
// or, with EVENT_IDX, with the interrupt of the completion the driver named.
import { expect, test } from "vitest";
import { PORT_DISCARD, TXQ, MSS, NetConfig, NetFeature, GUEST_MAC_HI, GUEST_MAC_LO, NET_HDR_SIZE, TCP_ACK } from "../kernel/abi/net";
import { VQ_USED, VQ_USED_EVENT, VQ_SETUP_EVENT_IDX } from "../kernel/abi/virtio";
import { NetRig, TX_RING } from "./helpers/netdriver";

const data = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);

test("config: present, the features offered, the guest's MAC", () => {
  const rig = new NetRig({ nic: { features: { sg: true, tso: false } } });
  expect(rig.nic.config(NetConfig.present)).toBe(1);
  expect(rig.nic.config(NetConfig.features)).toBe(NetFeature.sg | NetFeature.eventIdx);
  expect([rig.nic.config(NetConfig.macHi), rig.nic.config(NetConfig.macLo)]).toEqual([GUEST_MAC_HI, GUEST_MAC_LO]);
  expect(new NetRig().nic.config(NetConfig.features)).toBe(NetFeature.sg | NetFeature.tso | NetFeature.eventIdx);
  expect(new NetRig({ nic: { features: { eventIdx: false } } }).nic.config(NetConfig.features)).toBe(NetFeature.sg | NetFeature.tso);
});

test("SG: header, frame headers and payload in three descriptors make one frame", () => {
  const rig = new NetRig({ nic: { features: { sg: true, tso: false } } });
  const c = rig.guest.connect(PORT_DISCARD);
  rig.settle();
  expect(c.state).toBe("ESTABLISHED");
  rig.nic.completed.length = 0;
  rig.txOpts = { pieces: [NET_HDR_SIZE, 54] };           // virtio_net_hdr | Ethernet+IP+TCP | payload
  c.write(data);
  rig.settle();
  const tx = rig.nic.completed.filter((r) => r.queue === TXQ);
  expect(tx[0]).toMatchObject({ bytes: NET_HDR_SIZE + 54 + 1000, wire: 1 });
  expect(tx[0].descs.map((d) => d.len)).toEqual([NET_HDR_SIZE, 54, 1000]);
  expect(tx[0].error).toBeUndefined();
  expect(rig.slirp.services!.discard.connections[0].bytes).toBe(1000);
  expect(rig.guest.violations).toEqual([]);
});

test("no SG: the device still gathers any chain (the SG rule is the driver's, kernel/abi/net.ts)", () => {
  const rig = new NetRig({ nic: { features: { sg: false, tso: false } } });
  rig.txOpts = { pieces: [NET_HDR_SIZE, 20] };
  const c = rig.guest.connect(PORT_DISCARD);               // the SYN, in three descriptors
  rig.settle();
  expect(c.state).toBe("ESTABLISHED");
  expect(rig.nic.completed[0].descs.length).toBe(3);
  expect(rig.nic.stats.txErrors).toBe(0);
});

test("checksum offload: NEEDS_CSUM frames get their TCP checksum on the wire; without it a zero checksum is dropped", () => {
  const rig = new NetRig();
  rig.txOpts = { csum: true };
  const c = rig.guest.connect(PORT_DISCARD);
  rig.settle();
  c.write(data);
  rig.settle();
  expect(c.state).toBe("ESTABLISHED");
  expect(rig.slirp.services!.discard.connections[0].bytes).toBe(1000);
  expect(rig.slirp.stats.dropped).toBe(0);

  const frame = rig.guest.frame({ srcPort: c.port, dstPort: PORT_DISCARD, seq: c.sndNxt, ack: c.rcvNxt, flags: TCP_ACK,
    window: 65535, payload: data });
  frame[14 + 20 + 16] = frame[14 + 20 + 17] = 0;          // a zeroed TCP checksum, no offload asked
  rig.drv.send(frame);
  rig.nic.notify(TXQ, rig.now);
  rig.settle();
  expect(rig.slirp.stats.dropReasons).toEqual({ "TCP: bad checksum": 1 });

  rig.drv.send(frame, { csum: true, pieces: [NET_HDR_SIZE, 10] });   // csum_start is checked, not the layout
  rig.nic.notify(TXQ, rig.now);
  rig.settle();
  expect(rig.slirp.services!.discard.connections[0].bytes).toBe(2000);
});

test("timing: TX done at latency + bytes / bandwidth, the answer arrives a link later", () => {
  const rig = new NetRig({ nic: { timing: { latencyNs: 10_000, bytesPerUs: 1250 } } });
  rig.guest.connect(PORT_DISCARD);                         // a 58-byte SYN at t = 0
  expect(rig.nic.nextIrqAt()).toBe(10_046n);               // 58 * 1000 / 1250 = 46 ns on the wire
  expect(rig.drv.tx.used()).toEqual([]);                   // not complete before the interrupt
  expect(rig.nic.takeIrq()).toBe(true);
  expect(rig.drv.tx.used()).toEqual([{ id: 0, len: 0 }]);
  expect(rig.nic.nextIrqAt()).toBe(20_092n);               // the SYN-ACK left the peer at 10046
  rig.settle();
  expect(rig.nic.completed.map((r) => [r.queue, r.doneNs])).toEqual([[1, 10_046n], [0, 20_092n], [1, 30_135n]]);   // then the 54-byte ACK: 43 ns + 10 us
});

// EVENT_IDX (kernel/abi/virtio.ts): the driver names in used_event the used entry it wants an
// interrupt for; completions before it are posted with that interrupt, not each with its own.
test("EVENT_IDX: four sends, used_event at the fourth: one interrupt, at its completion", () => {
  const run = (eventIdx: boolean) => {
    const rig = new NetRig();
    if (eventIdx) rig.nic.setup(TXQ | VQ_SETUP_EVENT_IDX, TX_RING);
    const c = rig.guest.connect(PORT_DISCARD);
    rig.settle();
    expect(c.state).toBe("ESTABLISHED");
    const v = new DataView(rig.drv.ram.buffer), used = v.getUint16(TX_RING + VQ_USED + 2, true);
    v.setUint16(TX_RING + VQ_USED_EVENT, used + 3, true);    // the fourth send from now
    const irqs = rig.nic.stats.irqs, n = rig.nic.completed.length;
    c.write(new Uint8Array(4 * MSS));                        // four segments, each notified on its own
    const at = rig.nic.nextIrqAt();
    expect(rig.nic.takeIrq()).toBe(true);
    const done = rig.nic.completed.slice(n).filter((r) => r.queue === TXQ).map((r) => r.doneNs);
    return { at, done, irqs: rig.nic.stats.irqs - irqs, used: rig.drv.tx.used().length };
  };
  const ev = run(true);
  expect(ev.done.length).toBe(4);
  expect(new Set(ev.done).size).toBe(4);                     // four completion times
  expect(ev.at).toBe(ev.done[3]);                            // the interrupt waits for the fourth
  expect([ev.irqs, ev.used]).toEqual([1, 4]);                // all four posted with it
  const plain = run(false);
  expect(plain.at).toBe(plain.done[0]);                      // without EVENT_IDX: the first completion's
  expect([plain.done.length, plain.used]).toEqual([1, 1]);
});
