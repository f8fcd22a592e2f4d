// Segmentation of a bulk send, as Linux's tcp_write_xmit: a TSO packet carries a whole number of
// segments unless it takes the last of what is queued (tcp_mss_split_point), and a partial last
// segment waits while an earlier partial one is unacknowledged (Nagle with Minshall's refinement,
// Linux's default). A sendfile of 64 KiB pieces then sends about one packet per piece; before,
// each call cut a 65,472-byte packet (44 segments and a partial one) and sent the 64 bytes left on
// their own; a loop of small writes never has two partial segments in flight; a short tail waits
// while a packet of the connection is still in the NIC's transmit queue (autocorking). Every byte
// still arrives, in order. Every piece of one sendfile call but its last goes with SPLICE_F_MORE,
// so a piece's partial last segment waits for the next.
import { expect, test } from "vitest";
import { dataBytes, mkfs } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { MSS } from "../kernel/abi/net";
import { boot, distDemo } from "./helpers/machine";

const IP_AT = 14, TCP_AT = 14 + 20;   // Ethernet, then IPv4 without options, then TCP

async function send(size: number, chunk: number, method = "sendfile", warm = false) {
  const data = dataBytes(size);
  const b = await boot({ disk: mkfs(16 << 20, { files: [{ path: "/f", data }] }).bytes, net: { discardHash: true } });
  const slirp = b.m.slirp!;
  if (warm) b.m.readGuestFile("/f");             // the page cache holds the file: the sender outruns the wire
  const packets: number[] = [];                  // payload bytes of each data packet the guest sent
  const partialWhileUnacked: number[] = [];      // partial-ended packets sent while an earlier one was unacknowledged
  let acked = 0, partialEnd = -1;                // the host's highest ACK so far; the end of the last partial-ended packet
  const u32 = (f: Uint8Array, at: number) => ((f[at] << 24) | (f[at + 1] << 16) | (f[at + 2] << 8) | f[at + 3]) >>> 0;
  const input = slirp.input.bind(slirp), output = slirp.output.bind(slirp);
  slirp.input = (frame, info = {}) => {
    const tcpHlen = frame.length > TCP_AT + 12 && frame[IP_AT + 9] === 6 ? (frame[TCP_AT + 12] >> 4) * 4 : 0;
    const payload = frame.length - TCP_AT - tcpHlen + (info.payload ?? []).reduce((n, p) => n + p.length, 0);
    if (tcpHlen > 0 && payload > 0) {
      packets.push(payload);
      const end = (u32(frame, TCP_AT + 4) + payload) >>> 0;
      if (payload % MSS !== 0) {
        if (partialEnd >= 0 && ((acked - partialEnd) | 0) < 0) partialWhileUnacked.push(packets.length - 1);
        partialEnd = end;
      }
    }
    input(frame, info);
  };
  slirp.output = () => {                         // the frames the host sends the guest: its ACKs
    const frames = output();
    for (const f of frames) if (f.length >= TCP_AT + 20 && f[IP_AT + 9] === 6) acked = u32(f, TCP_AT + 8);
    return frames;
  };
  const pid = await b.m.spawn(distDemo("send"), ["send", method, "/f", "10.0.2.2:9", String(chunk)]);
  await b.m.run();
  const tally = slirp.services!.discard.connections[0];
  b.m.close();
  return { exit: b.m.exitOf(pid), packets, partialWhileUnacked, tally, data };
}

test("a 256 KiB sendfile in 64 KiB calls: whole-segment TSO packets, every byte in order", async () => {
  const r = await send(256 << 10, 65536);
  expect(r.exit?.code).toBe(0);
  expect([r.tally.bytes, r.tally.fnv]).toEqual([256 << 10, fnv1a(r.data)]);
  expect(r.packets.reduce((n, p) => n + p, 0)).toBe(256 << 10);
  const multi = r.packets.slice(0, -1).filter((p) => p > MSS);
  expect(multi.length).toBeGreaterThan(0);
  expect(multi.filter((p) => p % MSS !== 0)).toEqual([]);       // no TSO packet but the last ends in a partial segment
  expect(r.packets.length).toBeLessThan(2 * 4);                   // before: two packets per call
  expect(r.partialWhileUnacked).toEqual([]);
});

test("64 KiB in 4 KiB writes: never two partial segments in flight (Nagle holds the tail)", async () => {
  const r = await send(64 << 10, 4096, "read+write");
  expect(r.exit?.code).toBe(0);
  expect([r.tally.bytes, r.tally.fnv]).toEqual([64 << 10, fnv1a(r.data)]);
  expect(r.partialWhileUnacked).toEqual([]);
  expect(r.packets.filter((p) => p % MSS === 0).length).toBeGreaterThan(0);   // tails held back, whole segments sent
});

test("4 MiB by sendfile: a short tail waits for the transmit completion (autocorking)", async () => {
  const r = await send(4 << 20, 65536, "sendfile", true);
  expect(r.exit?.code).toBe(0);
  expect([r.tally.bytes, r.tally.fnv]).toEqual([4 << 20, fnv1a(r.data)]);
  // 64 pieces of 64 KiB (sendfile's internal pipe): a packet of 44 segments each, and tails that
  // waited. Without autocorking (and before SPLICE_F_MORE), the tails that went at once while a
  // packet was still queued made it 106 packets here.
  const calls = (4 << 20) / 65536;
  expect(r.packets.length).toBeLessThanOrEqual(calls * 1.5);
});

test("one 4 MiB sendfile: every piece but the last goes with SPLICE_F_MORE, so no packet but the last ends short", async () => {
  const r = await send(4 << 20, 65536, "sendfile", true);   // (the demo's sendfile is one call for the whole file)
  expect(r.exit?.code).toBe(0);
  expect([r.tally.bytes, r.tally.fnv]).toEqual([4 << 20, fnv1a(r.data)]);
  // The call fills the socket, sleeps, and goes on as ACKs free it: each piece's partial last segment
  // waits for the next piece (Linux's splice_direct_to_actor). Without, each piece's tail went alone.
  expect(r.packets.slice(0, -1).filter((p) => p % MSS !== 0)).toEqual([]);
  expect(r.packets.length).toBeLessThan(Math.ceil((4 << 20) / (44 * MSS)) * 1.3);
});
