// virtio-net receive: frames from the peer wait in the device until the driver posts buffers
// (backpressure); the device checks their checksums (bad ones are dropped and counted); each good
// one goes into one buffer as the 12-byte header (num_buffers 1, DATA_VALID) and the frame, one DMA,
// its interrupt due at that moment.
import { expect, test } from "vitest";
import { PORT_ECHO, RXQ, TXQ, NET_HDR_SIZE, RX_BUF_SIZE, NET_HDR_F_DATA_VALID, TCP_ACK, GUEST_IP, HOST_IP } from "../kernel/abi/net";
import { VirtioNet } from "../host/devices/nic";
import { tcpFrame, arpFrame, GUEST_MAC, HOST_MAC } from "../host/net/packet";
import { NetDriver, NetRig, RX_BUFS, RX_RING } from "./helpers/netdriver";
import { VQ_USED, VRING_USED_F_NO_NOTIFY } from "../kernel/abi/virtio";

test("the SYN-ACK waits for a buffer; posted at 50 us it is written there at 50 us", () => {
  const rig = new NetRig({ rxBufs: 0 });
  const c = rig.guest.connect(PORT_ECHO);
  rig.settle();                                            // the SYN's completion only
  expect(rig.now).toBe(10_046n);
  expect(rig.nic.nextIrqAt()).toBeNull();                  // the SYN-ACK (arrived 20092) has nowhere to go
  expect(rig.nic.pending()).toBe(false);                   // no real socket: only the guest can unblock it
  expect(c.state).toBe("SYN_SENT");

  rig.now = 50_000n;
  rig.drv.postRx(1);
  const head = 0;
  rig.nic.notify(RXQ, rig.now);
  expect(rig.nic.nextIrqAt()).toBe(50_000n);
  const hdr = new DataView(rig.drv.ram.buffer, RX_BUFS, NET_HDR_SIZE);
  expect(hdr.getUint16(10, true)).toBe(1);                 // num_buffers, written by the DMA
  expect([hdr.getUint8(0), hdr.getUint8(1), hdr.getUint16(4, true)]).toEqual([NET_HDR_F_DATA_VALID, 0, 0]);   // checked, no GSO
  rig.nic.takeIrq(rig.now);
  const [rx] = rig.nic.completed.filter((r) => r.queue === RXQ);
  expect(rx).toMatchObject({ head, bytes: NET_HDR_SIZE + 58, wire: 1, doneNs: 50_000n,
    descs: [{ addr: RX_BUFS, len: NET_HDR_SIZE + 58 }], frames: [RX_BUFS] });
  expect(rig.drv.rx.used()).toEqual([{ id: head, len: NET_HDR_SIZE + 58 }]);
});

test("one buffer at a time still carries a whole echo, in order", () => {
  const rig = new NetRig({ rxBufs: 1 });
  const c = rig.guest.connect(PORT_ECHO);
  rig.settle();
  const data = Uint8Array.from({ length: 5000 }, (_, i) => (i * 3) & 0xff);
  c.write(data);
  rig.settle();
  expect(Buffer.from(c.received()).equals(Buffer.from(data))).toBe(true);
  const rx = rig.nic.completed.filter((r) => r.queue === RXQ);
  expect(rx.every((r) => r.descs.length === 1 && r.bytes === r.descs[0].len)).toBe(true);   // one buffer each
  expect(rx.length).toBeGreaterThanOrEqual(5);             // the SYN-ACK and 4 echo segments (3 x 1460 + 620), ACKs
  expect(rig.nic.stats.rxFrames).toBe(rx.length);
  expect(rig.guest.violations).toEqual([]);
});

test("a frame that does not fit the posted buffer is dropped and counted; a readable buffer is refused", () => {
  const rig = new NetRig({ rxBufs: 0 });
  rig.drv.postRx(1, 40);
  rig.guest.connect(PORT_ECHO);
  rig.settle();
  expect(rig.nic.stats.rxDropped).toBe(1);
  expect(rig.nic.faults).toEqual(["RX: frame of 58 bytes does not fit a 40-byte buffer: dropped"]);

  rig.drv.rx.post([{ addr: RX_BUFS + RX_BUF_SIZE, len: RX_BUF_SIZE }]);    // device-readable: wrong way round
  rig.nic.notify(RXQ, rig.now);
  rig.settle();
  expect(rig.nic.completed.at(-1)).toMatchObject({ queue: RXQ, error: "RX buffer not device-writable", bytes: 0 });
  expect(rig.nic.stats.rxErrors).toBe(1);
});

test("a frame with a bad checksum from the wire is dropped before DMA; ARP has no DATA_VALID", () => {
  const good = tcpFrame({ srcMac: HOST_MAC, dstMac: GUEST_MAC, srcIp: HOST_IP, dstIp: GUEST_IP, srcPort: 9, dstPort: 50000,
    seq: 1, ack: 1, flags: TCP_ACK, window: 100 });
  const bad = good.slice(); bad[bad.length - 1] ^= 1;
  const arp = arpFrame(GUEST_MAC, { op: 2, sha: HOST_MAC, spa: HOST_IP, tha: GUEST_MAC, tpa: GUEST_IP });
  let queued = [bad, good, arp];
  const drv = new NetDriver();
  const nic = new VirtioNet(drv.ram, { input: () => {}, output: () => { const q = queued; queued = []; return q; } });
  drv.setup(nic);
  drv.postRx(4);
  nic.notify(RXQ, 0n);
  nic.notify(TXQ, 0n);
  nic.takeIrq(1_000_000n);
  expect(nic.stats).toMatchObject({ rxBad: 1, rxFrames: 2 });
  const used = drv.rx.used();
  expect(used.map((u) => u.len)).toEqual([NET_HDR_SIZE + good.length, NET_HDR_SIZE + arp.length]);
  expect(drv.bytes()[RX_BUFS]).toBe(NET_HDR_F_DATA_VALID);
  expect(drv.bytes()[RX_BUFS + RX_BUF_SIZE]).toBe(0);
});

// used.flags of the receive queue: VRING_USED_F_NO_NOTIFY while the device holds buffers it has not
// filled (the driver's kicks would be wasted), cleared when it used the last one (it must be told).
test("the receive queue asks for no notification while the device holds posted buffers", () => {
  const rig = new NetRig({ rxBufs: 0 });
  const noNotify = () => new DataView(rig.drv.ram.buffer).getUint16(RX_RING + VQ_USED, true) & VRING_USED_F_NO_NOTIFY;
  expect(noNotify()).toBe(0);                              // nothing posted yet
  rig.drv.postRx(1);
  rig.nic.notify(RXQ, rig.now);
  expect(noNotify()).toBe(VRING_USED_F_NO_NOTIFY);         // one buffer held
  const c = rig.guest.connect(PORT_ECHO);
  for (let t = rig.nic.nextIrqAt(); t !== null && rig.nic.stats.rxFrames < 1; t = rig.nic.nextIrqAt()) rig.nic.takeIrq(t);
  expect(rig.drv.rx.used().length).toBe(1);                // the SYN-ACK took it
  expect(noNotify()).toBe(0);                              // none left: the driver must kick
  rig.drv.postRx(1);
  rig.nic.notify(RXQ, rig.now);
  expect(noNotify()).toBe(VRING_USED_F_NO_NOTIFY);
  expect(c.state).toBe("SYN_SENT");                        // (the rig's guest never saw the SYN-ACK)
});
