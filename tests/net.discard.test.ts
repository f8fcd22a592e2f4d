// A JS guest opens a connection to discard (10.0.2.2:9), sends 4096 bytes and closes: the host side
// completes the handshake, counts every byte with the right FNV-1a and sha256, and closes in turn.
import { expect, test } from "vitest";
import { createHash } from "node:crypto";
import { Slirp } from "../host/net/slirp";
import { fnv1a } from "../host/net/services";
import { PORT_DISCARD, TCP_SYN, TCP_ACK, TCP_FIN, MSS } from "../kernel/abi/net";
import { wire } from "./helpers/guestnet";

const data = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7 + (i >> 8)) & 0xff);

test("handshake, 4096 bytes, FIN both ways: discard counts them intact", () => {
  const slirp = new Slirp({ discardHash: true });
  const { guest, pump } = wire(slirp);
  const c = guest.connect(PORT_DISCARD);
  pump();
  expect(c.state).toBe("ESTABLISHED");
  const synAck = c.segments[0];
  expect(synAck.flags).toBe(TCP_SYN | TCP_ACK);
  expect(synAck.mss).toBe(MSS);
  expect(synAck.window).toBe(65535);
  expect(slirp.tcp.conns()[0].state).toBe("ESTABLISHED");

  c.write(data);
  pump();
  const tally = slirp.services!.discard.connections[0];
  expect(tally.bytes).toBe(4096);
  expect(tally.fnv).toBe(fnv1a(data));
  expect(tally.sha256()).toBe(createHash("sha256").update(data).digest("hex"));
  expect(c.sndUna).toBe(c.sndNxt);                                   // all acknowledged

  c.close();
  pump();
  expect(c.fin).toBe(true);
  expect(c.state).toBe("CLOSED");                                     // our FIN acked, theirs received
  expect(c.segments.at(-1)!.flags & TCP_ACK).toBeTruthy();
  expect(c.segments.some((s) => s.flags & TCP_FIN)).toBe(true);
  expect(slirp.tcp.conns()).toEqual([]);                              // LAST_ACK -> CLOSED on our ACK
  expect(tally.closed).toBe(true);
  expect(slirp.stats).toMatchObject({ connections: 1, bytesIn: 4096, dropped: 0, resetsSent: 0 });
  expect(guest.violations).toEqual([]);
});

test("FNV-1a 32 known vectors; a tally per connection, bytes totalled", () => {
  expect(fnv1a(new Uint8Array(0))).toBe(0x811c9dc5);
  expect(fnv1a(new TextEncoder().encode("a"))).toBe(0xe40c292c);
  expect(fnv1a(new TextEncoder().encode("foobar"))).toBe(0xbf9cf968);
  const slirp = new Slirp({ discardHash: true });
  const { guest, pump } = wire(slirp);
  for (const part of [data.subarray(0, 1000), data.subarray(1000)]) {
    const c = guest.connect(PORT_DISCARD);
    pump(); c.write(part); c.close(); pump();
  }
  const d = slirp.services!.discard;
  expect(d.connections.map((t) => t.bytes)).toEqual([1000, 3096]);
  expect(d.connections.map((t) => t.fnv)).toEqual([fnv1a(data.subarray(0, 1000)), fnv1a(data.subarray(1000))]);
  expect(d.total.bytes).toBe(4096);
});
