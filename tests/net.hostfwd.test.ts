// --hostfwd tcp:127.0.0.1:PORT-:80: a real Node http client on the host's loopback talks to a JS
// guest server behind the NIC; bytes are relayed both ways with backpressure, and the real
// socket's events wake the run loop (whenActivity).
import { afterEach, expect, test } from "vitest";
import { get } from "node:http";
import { connect } from "node:net";
import { NetRig } from "./helpers/netdriver";
import type { GuestConn } from "./helpers/guestnet";

let rig: NetRig | null = null;
afterEach(() => { rig?.slirp.close(); rig = null; });

const body = Buffer.from(Array.from({ length: 100_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(""));

/** A guest HTTP server: answers the first request with `body` and closes. */
function serve(c: GuestConn, seen: string[]): void {
  let req = "";
  c.onData = (conn, b) => {
    req += Buffer.from(b).toString("latin1");
    if (!req.includes("\r\n\r\n")) return;
    seen.push(req.split("\r\n")[0]);
    conn.write(Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`));
    conn.write(body);
    conn.close();
  };
}

test("an http GET from 127.0.0.1 reaches the guest's port 80 and the 100 KB answer comes back", async () => {
  rig = new NetRig();
  const port = await rig.slirp.hostFwd("tcp:127.0.0.1:0-:80");
  expect(port).toBeGreaterThan(0);
  const seen: string[] = [];
  rig.guest.listen(80, (c) => serve(c, seen));
  let result: { status?: number; body: Buffer } | null = null;
  get({ host: "127.0.0.1", port, path: "/hello", agent: false }, (res) => {
    const chunks: Buffer[] = [];
    res.on("data", (b: Buffer) => chunks.push(b));
    res.on("end", () => { result = { status: res.statusCode, body: Buffer.concat(chunks) }; });
  });
  await rig.runUntil(() => result !== null && rig!.slirp.tcp.conns().length === 0, 10_000);
  expect(seen).toEqual(["GET /hello HTTP/1.1"]);
  expect(result!.status).toBe(200);
  expect(result!.body.equals(body)).toBe(true);
  expect(rig.slirp.stats).toMatchObject({ connections: 1, dropped: 0, resetsSent: 0 });
  expect(rig.guest.violations).toEqual([]);
  expect(rig.slirp.pending()).toBe(true);                  // the listener is still open
  rig.slirp.close();
  expect(rig.slirp.pending()).toBe(false);
});

test("a 600 KB upload from a real client is paced by the guest's window and arrives whole", async () => {
  rig = new NetRig({ guest: { window: 16384, holdData: true } });
  const port = await rig.slirp.hostFwd({ hostAddr: "127.0.0.1", hostPort: 0, guestPort: 7000 });
  let got = 0, conn: GuestConn | null = null;
  rig.guest.listen(7000, (c) => {
    conn = c;
    c.onData = (cc, b) => { got += b.length; if (got % 3 === 0) cc.read(cc.unread); };   // reads only now and then
  });
  const upload = Buffer.alloc(600_000, 0x5a);
  const sock = connect(port, "127.0.0.1", () => { sock.end(upload); });
  let reply = "";
  sock.on("data", (b) => { reply += b.toString(); });
  const closed = new Promise((r) => sock.on("close", r));
  await rig.runUntil(() => {
    if (conn && conn.unread) conn.read(conn.unread);       // the guest program catches up
    if (conn?.fin && conn.state === "CLOSE_WAIT") { conn.write(Buffer.from(`got ${got}`)); conn.close(); }
    return reply.length > 0 && rig!.slirp.tcp.conns().length === 0;
  }, 10_000);
  await closed;
  expect(reply).toBe("got 600000");
  expect(rig.guest.violations).toEqual([]);                // never past the guest's 16 KiB window
});

test("a client to a guest port nobody listens on is reset", async () => {
  rig = new NetRig();
  const port = await rig.slirp.hostFwd("tcp:127.0.0.1:0-:81");
  const sock = connect(port, "127.0.0.1");
  const err = new Promise<string>((resolve) => {
    sock.on("error", (e: NodeJS.ErrnoException) => resolve(e.code ?? "error"));
    sock.on("close", () => resolve("closed"));
  });
  await rig.runUntil(() => rig!.slirp.stats.resetsReceived > 0, 5000);
  expect(["ECONNRESET", "closed"]).toContain(await err);
  expect(rig.slirp.tcp.conns()).toEqual([]);
});
