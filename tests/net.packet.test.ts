// Packets are byte-exact in network order, checksums match known vectors, and parsing never throws.
import { expect, test } from "vitest";
import fc from "fast-check";
import {
  checksum, tcpChecksum, buildIpv4, buildTcp, tcpFrame, arpFrame, parseFrame, isMalformed, frameCheck, fillTcpChecksum, ipString, parseIp, macOf,
  GUEST_MAC, HOST_MAC, BROADCAST_MAC, type Frame,
} from "../host/net/packet";
import {
  GUEST_IP, HOST_IP, GUEST_MAC_HI, GUEST_MAC_LO, IPPROTO_TCP, TCP_SYN, TCP_ACK, TCP_PSH, ARP_REQUEST, ETH_P_IP,
} from "../kernel/abi/net";

const hex = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s/g, ""), "hex"));

test("Internet checksum: RFC 1071's example and a real IPv4 header", () => {
  expect(checksum(hex("0001 f203 f4f5 f6f7"))).toBe(0x220d);
  const ip = hex("4500 0073 0000 4000 4011 0000 c0a8 0001 c0a8 00c7");   // checksum field zeroed
  expect(checksum(ip)).toBe(0xb861);
  ip.set([0xb8, 0x61], 10);
  expect(checksum(ip)).toBe(0);                                          // a valid header sums to 0
  expect(checksum(hex("01"))).toBe(0xfeff);                              // odd length: padded with zero
});

test("TCP checksum with the pseudo-header (vectors from an independent implementation)", () => {
  const syn = buildTcp({ srcPort: 49152, dstPort: 9, seq: 0x70000000, ack: 0, flags: TCP_SYN, window: 65535, mss: 1460 },
    new Uint8Array(0), GUEST_IP, HOST_IP);
  expect(Buffer.from(syn).toString("hex")).toBe("c000000970000000000000006002ffff500c0000020405b4");
  const data = buildTcp({ srcPort: 49152, dstPort: 9, seq: 0x70000001, ack: 0x10000001, flags: TCP_ACK | TCP_PSH, window: 65535 },
    new TextEncoder().encode("hello"), GUEST_IP, HOST_IP);
  expect(new DataView(data.buffer).getUint16(16)).toBe(0x13d9);
  expect(tcpChecksum(GUEST_IP, HOST_IP, data)).toBe(0);
});

test("addresses: ipString, parseIp, MACs from the ABI pairs", () => {
  expect(ipString(GUEST_IP)).toBe("10.0.2.15");
  expect(ipString(0xffffffff)).toBe("255.255.255.255");
  expect(parseIp("10.0.2.2")).toBe(HOST_IP);
  expect(parseIp("10.0.2.256")).toBeNull();
  expect(parseIp("10.0.2")).toBeNull();
  expect(macOf(GUEST_MAC_HI, GUEST_MAC_LO)).toBe("52:54:00:12:34:56");
  expect(HOST_MAC).toBe("52:55:0a:00:02:02");
});

test("a TCP frame round-trips through parseFrame, Ethernet padding ignored", () => {
  const payload = Uint8Array.from({ length: 3 }, (_, i) => i + 1);
  const f = tcpFrame({ srcMac: GUEST_MAC, dstMac: HOST_MAC, srcIp: GUEST_IP, dstIp: HOST_IP, ipId: 0x1234,
    srcPort: 50000, dstPort: 7, seq: 0xfffffff0, ack: 5, flags: TCP_SYN, window: 1000, mss: 1460, payload });
  expect(f.length).toBe(14 + 20 + 24 + 3);
  expect([...f.subarray(12, 14)]).toEqual([0x08, 0x00]);                 // ethertype big-endian
  expect([...f.subarray(30, 34)]).toEqual([10, 0, 2, 2]);               // destination IP in network order
  const padded = new Uint8Array(80); padded.set(f);
  const p = parseFrame(padded) as Frame;
  expect(isMalformed(p)).toBe(false);
  expect(p.eth).toEqual({ dst: HOST_MAC, src: GUEST_MAC, type: ETH_P_IP });
  expect(p.ip).toMatchObject({ src: GUEST_IP, dst: HOST_IP, protocol: IPPROTO_TCP, id: 0x1234, totalLength: 47, ttl: 64 });
  expect(p.tcp).toMatchObject({ srcPort: 50000, dstPort: 7, seq: 0xfffffff0, ack: 5, flags: TCP_SYN, window: 1000, mss: 1460, hlen: 24 });
  expect([...p.payload]).toEqual([1, 2, 3]);
});

test("ARP frames parse; IPv4 header built right", () => {
  const a = parseFrame(arpFrame(BROADCAST_MAC, { op: ARP_REQUEST, sha: GUEST_MAC, spa: GUEST_IP, tha: "00:00:00:00:00:00", tpa: HOST_IP })) as Frame;
  expect(a.arp).toEqual({ op: ARP_REQUEST, sha: GUEST_MAC, spa: GUEST_IP, tha: "00:00:00:00:00:00", tpa: HOST_IP });
  const ip = buildIpv4({ src: GUEST_IP, dst: HOST_IP, protocol: 17, id: 7 }, new Uint8Array(8));
  expect(checksum(ip.subarray(0, 20))).toBe(0);
  expect([...ip.subarray(0, 10)]).toEqual([0x45, 0, 0, 28, 0, 7, 0x40, 0, 64, 17]);
});

