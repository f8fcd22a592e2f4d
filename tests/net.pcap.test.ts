// The capture: a libpcap file (magic a1b2c3d4, v2.4, snaplen 65535, Ethernet) with one record per
// frame on the wire, both directions, stamped with the virtual clock; tshark (when installed) reads
// it, finds every checksum good and reassembles the TCP stream.
import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PcapWriter, readPcap } from "../host/net/pcap";
import { PORT_ECHO } from "../kernel/abi/net";
import { NetRig } from "./helpers/netdriver";

const tshark = spawnSync("tshark", ["--version"], { encoding: "utf8" }).status === 0;
const data = Uint8Array.from({ length: 4096 }, (_, i) => (i * 5 + 1) & 0xff);

/** A whole echo session (TSO on the way out), captured to a file. */
function capture(dir: string): { file: string; rig: NetRig } {
  const file = join(dir, "net.pcap");
  const pcap = new PcapWriter(file);
  const rig = new NetRig({ nic: { pcap }, guest: { segSize: 4096 } });
  const c = rig.guest.connect(PORT_ECHO);
  rig.settle();
  c.write(data);
  rig.settle();
  c.close();
  rig.settle();
  pcap.close();
  expect(Buffer.from(c.received()).equals(Buffer.from(data))).toBe(true);
  return { file, rig };
}

test("pcap headers, one record per wire frame, virtual timestamps in order", () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-pcap-"));
  try {
    const { file, rig } = capture(dir);
    const { header, records } = readPcap(readFileSync(file));
    expect(header).toEqual({ magic: 0xa1b2c3d4, major: 2, minor: 4, snaplen: 65535, linktype: 1 });
    expect(records.length).toBe(rig.nic.stats.txFrames + rig.nic.stats.rxFrames);
    expect(rig.nic.stats.txFrames).toBe(rig.slirp.stats.framesIn);
    expect(records[0]).toMatchObject({ tsSec: 0, tsUsec: 10, origLen: 58 });   // the SYN, arrived at 10046 ns
    const us = records.map((r) => r.tsSec * 1e6 + r.tsUsec);
    expect(us).toEqual([...us].sort((a, b) => a - b));
    expect(Math.max(...records.map((r) => r.frame.length))).toBe(1514);   // TSO segments, not the 4150-byte packet
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test.skipIf(!tshark)("tshark: checksums good, follow,tcp,raw reassembles both directions (skipped when tshark is not installed)", () => {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-pcap-"));
  try {
    const { file } = capture(dir);
    const bad = spawnSync("tshark", ["-r", file, "-o", "tcp.check_checksum:TRUE", "-o", "ip.check_checksum:TRUE",
      "-Y", "tcp.checksum.status != 1 || ip.checksum.status != 1 || _ws.expert.severity >= warning"], { encoding: "utf8" });
    expect(bad.status).toBe(0);
    expect(bad.stdout.trim()).toBe("");
    const r = spawnSync("tshark", ["-r", file, "-qz", "follow,tcp,raw,0"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    const lines = r.stdout.split("\n").filter((l) => /^\t?[0-9a-f]+$/.test(l));
    const sent = Buffer.from(lines.filter((l) => !l.startsWith("\t")).join(""), "hex");
    const echoed = Buffer.from(lines.filter((l) => l.startsWith("\t")).map((l) => l.slice(1)).join(""), "hex");
    expect(sent.equals(Buffer.from(data))).toBe(true);
    expect(echoed.equals(Buffer.from(data))).toBe(true);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});
