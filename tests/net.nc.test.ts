// nc, the netcat of the blocking model (guests/programs/nc.ts): stdin to the socket, then the
// socket to stdout until the peer closes. Against the host side's services: echo returns the input
// (100 KB too, which needs nc to drain the socket while it sends), discard gets it intact, chargen
// fills stdout until nc's shutdown ends it. Listening (-l) behind --hostfwd with a real client on
// 127.0.0.1, both directions. Errors, in OpenBSD nc's words: "nc: connect to 10.0.2.2 port 5 (tcp)
// failed: Connection refused" / "Network is unreachable", exit 1.
import { afterEach, expect, test } from "vitest";
import { connect, type Socket } from "node:net";
import { PassThrough } from "node:stream";
import { Machine, type NetOptions } from "../host/machine";
import { chargenBytes, fnv1a } from "../host/net/services";
import { distGuest } from "./helpers/machine";

let machine: Machine | null = null;
let client: Socket | null = null;
afterEach(() => { client?.destroy(); machine?.close(); machine = null; client = null; });

interface NcRun { m: Machine; pid: number; running: Promise<void>; out: () => Buffer; err: () => string }

/** nc ARGS with stdin (bytes, or a stream), its output captured; the machine runs in the background.
 *  Empty stdin is passed as null: a zero-length Uint8Array is never consumed by host/console.ts
 *  (pump() stops at a chunk the kernel took 0 bytes of), so EOF never comes and run() spins. */
async function nc(args: string[], stdin: Uint8Array | PassThrough, net: NetOptions = {}): Promise<NcRun> {
  const out: Buffer[] = [], err: Buffer[] = [];
  const m = machine = await Machine.create({ ramBytes: 16 << 20, disk: null, net: { discardHash: true, ...net },
    stdin: stdin instanceof Uint8Array && stdin.length === 0 ? null : stdin,
    stdout: (b) => { out.push(Buffer.from(b)); }, stderr: (b) => { err.push(Buffer.from(b)); } });
  const pid = await m.spawn(distGuest("nc"), ["nc", ...args]);
  return { m, pid, running: m.run(), out: () => Buffer.concat(out), err: () => Buffer.concat(err).toString() };
}

async function finished(args: string[], stdin: Uint8Array, net: NetOptions = {}) {
  const r = await nc(args, stdin, net);
  await r.running;
  return { ...r, exit: r.m.exitOf(r.pid)! };
}

test("nc 10.0.2.2 7: what goes in comes back (echo)", async () => {
  const r = await finished(["10.0.2.2", "7"], Buffer.from("hello\nworld\n"));
  expect([r.exit.code, r.err(), r.out().toString()]).toEqual([0, "", "hello\nworld\n"]);
});

test("100 KB through echo: nc drains the answer while it sends, nothing is lost or reordered", async () => {
  const input = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 13) & 0xff));
  const r = await finished(["10.0.2.2", "7"], input);
  expect(r.exit.code).toBe(0);
  expect(r.out().equals(input)).toBe(true);
});

test("nc 10.0.2.2 9: the discard service gets 200 KB intact, nc prints nothing", async () => {
  const input = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7 + 1) & 0xff));
  const r = await finished(["10.0.2.2", "9"], input);
  expect([r.exit.code, r.out().length]).toEqual([0, 0]);
  const [t] = r.m.slirp!.services!.discard.connections;
  expect([t.bytes, t.fnv, t.closed]).toEqual([input.length, fnv1a(input), true]);
});

test("nc 10.0.2.2 19 with empty stdin: chargen's lines until the shutdown ends them", async () => {
  const r = await finished(["10.0.2.2", "19"], new Uint8Array(0));
  expect(r.exit.code).toBe(0);
  const out = r.out();
  expect(out.length).toBeGreaterThan(0);
  expect(out.equals(Buffer.from(chargenBytes(0, out.length)))).toBe(true);
});

test("errors: ECONNREFUSED, ENETUNREACH (exit 1); bad usage (exit 2)", async () => {
  const refused = await finished(["10.0.2.2", "5"], new Uint8Array(0));
  expect([refused.exit.code, refused.err()]).toEqual([1, "nc: connect to 10.0.2.2 port 5 (tcp) failed: Connection refused\n"]);
  machine!.close();
  const unreach = await finished(["8.8.8.8", "80"], new Uint8Array(0));
  expect([unreach.exit.code, unreach.err()]).toEqual([1, "nc: connect to 8.8.8.8 port 80 (tcp) failed: Network is unreachable\n"]);
  machine!.close();
  const usage = await finished(["10.0.2.2"], new Uint8Array(0));
  expect([usage.exit.code, usage.err()]).toEqual([2, "usage: nc HOST PORT | nc -l PORT\n"]);
});

/** A real client to `port`: writes `send` then half-closes; resolves with what it got before the end. */
function realClient(port: number, send: string | null, ms = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = "";
    client = connect(port, "127.0.0.1", () => { if (send !== null) client!.end(send); });
    const timer = setTimeout(() => resolve(got + "<no end>"), ms);
    client.on("data", (d) => { got += d.toString(); });
    client.on("end", () => { clearTimeout(timer); resolve(got); });
    client.on("error", (e) => { clearTimeout(timer); reject(e); });
  });
}

test("nc -l 80 behind --hostfwd: a real client and nc exchange lines both ways", async () => {
  const r = await nc(["-l", "80"], Buffer.from("from the guest\n"), { hostfwd: ["tcp:127.0.0.1:0-:80"] });
  const got = await realClient(r.m.hostPorts[0], "from the host\n");
  await r.running;
  expect(r.m.exitOf(r.pid)?.code).toBe(0);
  expect(got).toBe("from the guest\n");
  expect(r.out().toString()).toBe("from the host\n");
}, 30_000);

// host/machine.ts run(): while real sockets are open and a process waits on the terminal, it waits
// for whichever comes first, the network or what is typed.
test("nc -l behind --hostfwd reads what is typed on a stdin stream", async () => {
  const stdin = new PassThrough();
  const r = await nc(["-l", "80"], stdin, { hostfwd: ["tcp:127.0.0.1:0-:80"] });
  const got = realClient(r.m.hostPorts[0], null, 3_000);
  setTimeout(() => stdin.write("typed\n"), 300);
  setTimeout(() => stdin.end(), 600);
  expect(await got).toBe("typed\n");
}, 30_000);
