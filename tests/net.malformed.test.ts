// Frames the host side cannot use are dropped and counted by reason, never thrown, never answered.
import { expect, test } from "vitest";
import fc from "fast-check";
import { Slirp } from "../host/net/slirp";
import { tcpFrame, buildEth, buildIpv4, arpFrame, GUEST_MAC, HOST_MAC, BROADCAST_MAC } from "../host/net/packet";
import { GUEST_IP, HOST_IP, PORT_DISCARD, TCP_SYN, ETH_P_IP, ARP_REQUEST, MSS } from "../kernel/abi/net";

const syn = (o: Partial<Parameters<typeof tcpFrame>[0]> = {}) => tcpFrame({ srcMac: GUEST_MAC, dstMac: HOST_MAC, srcIp: GUEST_IP,
  dstIp: HOST_IP, srcPort: 50000, dstPort: PORT_DISCARD, seq: 1, ack: 0, flags: TCP_SYN, window: 1000, mss: MSS, ...o });

test("each kind of bad frame is dropped with its reason", () => {
  const slirp = new Slirp();
  const flip = (b: Uint8Array, at: number) => { const c = b.slice(); c[at] ^= 0x10; return c; };
  slirp.input(new Uint8Array(10));                                             // runt
  slirp.input(flip(syn(), 20));                                                // IPv4 header checksum
  slirp.input(flip(syn(), 40));                                                // TCP checksum
  slirp.input(syn({ dstMac: "02:00:00:00:00:01" }));                           // another MAC
  slirp.input(syn({ dstIp: 0x0a000203 }));                                     // another host
  slirp.input(buildEth({ dst: HOST_MAC, src: GUEST_MAC, type: 0x86dd }, new Uint8Array(40)));   // IPv6
  slirp.input(buildEth({ dst: HOST_MAC, src: GUEST_MAC, type: ETH_P_IP },
    buildIpv4({ src: GUEST_IP, dst: HOST_IP, protocol: 17 }, new Uint8Array(8))));              // UDP with a length field of 0
  slirp.input(new Uint8Array(1600));                                           // longer than the MTU
  slirp.input(arpFrame(BROADCAST_MAC, { op: ARP_REQUEST, sha: GUEST_MAC, spa: GUEST_IP, tha: BROADCAST_MAC, tpa: 0x0a000209 }));
  expect(slirp.stats.dropReasons).toEqual({
    "runt frame (10 bytes)": 1, "IPv4: bad header checksum": 1, "TCP: bad checksum": 1, "not for the host's MAC": 1,
    "IPv4 to 10.0.2.3": 1, "ethertype 0x86dd": 1, "UDP: length 0 of 8 bytes": 1, "frame longer than the MTU": 1,
    "ARP not asking for the host": 1,
  });
  expect(slirp.stats.dropped).toBe(9);
  expect(slirp.stats.framesIn).toBe(9);
  expect(slirp.output()).toEqual([]);
  expect(slirp.tcp.conns()).toEqual([]);
});

test("ARP for 10.0.2.2 is answered with the host's MAC", () => {
  const slirp = new Slirp();
  slirp.input(arpFrame(BROADCAST_MAC, { op: ARP_REQUEST, sha: GUEST_MAC, spa: GUEST_IP, tha: "00:00:00:00:00:00", tpa: HOST_IP }));
  const [reply] = slirp.output();
  expect(Buffer.from(reply.subarray(0, 14)).toString("hex")).toBe("525400123456" + "52550a000202" + "0806");
  expect(Buffer.from(reply.subarray(14 + 6, 14 + 28)).toString("hex"))
    .toBe("0002" + "52550a000202" + "0a000202" + "525400123456" + "0a00020f");
  expect(slirp.stats.arpReplies).toBe(1);
});

test("random bytes and corrupted SYNs never throw; every frame is handled or counted", () => {
  const slirp = new Slirp();
  const good = syn();
  fc.assert(fc.property(fc.uint8Array({ maxLength: 1600 }), (b) => { slirp.input(b); }), { numRuns: 3000 });
  fc.assert(fc.property(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 }), (at, x) => {
    const b = good.slice(); b[at] ^= x; slirp.input(b);
  }), { numRuns: 3000 });
  slirp.output();
  expect(slirp.stats.framesIn).toBe(6000);
  expect(slirp.stats.dropped).toBeGreaterThan(5000);
});
