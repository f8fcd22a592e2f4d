// The zero-copy table on the wire: /data/4k.bin (cold cache) sent to the discard service at
// 10.0.2.2:9 by each method. Counting only the transfer calls, exactly:
//   read+write 4 switches, 2 DMA, 2 CPU; mmap+write 4/2/1; sendfile sg=off 2/2/1; sendfile sg=on 2/2/0.
// The discard service confirms all 4096 bytes arrived intact.
import { describe, it, expect } from "vitest";
import { mkfs, dataBytes } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { boot, distDemo } from "./helpers/machine";
import type { Stats } from "../host/trace";

const data = dataBytes(4096);
const TRANSFER: Record<string, string[]> = {
  "read+write": ["read", "write"], "mmap+write": ["mmap", "write"], sendfile: ["sendfile"],
};

function totals(s: Stats, calls: string[]) {
  const t = { modeSwitches: 0, dmaCopies: 0, cpuCopies: 0, cpuCopyBytes: 0 };
  for (const c of calls) {
    const b = s.bySyscall[c];
    if (!b) continue;
    t.modeSwitches += b.modeSwitches; t.dmaCopies += b.dmaCopies; t.cpuCopies += b.cpuCopies; t.cpuCopyBytes += b.cpuCopyBytes;
  }
  return t;
}

async function send(method: string, sg: boolean) {
  const img = mkfs(8 << 20, { files: [{ path: "/data/4k.bin", data }] }).bytes;
  const b = await boot({ disk: img, net: { sg, discardHash: true } });
  const pid = await b.m.spawn(distDemo("send"), ["send", method, "/data/4k.bin", "10.0.2.2:9", "4096"]);
  await b.m.run();
  const s = b.m.stats(pid);
  expect(b.stderr()).toBe("");
  expect(s.exitCode).toBe(0);
  const conns = b.m.slirp!.services!.discard.connections;
  expect(conns.length).toBe(1);
  expect(conns[0].bytes).toBe(4096);
  expect(conns[0].fnv).toBe(fnv1a(data));
  return totals(s, TRANSFER[method]);
}

describe("the founding documents' table, measured (4096 bytes to discard)", () => {
  it("read + write: 4 mode switches, 2 DMA, 2 CPU copies", async () => {
    expect(await send("read+write", true)).toMatchObject({ modeSwitches: 4, dmaCopies: 2, cpuCopies: 2, cpuCopyBytes: 8192 });
  });
  it("mmap + write: 4 mode switches, 2 DMA, 1 CPU copy", async () => {
    expect(await send("mmap+write", true)).toMatchObject({ modeSwitches: 4, dmaCopies: 2, cpuCopies: 1, cpuCopyBytes: 4096 });
  });
  it("sendfile, sg=off: 2 mode switches, 2 DMA, 1 CPU copy", async () => {
    expect(await send("sendfile", false)).toMatchObject({ modeSwitches: 2, dmaCopies: 2, cpuCopies: 1, cpuCopyBytes: 4096 });
  });
  it("sendfile, sg=on: 2 mode switches, 2 DMA, 0 CPU copies", async () => {
    expect(await send("sendfile", true)).toMatchObject({ modeSwitches: 2, dmaCopies: 2, cpuCopies: 0, cpuCopyBytes: 0 });
  });
});
