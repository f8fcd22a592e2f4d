// Send queues that together ask for more memory than the machine has (issue 16 grew the send
// buffer to 512 KiB; SO_SNDBUF takes up to 4 MiB). A guest (tests/guests/sockfill.ts) connects
// many sockets to a host peer that never reads and fills each with nonblocking sends. Before the
// socket memory limit (kernel/net/skmem.ts, Linux's tcp_mem) the queues took every frame, and the
// guest's next page fault had the OOM killer shoot it (`Out of memory: Killed process 1
// (sockfill)`): the socket memory is nobody's resident set. Now, as on Linux, a send over the limit
// gets EAGAIN, a process still has the rest of the memory, sockets closed over the limit are reset
// at once, and every frame comes back.
import { afterEach, expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { boot, testGuest, type Booted } from "./helpers/machine";

const STALLED = 5001;          // takes data into its window and never reads it: the window shuts
const EAGAIN = 11;
const SNDBUF = 512 << 10;      // kernel/net/sock.ts: a socket's default send buffer
const WINDOW = 256 << 10;      // host/net: the host's receive window (what it ACKs frees our frames)

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

type Sock = { queued: number; errno: number };

async function fill(count: number, sndbuf: number, pages: number): Promise<Sock[]> {
  const m = b!.m;
  const before = b!.stdout().length;
  const pid = await m.spawn(await testGuest("sockfill.ts"), ["sockfill", String(STALLED), String(count), String(sndbuf), String(pages)]);
  await m.run();
  expect(b!.stderr()).toBe("");                                         // no OOM kill, no failed call
  expect([m.exitOf(pid)?.signal ?? null, m.exitOf(pid)?.code]).toEqual([null, 0]);
  const lines = b!.stdout().slice(before).trimEnd().split("\n");
  expect(lines.slice(-2)).toEqual([`touched ${pages}`, "closed"]);
  return lines.slice(0, -2).map((l) => { const w = l.split(" "); return { queued: Number(w[3]), errno: Number(w[5]) }; });
}

/** The kernel's live connections and socket frames when the guest prints "closed". */
let atClose: { live: number; frames: number } | null = null;

async function machine() {
  atClose = null;
  b = await boot({ ramBytes: 16 << 20, onStdout: (bytes) => {
    if (!atClose && Buffer.from(bytes).toString().includes("closed")) atClose = { live: b!.m.k.netBusy(), frames: meminfo(b!.m).byOwner.socket };
  } });
  b.m.slirp!.tcp.listen(STALLED, () => ({ holdsData: true }));
  return meminfo(b.m);
}

function backToBoot(atBoot: ReturnType<typeof meminfo>) {
  const m = b!.m, after = meminfo(m);
  expect(after.byOwner.socket).toBe(atBoot.byOwner.socket);
  expect(after.free).toBe(atBoot.free);
  expect(m.k.netBusy()).toBe(0);
  expect(m.slirp!.tcp.conns()).toEqual([]);
}

/** Linux's tcp_mem[2] for this machine, in bytes (kernel/net/skmem.ts). */
const limitBytes = (frames: number) => Math.max(Math.floor(frames / 16), 128) * 3 / 4 * 2 * 4096;

/** What the sockets can have had accepted: each holds at most the limit's share plus one frame
 *  (a socket with nothing queued may always start), and the host ACKed at most its window of each. */
const bound = (frames: number, count: number) => limitBytes(frames) + count * (4096 + WINDOW);

test("32 full send buffers asked of a 16 MiB machine: EAGAIN past the limit, 8 MiB still there for the process", async () => {
  const atBoot = await machine();
  const socks = await fill(32, 0, 2048);                                // 32 x 512 KiB and 8 MiB: more than the RAM
  expect(socks).toHaveLength(32);
  expect(socks.map((s) => s.errno)).toEqual(socks.map(() => EAGAIN));
  expect(socks[0].queued).toBe(SNDBUF);                                 // the first had its whole buffer
  const total = socks.reduce((a, s) => a + s.queued, 0);
  expect(total).toBeLessThanOrEqual(bound(atBoot.total, 32));
  expect(socks.filter((s) => s.queued < SNDBUF).length).toBeGreaterThan(16);   // the limit stopped most
  // Closed over the limit, a connection with data queued is reset at once, not left an orphan
  // (Linux's TCPAbortOnMemory): right after the closes fewer than 32 are alive, and the frames for
  // data (less the NIC's 32 receive buffers and each live socket's two rings) are within the limit.
  expect(atClose!.live).toBeLessThan(32);
  expect(atClose!.frames - 32 - 2 * atClose!.live).toBeLessThanOrEqual(limitBytes(atBoot.total) / 4096);
  backToBoot(atBoot);
  expect(b!.m.slirp!.stats.resetsReceived).toBe(32);                    // every connection ended with RST
  const again = await fill(1, 0, 0);                                    // the next program: a full buffer again
  expect(again).toEqual([{ queued: SNDBUF, errno: EAGAIN }]);
  backToBoot(atBoot);
});

test("SO_SNDBUF of 4 MiB on 8 sockets of a 16 MiB machine: the limit holds, nothing lost", async () => {
  const atBoot = await machine();
  const socks = await fill(8, 2 << 20, 2048);                           // Linux doubles it: 4 MiB each
  expect(socks.map((s) => s.errno)).toEqual(socks.map(() => EAGAIN));
  expect(socks.reduce((a, s) => a + s.queued, 0)).toBeLessThanOrEqual(bound(atBoot.total, 8));
  expect(Math.min(...socks.map((s) => s.queued))).toBeGreaterThan(0);
  backToBoot(atBoot);
});
