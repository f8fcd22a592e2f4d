// Real sockets (--hostfwd) and the guest's time: a real client on 127.0.0.1 talks to
// tests/guests/fwdpeer.ts on guest port 7777 while the machine runs. What a Linux program may count
// on: bytes written before close() and exit still reach the peer (the kernel keeps sending after
// the process is gone), and a program that polls with nanosleep instead of blocking still hears
// the peer. Every wait is bounded; the guest gives up after a bounded number of polls.
import { afterEach, expect, test } from "vitest";
import { connect, type Socket } from "node:net";
import { boot, testGuest, type Booted } from "./helpers/machine";

let b: Booted | null = null;
let sock: Socket | null = null;
afterEach(() => { sock?.destroy(); b?.m.close(); b = null; sock = null; });

async function start(argv: string[]) {
  b = await boot({ net: { hostfwd: ["tcp:127.0.0.1:0-:7777"] } });
  const pid = await b.m.spawn(await testGuest("fwdpeer.ts"), ["fwdpeer", ...argv]);
  return { pid, port: b.m.hostPorts[0], running: b.m.run() };
}

/** Connect; collect what arrives until the server closes or ms pass. */
function client(port: number, onData?: (s: Socket, d: Buffer) => void, ms = 10_000): Promise<{ bytes: Buffer; ended: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    sock = connect(port, "127.0.0.1");
    const done = (ended: boolean) => { clearTimeout(timer); resolve({ bytes: Buffer.concat(chunks), ended }); };
    const timer = setTimeout(() => done(false), ms);
    sock.on("data", (d) => { chunks.push(d); onData?.(sock!, d); });
    sock.on("end", () => done(true));
    sock.on("error", () => done(false));
  });
}

test("a small write, close and exit: the client gets the bytes and the end", async () => {
  const { pid, port, running } = await start(["blast", "1000"]);
  const got = await client(port);
  await running;
  expect(b!.m.exitOf(pid)?.code).toBe(0);
  expect(got.ended).toBe(true);
  expect(got.bytes.length).toBe(1000);
});

// Once every process has exited, host/machine.ts run() lingers: connections the kernel still holds
// keep sending, relayed to the real client as it reads (Linux keeps an orphaned socket sending).
test("1 MiB written just before close() and exit all reaches the client", async () => {
  const { pid, port, running } = await start(["blast", String(1 << 20)]);
  const got = client(port, undefined, 5_000);
  await running;
  expect(b!.m.exitOf(pid)?.code).toBe(0);
  const r = await got;
  expect(r.bytes.length).toBe(1 << 20);
  expect(r.ended).toBe(true);
}, 30_000);

// With real sockets open, host/machine.ts run() waits for a sleeper's timer in real time (or until
// a real socket stirs) instead of jumping the virtual clock, so a guest that sleeps between polls
// gives its real peer real time to answer.
test("a guest polling with nanosleep hears the client's reply", async () => {
  const { pid, port, running } = await start(["poll", "2000"]);
  const got = client(port, (s, d) => { if (d.toString() === "hi") s.write("ping"); }, 5_000);
  await running;
  expect(b!.m.exitOf(pid)?.code).toBe(0);
  expect((await got).bytes.toString()).toBe("hi");
  expect(b!.stdout()).toMatch(/^got ping after \d+ polls\n$/);
}, 30_000);
