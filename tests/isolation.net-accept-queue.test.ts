// A listener's queue of connections not yet accepted stays within its bounds (review of
// kernel/net for issue 10). The peer is the host side, as a client behind --hostfwd would be.
// - backlog: twenty connections arriving at once to listen(2) were all taken into the handshake,
//   and the 16-entry accept ring wrapped: accept returned the same connection twice (two files,
//   one socket, freed twice) and lost others. Connections beyond the backlog are refused at the
//   SYN with RST (Linux's tcp_abort_on_overflow: nothing is retried on this wire, so a dropped SYN
//   would leave its peer waiting forever).
// - close: a listener closed while a connection is still in its handshake left the connection
//   pointing at the freed listener; the handshake's last ACK then queued it on whatever socket took
//   the slot (here a new listener on the same port, which accepted a connection it never saw) and
//   the socket leaked. As Linux's inet_csk_listen_stop: the listener's connections are reset.
// - emfile: accept with no free descriptor took the connection off the queue, then closed it (the
//   peer was reset and the connection lost). As Linux: EMFILE, and the connection stays queued.
// Afterwards every frame is back and no socket is left.
import { afterEach, expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { parseFrame, type Frame } from "../host/net/packet";
import type { RxInfo } from "../host/devices/nic";
import { Errno } from "../kernel/abi/errno";
import { TCP_SYN, TCP_ACK } from "../kernel/abi/net";
import { boot, testGuest, type Booted } from "./helpers/machine";

const PORT = 8080;
let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

/** Run `listener MODE PORT ...`; `said(line)` is called as the guest prints each line. */
async function listener(args: string[], said: (line: string) => void) {
  b = await boot({ ramBytes: 32 << 20, onStdout: (bytes) => { for (const l of Buffer.from(bytes).toString().split("\n")) if (l) said(l); } });
  const m = b.m;
  const atBoot = meminfo(m);
  const pid = await m.spawn(await testGuest("listener.ts"), ["listener", ...args]);
  await m.run();
  expect(b.stderr()).toBe("");
  expect(m.exitOf(pid)?.code).toBe(0);
  return { m, atBoot, lines: b.stdout().trimEnd().split("\n") };
}

test("twenty connections at once to listen(2): two are accepted, each once; the rest are refused at the SYN", async () => {
  const { m, atBoot, lines } = await listener(["backlog", String(PORT), "2"], (l) => {
    if (l === "listening") for (let k = 0; k < 20; k++) b!.m.slirp!.tcp.connect(PORT, { end: (c) => c.close() });
  });
  const [word, n, ...ports] = lines[1].split(" ");
  expect([lines[0], word, n]).toEqual(["listening", "accepted", "2"]);
  expect(new Set(ports).size).toBe(2);
  expect(m.slirp!.stats.resetsReceived).toBe(18);              // the others were refused
  expect(m.slirp!.tcp.conns()).toEqual([]);
  expect(meminfo(m).free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
});

test("a listener closed during a handshake resets it; a new listener on the port accepts nothing", async () => {
  let holding = false;
  const held: [Uint8Array, RxInfo | undefined][] = [];
  const { m, atBoot, lines } = await listener(["close", String(PORT)], (l) => {
    const slirp = b!.m.slirp!;
    if (l === "listening") {
      const input = slirp.input.bind(slirp);
      slirp.input = (f: Uint8Array, info?: RxInfo) => {   // hold back the guest's SYN-ACK: the handshake stays open
        const t = (parseFrame(f, info) as Frame).tcp;     // (info: the NIC vouches for the checksum it left to fill)
        if (holding && t && (t.flags & (TCP_SYN | TCP_ACK)) === (TCP_SYN | TCP_ACK)) held.push([f.slice(), { ...info }]); else input(f, info);   // (both lent for the call)
      };
      holding = true;
      slirp.tcp.connect(PORT, {});
    }
    if (l === "relistening") { holding = false; for (const [f, info] of held.splice(0)) slirp.input(f, info); }
  });
  expect(lines).toEqual(["listening", "closed", "relistening", `accept ${-Errno.EAGAIN}`]);
  expect(meminfo(m).free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
  expect(m.slirp!.tcp.conns()).toEqual([]);
});

test("accept with no free descriptor: EMFILE, and the connection waits for the next accept", async () => {
  const { m, atBoot, lines } = await listener(["emfile", String(PORT)], (l) => {
    if (l === "listening") b!.m.slirp!.tcp.connect(PORT, { open: (c) => { c.send(new TextEncoder().encode("hi")); }, end: (c) => c.close() });
  });
  expect(lines).toEqual(["listening", `accept ${-Errno.EMFILE}`, "accept 63", "recv 2 hi"]);
  expect(m.slirp!.stats.resetsReceived).toBe(0);
  expect(meminfo(m).free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
});
