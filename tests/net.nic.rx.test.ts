// virtio-net receive: frames from the peer wait in the device until the driver posts buffers
// (backpressure); each goes into one buffer as the 12-byte header (num_buffers 1) and the frame,
// one DMA, its interrupt due at that moment.
import { expect, test } from "vitest";
import { PORT_ECHO, RXQ, NET_HDR_SIZE, RX_BUF_SIZE } from "../kernel/abi/net";
import { NetRig, RX_BUFS } from "./helpers/netdriver";

test("the SYN-ACK waits for a buffer; posted at 50 us it is written there at 50 us", () => {
  const rig = new NetRig({ rxBufs: 0 });
  const c = rig.guest.connect(PORT_ECHO);
  rig.settle();                                            // the SYN's completion only
  expect(rig.now).toBe(10_046n);
  expect(rig.nic.nextIrqAt()).toBeNull();                  // the SYN-ACK (arrived 20092) has nowhere to go
  expect(rig.nic.pending()).toBe(true);
  expect(c.state).toBe("SYN_SENT");

  rig.now = 50_000n;
  rig.drv.postRx(1);
  const head = 0;
  rig.nic.notify(RXQ, rig.now);
  expect(rig.nic.nextIrqAt()).toBe(50_000n);
  const hdr = new DataView(rig.drv.ram.buffer, RX_BUFS, NET_HDR_SIZE);
  expect(hdr.getUint16(10, true)).toBe(1);                 // num_buffers, written by the DMA
  expect([hdr.getUint8(0), hdr.getUint8(1), hdr.getUint16(4, true)]).toEqual([0, 0, 0]);   // no flags, no GSO
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
