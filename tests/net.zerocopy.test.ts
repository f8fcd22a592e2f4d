// MSG_ZEROCOPY on the wire (tests/guests/zerocopy.ts to the discard service): with SO_ZEROCOPY the
// NIC DMAs from the program's own pinned pages (no CPU copy under sendto) and the completion is read
// from the error queue (origin 5 = SO_EE_ORIGIN_ZEROCOPY, ids lo..hi, consecutive ones coalesced);
// without SO_ZEROCOPY the flag is ignored: a plain copy, and no completion ever comes (EAGAIN).
// A program that overwrites its buffer before the completion changes what goes on the wire: the
// capture shows the new bytes in every segment sent after the call returned. With sg=off it falls
// back to a copy and the completion says so.
import { afterEach, expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fnv1a } from "../host/net/services";
import { readPcap } from "../host/net/pcap";
import { parseFrame, type Frame } from "../host/net/packet";
import { GUEST_IP, PORT_DISCARD } from "../kernel/abi/net";
import { Errno } from "../kernel/abi/errno";
import { boot, testGuest } from "./helpers/machine";

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + 3) & 0xff);
const completion = (lo: number, hi: number, code = 0) =>
  `zc ret=0 lo=${lo} hi=${hi} origin=5 type=0 code=${code} errno=0 level=0 cmsgtype=11 cmsglen=28 controllen=28 flags=8192`;
const EMPTY = `errqueue ${-Errno.EAGAIN}`;

let dir: string | null = null;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = null; });

async function zerocopy(mode: string, n: number, pcap?: string, sg = true) {
  const b = await boot({ net: { pcap, sg, discardHash: true } });
  const pid = await b.m.spawn(await testGuest("zerocopy.ts"), ["zerocopy", mode, String(n)]);
  await b.m.run();
  b.m.close();
  expect(b.stderr()).toBe("");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const conns = b.m.slirp!.services!.discard.connections;
  expect(conns.length).toBe(1);
  return { lines: b.stdout().trimEnd().split("\n"), tally: conns[0], sendto: b.m.stats(pid).bySyscall.sendto };
}

test("SO_ZEROCOPY: no CPU copy; completion 0..0, then 1..2 coalesced, then EAGAIN; bytes intact", async () => {
  const n = 16384;
  const r = await zerocopy("on", n);
  expect(r.lines).toEqual([completion(0, 0), EMPTY, completion(1, 2), EMPTY]);
  expect(r.tally.bytes).toBe(3 * n);
  const p = pattern(n);
  expect(r.tally.fnv).toBe(fnv1a(p, fnv1a(p, fnv1a(p))));
  expect(r.tally.closed).toBe(true);
  expect(r.sendto).toMatchObject({ calls: 3, cpuCopies: 0, cpuCopyBytes: 0 });
  expect(r.sendto.dmaCopies).toBeGreaterThan(0);               // the NIC read the user's pages
});

test("MSG_ZEROCOPY without SO_ZEROCOPY: a plain copy (one per page under sendto), no completion", async () => {
  const n = 16384;
  const r = await zerocopy("off", n);
  expect(r.lines).toEqual([EMPTY]);
  expect(r.tally.bytes).toBe(n);
  expect(r.tally.fnv).toBe(fnv1a(pattern(n)));
  expect(r.sendto).toMatchObject({ calls: 1, cpuCopies: n / 4096, cpuCopyBytes: n });
});

test("writing the buffer before the completion: later segments carry the new bytes", async () => {
  dir = mkdtempSync(join(tmpdir(), "wasmos-zc-"));
  const file = join(dir, "zc.pcap"), n = 256 * 1024;
  const r = await zerocopy("overwrite", n, file);
  expect(r.lines).toEqual([completion(0, 0), EMPTY]);         // the completion still comes, once
  expect(r.sendto).toMatchObject({ cpuCopies: 0 });
  // the guest's payload as it went on the wire, segment by segment
  const segs = readPcap(readFileSync(file)).records.map((x) => parseFrame(x.frame) as Frame)
    .filter((f) => f.ip?.src === GUEST_IP && f.tcp?.dstPort === PORT_DISCARD && f.payload.length > 0)
    .map((f) => f.payload);
  const wire = Buffer.concat(segs);
  expect(wire.length).toBe(n);
  expect(r.tally.fnv).toBe(fnv1a(wire));                       // the discard service saw the same
  let at = 0;
  const boundaries = [0, ...segs.map((x) => (at += x.length))];
  const k = boundaries.find((b) => wire.subarray(b).every((x) => x === 0xee))!;   // whole segments: old or new
  expect(k).toBeGreaterThan(0);                                // the first window went out during send()...
  expect(k).toBeLessThan(n);                                   // ...the rest after it returned, from the new bytes
  expect(wire.subarray(0, k).equals(Buffer.from(pattern(k)))).toBe(true);
});

// Without scatter-gather the driver may hand the NIC only the socket's own pages (kernel/abi/net.ts),
// so, as Linux without NETIF_F_SG, MSG_ZEROCOPY falls back to a copy and says so in the completion
// (ee_code SO_EE_CODE_ZEROCOPY_COPIED = 1).
test("with sg=off, MSG_ZEROCOPY copies (one per page) and completes with ee_code 1", async () => {
  const n = 16384;
  const r = await zerocopy("on", n, undefined, false);
  expect(r.sendto).toMatchObject({ cpuCopies: 3 * n / 4096, cpuCopyBytes: 3 * n });
  expect(r.lines).toEqual([completion(0, 0, 1), EMPTY, completion(1, 2, 1), EMPTY]);
});
