// Several connections sending at once share the NIC's transmit queue (64 descriptors: three or so
// 64 KiB TSO packets). When one connection finds the queue full, its data and its control segments
// must still go out once transmit completions free descriptors. Three `send` programs (read+write,
// 1 MiB each to the discard service) run side by side on one machine.
import { expect, test } from "vitest";
import { dataBytes, mkfs } from "../host/fs";
import { fnv1a } from "../host/net/services";
import { boot, distDemo } from "./helpers/machine";

async function threeSenders() {
  const data = dataBytes(1 << 20);
  const b = await boot({ ramBytes: 32 << 20, disk: mkfs(16 << 20, { files: [{ path: "/data/1m.bin", data }] }).bytes, net: { discardHash: true } });
  const pids = [];
  for (let i = 0; i < 3; i++) pids.push(await b.m.spawn(distDemo("send"), ["send", "read+write", "/data/1m.bin"]));
  await b.m.run();
  b.m.close();
  return { exits: pids.map((p) => b.m.exitOf(p)), tallies: b.m.slirp!.services!.discard.connections,
    hostConns: b.m.slirp!.tcp.conns().map((c) => `${c.guestPort} ${c.state}`), data };
}

// Before the fix in kernel/net/nic.ts nicIrq() (tcpOutput for every socket after the transmit
// completions), a connection whose data found the queue full was never sent again: its writer
// slept forever and was killed as deadlocked (a msg_zerocopy sender, polling with nanosleep, spun
// forever instead).
test("three senders at once: every byte of each connection arrives, every program exits 0", async () => {
  const r = await threeSenders();
  expect(r.exits).toEqual(r.exits.map(() => ({ status: 0, code: 0, signal: null })));
  expect(r.tallies.map((t) => [t.bytes, t.fnv])).toEqual(r.exits.map(() => [1 << 20, fnv1a(r.data)]));
});

// A control segment (ACK, FIN's ACK, RST, SYN-ACK) that finds the transmit queue full waits in
// kernel/net/tcp.ts's backlog until completions free descriptors (before the fix it was dropped,
// and on a wire with no retransmission the host side stayed in LAST_ACK forever).
test("every connection is closed on the host side too", async () => {
  const r = await threeSenders();
  expect(r.hostConns).toEqual([]);
  expect(r.tallies.map((t) => t.closed)).toEqual([true, true, true]);
});