test("broken frames come back as reasons", () => {
  const good = tcpFrame({ srcMac: GUEST_MAC, dstMac: HOST_MAC, srcIp: GUEST_IP, dstIp: HOST_IP,
    srcPort: 1, dstPort: 2, seq: 3, ack: 4, flags: TCP_ACK, window: 5, payload: new Uint8Array(10) });
  const bad = (patch: (b: Uint8Array) => void): string => { const b = good.slice(); patch(b); return (parseFrame(b) as { error: string }).error; };
  expect((parseFrame(new Uint8Array(5)) as { error: string }).error).toMatch(/runt/);
  expect(bad((b) => { b[14] = 0x65; })).toMatch(/version 6/);
  expect(bad((b) => { b[24] ^= 1; })).toMatch(/bad header checksum/);
  expect(bad((b) => { b[b.length - 1] ^= 0x80; })).toMatch(/TCP: bad checksum/);
  expect((parseFrame(good.subarray(0, 40)) as { error: string }).error).toMatch(/total length/);
});

test("parseFrame never throws on random bytes or random corruption", () => {
  const good = tcpFrame({ srcMac: GUEST_MAC, dstMac: HOST_MAC, srcIp: GUEST_IP, dstIp: HOST_IP,
    srcPort: 1, dstPort: 2, seq: 3, ack: 4, flags: TCP_SYN, window: 5, mss: 1460, payload: new Uint8Array(10) });
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => { parseFrame(b); }), { numRuns: 2000 });
  fc.assert(fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
    const b = good.slice(); b[at] ^= x;
    const r = parseFrame(b);
    if (at >= 14 && !isMalformed(r)) expect(r.ip?.totalLength ?? 0).toBeGreaterThanOrEqual(0);
  }), { numRuns: 2000 });
});

test("frameCheck says what parseFrame says, on good frames and every single-byte corruption", () => {
  const verdict = (b: Uint8Array) => { const f = parseFrame(b); return isMalformed(f) ? "bad" : f.tcp ? "tcp" : "other"; };
  const frames = [
    tcpFrame({ srcMac: GUEST_MAC, dstMac: HOST_MAC, srcIp: GUEST_IP, dstIp: HOST_IP, srcPort: 1, dstPort: 2, seq: 3, ack: 4,
      flags: TCP_SYN, window: 5, mss: 1460, wscale: 7, payload: new Uint8Array(11) }),
    tcpFrame({ srcMac: HOST_MAC, dstMac: GUEST_MAC, srcIp: HOST_IP, dstIp: GUEST_IP, srcPort: 9, dstPort: 4000, seq: 1, ack: 2,
      flags: TCP_ACK, window: 100 }),
    arpFrame(BROADCAST_MAC, { op: ARP_REQUEST, sha: GUEST_MAC, spa: GUEST_IP, tha: BROADCAST_MAC, tpa: HOST_IP }),
  ];
  expect(frames.map(frameCheck)).toEqual(["tcp", "tcp", "other"]);
  for (const good of frames) {
    fc.assert(fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(good.length), (at, x, cut) => {
      const b = good.slice(); b[at] ^= x;
      expect(frameCheck(b)).toBe(verdict(b));
      expect(frameCheck(b.subarray(0, cut))).toBe(verdict(b.subarray(0, cut)));
    }), { numRuns: 3000 });
  }
  fc.assert(fc.property(fc.uint8Array({ maxLength: 120 }), (b) => { expect(frameCheck(b)).toBe(verdict(b)); }), { numRuns: 2000 });
  // Bad TCP options under a right checksum (the sum filled in again after the corruption).
  const syn = frames[0], optAt = 14 + 20 + 20, optEnd = 14 + 20 + (syn[14 + 20 + 12] >> 4) * 4;
  fc.assert(fc.property(fc.integer({ min: optAt, max: optEnd - 1 }), fc.nat(255), (at, x) => {
    const b = syn.slice(); b[at] = x;
    expect(fillTcpChecksum(b, 14 + 20, 16)).toBeNull();
    expect(frameCheck(b)).toBe(verdict(b));
  }), { numRuns: 2000 });
});

test("checksum offload fills the TCP checksum in place; TSO keeps the headers and fixes the sums", async () => {
  const { fillTcpChecksum, tsoSegment } = await import("../host/net/packet");
  const f = tcpFrame({ srcMac: GUEST_MAC, dstMac: HOST_MAC, srcIp: GUEST_IP, dstIp: HOST_IP,
    srcPort: 1, dstPort: 2, seq: 3, ack: 4, flags: TCP_ACK, window: 5, payload: new Uint8Array(33).fill(9) });
  const z = f.slice(); z[50] = z[51] = 0;
  expect(fillTcpChecksum(z, 34, 16)).toBeNull();
  expect([...z]).toEqual([...f]);
  expect(fillTcpChecksum(z, 34, 6)).toMatch(/not the TCP checksum/);
  expect(tsoSegment(f, 10)).toHaveLength(4);               // 33 bytes in 10-byte segments
  expect(tsoSegment(f.subarray(0, 30), 10)).toMatch(/TSO frame of 30 bytes/);
});
