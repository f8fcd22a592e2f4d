// A socket connected again after its connection was reset starts with empty queues (review of
// kernel/net for issue 10). The reset left the old connection's unsent bytes in the send queue;
// the new connection then sent those stale bytes in place of the new ones (the discard service got
// "XXXXX" for "hello"), and their frames stayed held. As Linux, the reset purges the send queue and
// a new connection starts from nothing.
import { afterEach, expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { fnv1a } from "../host/net/services";
import { Errno } from "../kernel/abi/errno";
import { boot, testGuest, type Booted } from "./helpers/machine";

const RESETTER = 5004;         // a host service that resets the connection once 32 KiB have come
let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

test("connect again after a reset: the new connection carries only the new bytes", async () => {
  b = await boot({ ramBytes: 32 << 20, net: { discardHash: true } });
  const m = b.m;
  let got = 0;
  m.slirp!.tcp.listen(RESETTER, () => ({ holdsData: true, data: (c, bytes) => { got += bytes.length; if (got >= 32768) c.abort(); } }));
  const atBoot = meminfo(m);
  const pid = await m.spawn(await testGuest("reconnect.ts"), ["reconnect", String(RESETTER)]);
  await m.run();
  expect(b.stderr()).toBe("");
  expect(m.exitOf(pid)?.code).toBe(0);
  const lines = b.stdout().trimEnd().split("\n");
  expect(lines[0]).toMatch(new RegExp(`^first (${-Errno.EAGAIN}|${-Errno.ECONNRESET})$`));
  expect(lines.slice(1)).toEqual(["connect 0", "send 5"]);
  const [t] = m.slirp!.services!.discard.connections;
  expect([t.bytes, t.fnv, t.closed]).toEqual([5, fnv1a(new TextEncoder().encode("hello")), true]);
  expect(meminfo(m).free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
});
