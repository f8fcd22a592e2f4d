// When the kernel's TCP sends, as Linux's does (kernel/net/tcp.ts): on an interactive connection
// received data is acknowledged late, by the next data the guest sends or alone after 40 ms
// (delayed ACK), and a send with MSG_MORE holds a partial segment until a send without it, or for
// 200 ms. Seen on the wire (the capture's timestamps are the machine's virtual clock):
// tests/guests/tcptiming.ts. Linux, the same exchanges over its loopback (a C client, tcpdump),
// did the same: the first echo acknowledged at once, the second 43.9 ms after it came (40 ms and
// its 4 ms timer tick), "headbody" as one segment, "x" 257 ms after it (50 ms, then the 200 ms
// probe timer and a tick). And what it is for: a keep-alive HTTP request costs the guest one
// segment (its answer, head and body, carrying the ACK of the request), where it was a bare ACK and
// two segments. As on Linux, the first request of a connection is still acknowledged at once
// (quick-ACK mode: the server has not answered anything yet, so the connection is not yet known to
// be interactive).
import { afterEach, expect, test } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent } from "node:http";
import { Machine } from "../host/machine";
import { readPcap } from "../host/net/pcap";
import { parseFrame, type Frame } from "../host/net/packet";
import { mkfs } from "../host/fs";
import { GUEST_IP, HOST_IP, TCP_FIN, TCP_SYN } from "../kernel/abi/net";
import { testGuest } from "./helpers/machine";
import { startHttpd, fetch } from "./helpers/httpd";

let dir: string | null = null;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = null; });
const pcapFile = () => join((dir = mkdtempSync(join(tmpdir(), "wasmos-delack-"))), "w.pcap");

interface Seg { ms: number; f: Frame }
function segments(file: string): Seg[] {
  return readPcap(readFileSync(file)).records.map((r) => ({ ms: r.tsSec * 1000 + r.tsUsec / 1000, f: parseFrame(r.frame) as Frame }))
    .filter((s) => s.f.tcp);
}
const fromGuest = (s: Seg) => s.f.ip!.src === GUEST_IP;
const text = (s: Seg) => Buffer.from(s.f.payload).toString();

async function tcptiming(mode: string): Promise<Seg[]> {
  const file = pcapFile();
  const m = await Machine.create({ ramBytes: 16 << 20, disk: null, net: { pcap: file }, stdout: () => {}, stderr: () => {} });
  const pid = await m.spawn(await testGuest("tcptiming.ts"), ["tcptiming", mode]);
  await m.run();
  m.close();
  expect(m.exitOf(pid)?.code).toBe(0);
  return segments(file);
}

test("delayed ACK: the first echo is acknowledged at once, the second alone 40 ms after it came", async () => {
  const segs = await tcptiming("delack");
  const echoes = segs.filter((s) => !fromGuest(s) && text(s) === "ping");
  expect(echoes.length).toBe(2);
  const ackOf = (echo: Seg) => {
    const next = segs.slice(segs.indexOf(echo) + 1).find(fromGuest)!;
    expect(next.f.payload.length).toBe(0);                                  // a bare ACK ...
    expect(next.f.tcp!.flags & (TCP_FIN | TCP_SYN)).toBe(0);
    expect(next.f.tcp!.ack).toBe((echo.f.tcp!.seq + 4) >>> 0);              // ... of the 4 bytes
    return next.ms - echo.ms;
  };
  expect(ackOf(echoes[0])).toBeLessThan(1);                                 // quick-ACK mode: at once
  const late = ackOf(echoes[1]);                                            // interactive: 40 ms later
  expect(late).toBeGreaterThanOrEqual(40);                                  // (TCP_DELACK_MIN)
  expect(late).toBeLessThan(41);
});

test("MSG_MORE: 'head' waits for 'body' (one segment), a lone 'x' leaves 200 ms after it was sent", async () => {
  const segs = await tcptiming("more");
  const data = segs.filter((s) => fromGuest(s) && s.f.payload.length > 0);
  expect(data.map(text)).toEqual(["headbody", "x"]);
  // body 10 ms after head; x 50 ms after body, then held 200 ms
  expect(data[1].ms - data[0].ms).toBeGreaterThanOrEqual(250);
  expect(data[1].ms - data[0].ms).toBeLessThan(252);
});

test("a keep-alive request costs the guest one segment: the answer, carrying the ACK", async () => {
  const file = pcapFile();
  const disk = mkfs(4 << 20, { files: [{ path: "/www/a.txt", data: new TextEncoder().encode("hello\n".repeat(100)) }] }).bytes;
  const srv = await startHttpd(["80", "/www"], { disk, pcap: file });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < 20; i++) {
      const r = await fetch(srv.port, "/a.txt", { agent });
      expect(r.status).toBe(200);
      expect(r.body.length).toBe(600);
      if (i > 0) expect(r.reused).toBe(true);
    }
  } finally {
    agent.destroy();
    srv.b.m.close();
  }
  const segs = segments(file);
  const requests = segs.filter((s) => !fromGuest(s) && text(s).startsWith("GET "));
  expect(requests.length).toBe(20);
  requests.forEach((req, i) => {             // what the guest sends before the host's next frame
    const at = segs.indexOf(req);
    const sent = segs.slice(at + 1, segs.findIndex((s, k) => k > at && !fromGuest(s)));
    if (i === 0) {                             // quick-ACK mode: the first request's ACK leaves alone
      expect(sent.length).toBe(2);
      expect(sent[0].f.payload.length).toBe(0);
      sent.shift();
    }
    expect(sent.length).toBe(1);
    expect(text(sent[0])).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n(hello\n){100}$/);
    expect(sent[0].f.tcp!.ack).toBe((req.f.tcp!.seq + req.f.payload.length) >>> 0);
  });
  expect(segs.filter((s) => s.f.ip!.src === HOST_IP).length).toBeGreaterThan(0);
});
