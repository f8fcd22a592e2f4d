// Closing a TCP socket whose send buffer is full must not leak its frames (issue 10, finding 13a:
// 40 rounds once kept 14 MiB of a 32 MiB machine). A guest (tests/guests/closeleak.ts) connects to
// a peer on 10.0.2.2 that does not read, fills the send buffer with nonblocking sends until EAGAIN
// and closes, 40 times. As Linux: an orphaned connection whose peer keeps its window shut is
// aborted after its zero-window probes time out (RST); one closed with unread received data is
// reset at once. Once the machine has run, every frame is back to its boot value, no socket is
// left in the kernel and the host side holds no connection. A peer that reads but never closes
// leaves the orphan in FIN_WAIT2 until tcp_fin_timeout (60 s of virtual time); data arriving after
// close resets at once (Linux's TCPAbortOnData).
import { afterEach, expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { PORT_ECHO } from "../kernel/abi/net";
import { boot, testGuest, type Booted } from "./helpers/machine";

const ROUNDS = 40;
const STALLED = 5001;          // a host service that takes data into its window and never reads it
const OPEN = 5002;             // one that reads everything but never closes its side
const TALKER = 5003;           // one that answers the guest's FIN with more data, and never closes

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

async function closeLeak(port: number, extra: string[] = []) {
  b = await boot({ ramBytes: 32 << 20 });
  const m = b.m;
  m.slirp!.tcp.listen(STALLED, () => ({ holdsData: true }));     // never calls consumed(): window shuts
  m.slirp!.tcp.listen(OPEN, () => ({}));
  m.slirp!.tcp.listen(TALKER, () => ({ end: (c) => { c.send(new Uint8Array(1000)); } }));
  const atBoot = meminfo(m);
  const pid = await m.spawn(await testGuest("closeleak.ts"), ["closeleak", String(port), String(ROUNDS), ...extra]);
  await m.run();
  expect(b.stderr()).toBe("");
  expect(m.exitOf(pid)?.code).toBe(0);
  const lines = b.stdout().trimEnd().split("\n");
  expect(lines.at(-1)).toBe("done");
  const queued = lines.slice(0, -1).map((l) => Number(l.split(" ")[3]));
  expect(queued).toHaveLength(ROUNDS);
  return { m, atBoot, queued, after: meminfo(m) };
}

test("a peer that never reads: every orphaned connection ends, every frame comes back", async () => {
  const { m, atBoot, queued, after } = await closeLeak(STALLED);
  expect(Math.min(...queued)).toBeGreaterThan(64 << 10);        // the send buffer did fill past the peer's window
  expect(after.byOwner.socket).toBe(atBoot.byOwner.socket);     // only the NIC's receive ring again
  expect(after.free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
  expect(m.slirp!.tcp.conns()).toEqual([]);
  expect(m.slirp!.stats.resetsReceived).toBe(ROUNDS);            // each orphan was aborted with RST
});

test("echo, never read back: closing with unread data resets at once, every frame comes back", async () => {
  const { m, atBoot, queued, after } = await closeLeak(PORT_ECHO);
  expect(Math.min(...queued)).toBeGreaterThan(64 << 10);
  expect(after.byOwner.socket).toBe(atBoot.byOwner.socket);
  expect(after.free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
  expect(m.slirp!.tcp.conns()).toEqual([]);
  expect(m.slirp!.stats.resetsReceived).toBe(ROUNDS);
});

test("a peer that reads but never closes: each orphan ends after tcp_fin_timeout, with RST", async () => {
  const { m, atBoot, after } = await closeLeak(OPEN);
  expect(after.free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
  expect(m.slirp!.tcp.conns()).toEqual([]);
  expect(m.slirp!.stats.resetsReceived).toBe(ROUNDS);
  expect(m.k.clockNowNs()).toBeGreaterThanOrEqual(60_000_000_000n);   // the FIN timeout did run out
});

test("data for a closed socket: RST at once, nothing queued for a reader that is gone", async () => {
  const { m, atBoot, after } = await closeLeak(TALKER);
  expect(after.free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
  expect(m.slirp!.tcp.conns()).toEqual([]);
  expect(m.slirp!.stats.resetsReceived).toBe(ROUNDS);
  expect(m.k.clockNowNs()).toBeLessThan(50_000_000_000n);             // no timer was needed
});
