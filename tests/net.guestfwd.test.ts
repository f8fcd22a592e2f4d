// --guestfwd tcp:10.0.2.2:PORT-127.0.0.1:PORT: a guest connection to 10.0.2.2:PORT is answered
// once a real connection to the host's loopback is made, and bytes are relayed both ways; when the
// real connect fails, or there is no such forward, the guest gets RST (ECONNREFUSED).
import { afterEach, expect, test } from "vitest";
import { createServer, type Server } from "node:net";
import { NetRig } from "./helpers/netdriver";

let rig: NetRig | null = null;
let server: Server | null = null;
afterEach(() => { rig?.slirp.close(); server?.close(); rig = null; server = null; });

/** A real upper-casing server on 127.0.0.1 (a free port). */
async function upper(): Promise<number> {
  server = createServer((s) => { s.on("data", (b) => s.write(b.toString().toUpperCase())); s.on("end", () => s.end()); });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
  return (server.address() as { port: number }).port;
}

test("a guest connection to 10.0.2.2:5000 is relayed to a real server on 127.0.0.1", async () => {
  const port = await upper();
  rig = new NetRig();
  rig.slirp.guestFwd(`tcp:10.0.2.2:5000-127.0.0.1:${port}`);
  const c = rig.guest.connect(5000);
  rig.settle();
  expect(c.state).toBe("SYN_SENT");                        // no SYN-ACK before the real connect
  await rig.runUntil(() => c.state === "ESTABLISHED", 5000);
  c.write(Buffer.from("hello, host"));
  await rig.runUntil(() => c.received().length === 11, 5000);
  expect(Buffer.from(c.received()).toString()).toBe("HELLO, HOST");
  c.close();
  await rig.runUntil(() => c.state === "CLOSED" && rig!.slirp.tcp.conns().length === 0 && !rig!.slirp.pending(), 5000);
  expect(c.rst).toBe(false);
  expect(rig.slirp.pending()).toBe(false);                 // no listener, no socket left
});

test("a forward whose real connect is refused: the guest gets RST", async () => {
  const port = await upper();
  server!.close();                                         // nobody there any more
  rig = new NetRig();
  rig.slirp.guestFwd(`tcp:10.0.2.2:5001-127.0.0.1:${port}`);
  const c = rig.guest.connect(5001);
  await rig.runUntil(() => c.rst, 5000);
  expect(rig.slirp.stats.refused).toBe(1);
  expect(rig.slirp.tcp.conns()).toEqual([]);
});

test("no guestfwd: a SYN to another 10.0.2.2 port is refused at once", () => {
  rig = new NetRig();
  const c = rig.guest.connect(5000);
  rig.settle();
  expect(c.rst).toBe(true);
  expect(rig.slirp.pending()).toBe(false);
});
