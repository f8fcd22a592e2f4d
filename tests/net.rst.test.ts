// RST: a SYN to a port nobody listens on is refused (what the guest sees as ECONNREFUSED); a
// segment for no connection, a SYN on an open connection and a bad ACK in SYN_RCVD are reset.
import { expect, test } from "vitest";
import { Slirp } from "../host/net/slirp";
import { parseFrame, type Frame } from "../host/net/packet";
import { PORT_DISCARD, TCP_SYN, TCP_ACK, TCP_RST, MSS } from "../kernel/abi/net";
import { wire } from "./helpers/guestnet";

const tcpOf = (f: Uint8Array) => (parseFrame(f) as Frame).tcp!;

test("SYN to a closed port: RST|ACK acking the SYN, no connection left", () => {
  const slirp = new Slirp();
  const { guest, pump } = wire(slirp);
  const c = guest.connect(12345);
  const [rst] = slirp.output();
  const t = tcpOf(rst);
  expect(t.flags).toBe(TCP_RST | TCP_ACK);
  expect(t.seq).toBe(0);
  expect(t.ack).toBe((c.sndUna + 1) >>> 0);
  expect([t.srcPort, t.dstPort]).toEqual([12345, c.port]);
  guest.input(rst);
  pump();
  expect(c.rst).toBe(true);
  expect(slirp.stats.refused).toBe(1);
  expect(slirp.tcp.conns()).toEqual([]);
});

test("an ACK for no connection: RST with the segment's ack as its seq", () => {
  const slirp = new Slirp();
  const { guest } = wire(slirp);
  guest.emit(guest.frame({ srcPort: 50000, dstPort: PORT_DISCARD, seq: 100, ack: 0xdeadbeef, flags: TCP_ACK, window: 100 }));
  const t = tcpOf(slirp.output()[0]);
  expect(t.flags).toBe(TCP_RST);
  expect(t.seq).toBe(0xdeadbeef);
  expect(slirp.stats.dropReasons["segment for no connection"]).toBe(1);
  guest.emit(guest.frame({ srcPort: 50000, dstPort: PORT_DISCARD, seq: 1, ack: 0, flags: TCP_RST, window: 0 }));
  expect(slirp.output()).toEqual([]);                    // never answer a RST
});

test("a SYN on an established connection resets it", () => {
  const slirp = new Slirp();
  const { guest, pump } = wire(slirp);
  const c = guest.connect(PORT_DISCARD);
  pump();
  guest.emit(guest.frame({ srcPort: c.port, dstPort: PORT_DISCARD, seq: 5, ack: 0, flags: TCP_SYN, window: 100, mss: MSS }));
  const t = tcpOf(slirp.output()[0]);
  expect(t.flags & TCP_RST).toBeTruthy();
  expect(slirp.tcp.conns()).toEqual([]);
  expect(slirp.services!.discard.connections[0].closed).toBe(true);
});

test("a wrong ACK in SYN_RCVD is answered with RST; the right one then completes the handshake", () => {
  const slirp = new Slirp();
  const { guest } = wire(slirp);
  guest.emit(guest.frame({ srcPort: 50001, dstPort: PORT_DISCARD, seq: 1000, ack: 0, flags: TCP_SYN, window: 100, mss: MSS }));
  const synAck = tcpOf(slirp.output()[0]);
  guest.emit(guest.frame({ srcPort: 50001, dstPort: PORT_DISCARD, seq: 1001, ack: synAck.seq + 7, flags: TCP_ACK, window: 100 }));
  const rst = tcpOf(slirp.output()[0]);
  expect(rst.flags).toBe(TCP_RST);
  expect(rst.seq).toBe(synAck.seq + 7);
  expect(slirp.tcp.conns()[0].state).toBe("SYN_RCVD");
  guest.emit(guest.frame({ srcPort: 50001, dstPort: PORT_DISCARD, seq: 1001, ack: synAck.seq + 1, flags: TCP_ACK, window: 100 }));
  expect(slirp.tcp.conns()[0].state).toBe("ESTABLISHED");
});

test("a guest RST closes the host side's connection", () => {
  const slirp = new Slirp();
  const { guest, pump } = wire(slirp);
  const c = guest.connect(PORT_DISCARD);
  pump();
  c.abort();
  expect(slirp.tcp.conns()).toEqual([]);
  expect(slirp.stats.resetsReceived).toBe(1);
  expect(slirp.output()).toEqual([]);
});
