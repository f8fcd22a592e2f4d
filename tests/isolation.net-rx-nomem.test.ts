// The NIC's receive-ring refill runs in interrupt context: it must not call the OOM killer (Linux's
// drivers refill with GFP_ATOMIC and, failing, leave the slot empty and refill later). Before the
// fix it allocated as a system call does (GFP_KERNEL): with memory taken by a process asleep in
// recv, the first packet's refill found no free frame above the reserve and killed that process
// (`Out of memory: Killed process N (rxmem)`), so a machine short of memory shot whoever received.
// Now the refill allocates GFP_NORETRY (reclaim, never kill) and leaves the slot empty: the posted
// buffers carry the data, each refilled as the reader frees frames.
import { afterEach, expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import type { TcpConn } from "../host/net/tcp";
import { boot, testGuest, type Booted } from "./helpers/machine";

const PORT = 8080, BYTES = 64 << 10, MIN_FREE = 32;   // kernel/oom.ts: frames only the kernel's metadata may take
let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

/** Run rxmem with `pages` touched; at "ready": the frames left (free + reclaimable page cache)
 *  above the reserve, then BYTES are sent. */
async function rx(pages: number) {
  let conn: TcpConn | null = null, slack = NaN;
  b = await boot({ ramBytes: 16 << 20, onStdout: (bytes) => {
    const s = Buffer.from(bytes).toString();
    if (s.includes("listening")) b!.m.slirp!.tcp.connect(PORT, { open: (c) => { conn = c; } });
    if (s.includes("ready")) {
      const mi = meminfo(b!.m);
      slack = mi.free + mi.byOwner.pagecache - MIN_FREE;
      conn!.send(Uint8Array.from({ length: BYTES }, (_, i) => i & 0xff));
    }
  } });
  const pid = await b.m.spawn(await testGuest("rxmem.ts"), ["rxmem", String(PORT), String(pages), String(BYTES)]);
  await b.m.run();
  const r = { slack, exit: b.m.exitOf(pid), out: b.stdout(), err: b.stderr() };
  b.m.close(); b = null;
  return r;
}

test("packets for a process holding the last free frames: received, nobody OOM-killed", async () => {
  // Find the number of pages that leaves no frame above the reserve once touched (page tables
  // included): deterministic, so a few runs settle it.
  let pages = 0, r = await rx(0);
  for (let k = 0; k < 6 && r.slack !== 0; k++) { pages += r.slack > 0 ? Math.max(1, r.slack - Math.ceil(r.slack / 1024)) : -1; r = await rx(pages); }
  expect(r.slack).toBe(0);
  expect(r.err).toBe("");
  expect(r.out).toBe(`listening\nready\nreceived ${BYTES}\n`);
  expect(r.exit?.code).toBe(0);
}, 120_000);
