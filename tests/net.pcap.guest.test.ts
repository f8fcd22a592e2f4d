// A capture of the kernel's own TCP (MachineOptions.net.pcap): nc sends 5000 bytes to the echo
// service and prints the answer. The file holds every wire frame in both directions (TSO packets
// already cut to 1514-byte frames, checksums filled in by the NIC), and tshark, when installed,
// finds every checksum good and `-qz follow,tcp,raw,0` reassembles both directions.
import { afterEach, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Machine } from "../host/machine";
import { readPcap } from "../host/net/pcap";
import { parseFrame, type Frame } from "../host/net/packet";
import { GUEST_IP, HOST_IP, PORT_ECHO, TCP_SYN } from "../kernel/abi/net";
import { distGuest } from "./helpers/machine";

const tshark = spawnSync("tshark", ["--version"], { encoding: "utf8" }).status === 0;
const input = Buffer.from(Array.from({ length: 5000 }, (_, i) => 33 + (i % 90)));
let dir: string | null = null;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = null; });

/** nc 10.0.2.2 7 < input, captured; returns the capture file and nc's output. */
async function capture(): Promise<{ file: string; out: Buffer }> {
  dir = mkdtempSync(join(tmpdir(), "wasmos-pcap-"));
  const file = join(dir, "nc.pcap"), out: Buffer[] = [];
  const m = await Machine.create({ ramBytes: 16 << 20, disk: null, net: { pcap: file }, stdin: input,
    stdout: (b) => { out.push(Buffer.from(b)); }, stderr: () => {} });
  const pid = await m.spawn(distGuest("nc"), ["nc", "10.0.2.2", String(PORT_ECHO)]);
  await m.run();
  m.close();
  expect(m.exitOf(pid)?.code).toBe(0);
  return { file, out: Buffer.concat(out) };
}

test("the capture: both directions, the handshake first, frames no larger than 1514, the stream whole", async () => {
  const { file, out } = await capture();
  expect(out.equals(input)).toBe(true);
  const { header, records } = readPcap(readFileSync(file));
  expect(header).toMatchObject({ linktype: 1, snaplen: 65535 });
  const frames = records.map((r) => parseFrame(r.frame) as Frame).filter((f) => f.tcp);
  expect(frames[0].ip!.src).toBe(GUEST_IP);
  expect(frames[0].tcp!.flags).toBe(TCP_SYN);                        // the guest's SYN opens the capture
  expect(Math.max(...records.map((r) => r.frame.length))).toBeLessThanOrEqual(1514);
  const payload = (src: number) => Buffer.concat(frames.filter((f) => f.ip!.src === src).map((f) => f.payload));
  expect(payload(GUEST_IP).equals(input)).toBe(true);
  expect(payload(HOST_IP).equals(input)).toBe(true);
});

test.skipIf(!tshark)("tshark (skipped when not installed): checksums good, follow,tcp,raw,0 gives both directions", async () => {
  const { file } = await capture();
  const bad = spawnSync("tshark", ["-r", file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
    "-Y", "tcp.checksum.status != 1 || ip.checksum.status != 1 || _ws.expert.severity >= warning"], { encoding: "utf8" });
  expect(bad.status).toBe(0);
  expect(bad.stdout.trim()).toBe("");
  const r = spawnSync("tshark", ["-r", file, "-qz", "follow,tcp,raw,0"], { encoding: "utf8" });
  expect(r.status).toBe(0);
  const lines = r.stdout.split("\n").filter((l) => /^\t?[0-9a-f]+$/.test(l));
  const sent = Buffer.from(lines.filter((l) => !l.startsWith("\t")).join(""), "hex");
  const echoed = Buffer.from(lines.filter((l) => l.startsWith("\t")).map((l) => l.slice(1)).join(""), "hex");
  expect(sent.equals(input)).toBe(true);
  expect(echoed.equals(input)).toBe(true);
});
