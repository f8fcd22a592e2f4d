// No frame outlives the network traffic that used it: five senders (read+write, mmap+write,
// sendfile, msg_zerocopy, o_direct, 1 MiB each to the discard service) and httpd answering a real
// client through --hostfwd all run on one machine. Once every process has exited: no user memory or
// page table is left, the socket frames are back to the NIC's posted receive ring (every socket and
// queued fragment freed), no page-cache page is still referenced by a socket or the NIC (so the
// cache can drop every page), and the host side saw every connection closed, none reset.
import { afterEach, expect, test } from "vitest";
import { request } from "node:http";
import { dataBytes, mkfs } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { meminfo, frameInfo, type MemInfo } from "../host/inspect";
import { boot, distGuest, distDemo, type Booted } from "./helpers/machine";

const METHODS = ["read+write", "mmap+write", "sendfile", "msg_zerocopy", "o_direct"];
const SIZE = 1 << 20;

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

function get(port: number, path: string): Promise<{ status: number; length: number }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path}: no answer in 30 s`)), 30_000);
    request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let length = 0;
      res.on("data", (c: Buffer) => { length += c.length; });
      res.on("end", () => { clearTimeout(timer); resolve({ status: res.statusCode!, length }); });
    }).on("error", reject).end();
  });
}

test("after sends by every method and an httpd run, every network frame is released", async () => {
  const data = dataBytes(SIZE);
  b = await boot({ ramBytes: 32 << 20, disk: mkfs(16 << 20, { files: [{ path: "/data/1m.bin", data }] }).bytes,
    net: { hostfwd: ["tcp:127.0.0.1:0-:80"], discardHash: true } });
  const m = b.m;
  m.dropCaches();
  const atBoot = meminfo(m);
  expect(atBoot.byOwner.socket).toBeGreaterThan(0);             // the receive buffers posted to the NIC

  const pids: number[] = [];
  for (const method of METHODS) pids.push(await m.spawn(distDemo("send"), ["send", method, "/data/1m.bin"]));
  pids.push(await m.spawn(distGuest("httpd"), ["httpd", "--count", "2"]));
  const running = m.run();
  const port = m.hostPorts[0];
  expect(await get(port, "/data/1m.bin")).toEqual({ status: 200, length: SIZE });
  expect(await get(port, "/nope")).toEqual({ status: 404, length: 14 });
  await running;

  expect(pids.map((p) => m.exitOf(p)?.code)).toEqual([0, 0, 0, 0, 0, 0]);
  const after = meminfo(m);
  expect(after.byOwner.anon).toBe(0);
  expect(after.byOwner.pagetable).toBe(0);
  expect(after.byOwner.pipe).toBe(0);
  expect(after.byOwner.socket).toBe(atBoot.byOwner.socket);     // only the receive ring again
  const cached = [];
  for (let pfn = 0; pfn < after.total; pfn++) { const f = frameInfo(m, pfn); if (f.owner === "pagecache") cached.push(f); }
  expect(cached.length).toBeGreaterThanOrEqual(SIZE / 4096);   // the file is cached...
  expect(cached.filter((f) => f.refcount !== 1)).toEqual([]);   // ...and nothing but the cache holds it
  m.dropCaches();
  expect(meminfo(m).byOwner.pagecache).toBe(0);                // every cached page could go
  const rest = (i: MemInfo) => ({ ...i.byOwner, free: i.free + i.byOwner.pagecache, pagecache: 0 });
  expect(rest(meminfo(m))).toEqual(rest(atBoot));               // all else as at boot

  const slirp = m.slirp!;
  const tallies = slirp.services!.discard.connections;
  expect(tallies.map((t) => [t.bytes, t.fnv, t.closed])).toEqual(METHODS.map(() => [SIZE, fnv1a(data), true]));
  expect(slirp.tcp.conns()).toEqual([]);
  expect(slirp.stats).toMatchObject({ connections: METHODS.length + 2, resetsSent: 0, resetsReceived: 0, refused: 0 });
}, 60_000);
