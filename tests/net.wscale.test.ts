// Window scaling (RFC 7323) between the kernel's TCP and the host side: the guest's SYN offers
// scale 0, the host's SYN-ACK scale 3, the host's later windows count 8 bytes a unit, and the
// kernel's sender uses them: more than 65535 bytes are in flight at once (read off a pcap of a
// 1 MiB sendfile to the discard service, in wire order).
import { afterEach, expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { readPcap } from "../host/net/pcap";
import { parseFrame, isMalformed, type Frame } from "../host/net/packet";
import { GUEST_IP, PORT_DISCARD, TCP_SYN } from "../kernel/abi/net";
import { boot, distDemo } from "./helpers/machine";

const SIZE = 1 << 20;
let dir: string | null = null;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = null; });

test("SYNs offer window scales 0 and 3; more than 65535 bytes go in flight", async () => {
  dir = mkdtempSync(join(tmpdir(), "wasmos-wscale-"));
  const file = join(dir, "send.pcap");
  const data = new Uint8Array(SIZE).fill(7);
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(8 << 20, { files: [{ path: "/f", data }] }).bytes, net: { pcap: file } });
  const pid = await b.m.spawn(distDemo("send"), ["send", "sendfile", "/f", `10.0.2.2:${PORT_DISCARD}`, "65536"]);
  await b.m.run();
  b.m.close();
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(b.m.slirp!.services!.discard.connections[0].bytes).toBe(SIZE);

  const frames = readPcap(readFileSync(file)).records.map((r) => parseFrame(r.frame))
    .filter((f): f is Frame => !isMalformed(f) && !!f.tcp);
  const fromGuest = (f: Frame) => f.ip!.src === GUEST_IP;
  const syns = frames.filter((f) => f.tcp!.flags & TCP_SYN);
  expect(syns.map((f) => [fromGuest(f), f.tcp!.wscale])).toEqual([[true, 0], [false, 3]]);
  // In flight when a data frame reaches the host: its end less the last ACK the guest had received.
  let acked = syns[1].tcp!.ack, inflight = 0, maxWindow = 0;
  for (const f of frames.filter((x) => !(x.tcp!.flags & TCP_SYN))) {
    const t = f.tcp!;
    if (fromGuest(f) && f.payload.length > 0) inflight = Math.max(inflight, (t.seq + f.payload.length - acked) | 0);
    else if (!fromGuest(f)) { acked = t.ack; maxWindow = Math.max(maxWindow, t.window * 8); }
  }
  expect(maxWindow).toBeGreaterThan(65535);
  expect(inflight).toBeGreaterThan(65535);
});
