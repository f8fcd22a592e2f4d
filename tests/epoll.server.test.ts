// guests/c/examples/epollecho.c behind --hostfwd: one process, one epoll, edge-triggered
// nonblocking connections. Node's net client opens four connections; the first stays idle while
// the other three are served (their lines interleaved, each answered on its own connection); then
// the idle one is served too. Each client's close is seen as EPOLLRDHUP (with EPOLLIN: the FIN
// reads as end of file), the server exits after four closes, and its epoll frames are given back.
import { afterEach, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { boot, type Booted } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";
import { meminfo } from "../host/inspect";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

// A connection whose received text is read line by line.
class Client {
  private text = "";
  private waiters: (() => void)[] = [];
  constructor(readonly sock: Socket) {
    sock.setEncoding("utf8");
    sock.on("data", (d: string) => { this.text += d; for (const w of this.waiters.splice(0)) w(); });
  }
  static open(port: number): Promise<Client> {
    return new Promise((resolve, reject) => {
      const s = connect(port, "127.0.0.1", () => resolve(new Client(s)));
      s.on("error", reject);
    });
  }
  /** Send a line and wait for the answer line. */
  async ask(line: string): Promise<string> {
    this.sock.write(line + "\n");
    const deadline = Date.now() + 30_000;
    while (!this.text.includes("\n")) {
      if (Date.now() > deadline) throw new Error(`no answer to ${line}`);
      await new Promise<void>((r) => { this.waiters.push(r); setTimeout(r, 200); });
    }
    const i = this.text.indexOf("\n");
    const got = this.text.slice(0, i);
    this.text = this.text.slice(i + 1);
    return got;
  }
  end(): Promise<void> { return new Promise((r) => { this.sock.on("close", () => r()); this.sock.end(); }); }
}

test.skipIf(!hasClang)(`an epoll server serves several connections while one stays idle${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const wasm = new Uint8Array(readFileSync(await cGuest("guests/c/examples/epollecho.c")));
  b = await boot({ ramBytes: 32 << 20, disk: undefined, net: { hostfwd: ["tcp:127.0.0.1:0-:7"] } });
  const before = meminfo(b.m).byOwner.epoll;
  const pid = await b.m.spawn(wasm, ["epollecho", "--count", "4"]);
  const running = b.m.run();
  const port = b.m.hostPorts[0];

  const idle = await Client.open(port);
  const [x, y, z] = await Promise.all([Client.open(port), Client.open(port), Client.open(port)]);
  expect(meminfo(b.m).byOwner.epoll).toBeGreaterThan(before);   // the interest list, in accounted frames
  // The three busy ones, interleaved: each answer names its own connection (numbers 2..4 in accept order).
  const first = await Promise.all([x.ask("x one"), y.ask("y one"), z.ask("z one")]);
  const ids = first.map((l) => l.split(":")[0]);
  expect(new Set(ids).size).toBe(3);
  expect(ids).not.toContain("1");                                 // 1 is the idle one, accepted first
  expect(first.map((l) => l.slice(l.indexOf(":")))).toEqual([": x one", ": y one", ": z one"]);
  expect(await y.ask("y two")).toBe(`${ids[1]}: y two`);
  expect(await x.ask("x two")).toBe(`${ids[0]}: x two`);
  await Promise.all([x.end(), y.end(), z.end()]);
  expect(await idle.ask("idle at last")).toBe("1: idle at last");
  await idle.end();
  await running;

  expect(b.m.exitOf(pid)).toMatchObject({ code: 0, signal: null });
  const log = b.stderr().trim().split("\n");
  expect(log.filter((l) => l.startsWith("open")).sort()).toEqual(["open 1", "open 2", "open 3", "open 4"]);
  const closes = log.filter((l) => l.startsWith("close"));
  expect(closes.map((l) => l.split(" ")[1]).sort()).toEqual(["1", "2", "3", "4"]);
  for (const l of closes) expect(l.split(" ")[2].split("|")).toContain("EPOLLRDHUP");
  expect(closes[closes.length - 1]).toMatch(/^close 1 /);        // the idle one went last
  expect(meminfo(b.m).byOwner.epoll).toBe(before);                // the process exited: frames given back
}, TRANSLATE_TIMEOUT);
