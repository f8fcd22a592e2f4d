// Many clients at once: while one raw connection sits idle with half a request (it would hold the
// old one-at-a-time server forever), Node's keep-alive agents fetch files on 8 sockets in parallel,
// each answer byte-identical, 32 answers on at most 8 connections; the idle client then finishes its request and is
// answered too. With --max-conns 2, twelve clients at once are all served: the ones past the limit
// wait in the listen backlog, not refused. Both with the default ppoll event loop and with
// --poller epoll (the kernel's counters show which wait was used). With --timeout 1 an idle
// connection is closed after a second of (real) idleness.
import { afterEach, expect, test } from "vitest";
import { Agent } from "node:http";
import { dataBytes, mkfs } from "../host/fs";
import { Sys } from "../kernel/abi/syscalls";
import { SysStat } from "../kernel/abi/layout";
import { startHttpd, fetch, openRaw, logLines, sysStat, type Served } from "./helpers/httpd";

let s: Served | null = null;
afterEach(() => { s?.b.m.close(); s = null; });

const files = [1, 4096, 70_000, 300_000].map((n) => ({ path: `/f${n}.bin`, data: dataBytes(n), n }));
const disk = () => mkfs(16 << 20, { files: files.map(({ path, data }) => ({ path, data })) }).bytes;
const POLLERS = ["ppoll", "epoll"];

/** The waits httpd made went through the poller asked for, and only through it. */
function expectWaitsBy(poller: string): void {
  const m = s!.b.m, ppolls = sysStat(m, Sys.ppoll, SysStat.calls), epolls = sysStat(m, Sys.epoll_pwait, SysStat.calls);
  expect(poller === "epoll" ? [ppolls, epolls > 0] : [epolls, ppolls > 0]).toEqual([0, true]);
}

test.each(POLLERS)("--poller %s: an idle client blocks nobody; 32 requests on 8 keep-alive sockets in parallel", async (poller) => {
  s = await startHttpd(["--poller", poller, "--count", "33"], { disk: disk(), ramMiB: 48 });
  const idle = await openRaw(s.port);
  const idleAnswer = new Promise<string>((resolve) => {
    let got = "";
    idle.on("data", (d: Buffer) => { got += d.toString("latin1"); });
    idle.on("end", () => resolve(got));
  });
  idle.write("GET /f1.bin HTTP/1.1\r\nHost: x\r\n");            // half a head, then silence
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  let made = 0;                                                  // connections the agent opened
  const create = agent.createConnection.bind(agent);
  agent.createConnection = ((...a: Parameters<typeof create>) => { made++; return create(...a); }) as typeof create;
  try {
    const jobs = Array.from({ length: 32 }, (_, i) => files[i % files.length]);
    const replies = await Promise.all(jobs.map((f) => fetch(s!.port, f.path, { agent })));
    replies.forEach((r, i) => {
      expect(r.status).toBe(200);
      expect(r.body.equals(Buffer.from(jobs[i].data))).toBe(true);
    });
    expect(replies.every((r) => r.headers.connection === "keep-alive")).toBe(true);
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThanOrEqual(8);                         // 32 answers on at most 8 connections
  } finally { agent.destroy(); }
  idle.write("Connection: close\r\n\r\n");
  const answer = await idleAnswer;
  expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n[^]$/);
  idle.destroy();
  await s.running;
  expect(s.b.m.exitOf(s.pid)).toMatchObject({ code: 0, signal: null });
  const log = logLines(s.b.stderr());
  expect(log.length).toBe(33);
  expect(log[32].request).toBe("GET /f1.bin HTTP/1.1");       // the idle one, answered last
  expectWaitsBy(poller);
}, 90_000);

test.each(POLLERS)("--poller %s --max-conns 2: twelve clients at once are all served through the backlog", async (poller) => {
  s = await startHttpd(["--poller", poller, "--count", "12", "--max-conns", "2"], { disk: disk(), ramMiB: 48 });
  const replies = await Promise.all(Array.from({ length: 12 }, () => fetch(s!.port, "/f70000.bin")));
  for (const r of replies) expect([r.status, r.body.equals(Buffer.from(files[2].data))]).toEqual([200, true]);
  await s.running;
  expect(s.b.m.exitOf(s.pid)).toMatchObject({ code: 0, signal: null });
  expectWaitsBy(poller);
}, 90_000);

test("--timeout 1: an idle connection is closed by the server, then others are served", async () => {
  s = await startHttpd(["--count", "1", "--timeout", "1"], { disk: disk() });
  const idle = await openRaw(s.port);
  const t0 = Date.now();
  const closed = await new Promise<string>((resolve, reject) => {
    let got = "";
    const timer = setTimeout(() => reject(new Error("the idle connection was not closed within 15 s")), 15_000);
    idle.on("data", (d: Buffer) => { got += d.toString("latin1"); });
    idle.on("end", () => { clearTimeout(timer); resolve(got); });
    idle.on("error", () => { clearTimeout(timer); resolve(got); });
  });
  expect(closed).toBe("");                                     // closed without an answer
  expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  idle.destroy();
  const r = await fetch(s.port, "/f4096.bin");
  expect([r.status, r.body.length]).toEqual([200, 4096]);
  await s.running;
  expect(s.b.m.exitOf(s.pid)).toMatchObject({ code: 0, signal: null });
}, 60_000);
