// httpd behind --hostfwd: Node's own http client on 127.0.0.1 fetches files from the guest's HTTP
// server while the machine runs. /data/big.bin (16 MiB, sent with sendfile) arrives byte-identical
// on a keep-alive connection that then gets a 404; a malformed request gets 400 and a close. On a
// small image served from a ROOT: Content-Type by extension, HEAD, 301 for a directory, 405, ".." refused,
// HTTP/1.0 closing. httpd --count N exits after N requests; every step is bounded in time.
import { afterEach, expect, test } from "vitest";
import { Agent } from "node:http";
import { connect } from "node:net";
import { dataBytes, mkfs } from "../host/fs";
import { boot, distGuest, type Booted } from "./helpers/machine";
import { fetch } from "./helpers/httpd";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

/** Raw bytes to the server; resolves with everything it sent back before closing. */
function raw(port: number, bytes: string, ms = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => s.write(bytes));
    const timer = setTimeout(() => { s.destroy(); reject(new Error("raw: no close within " + ms + " ms")); }, ms);
    let got = "";
    s.on("data", (d) => { got += d.toString("latin1"); });
    s.on("end", () => { clearTimeout(timer); s.end(); resolve(got); });
    s.on("error", (e) => { clearTimeout(timer); reject(e); });
  });
}

/** A machine with httpd listening on guest port `guestPort` behind a hostfwd on 127.0.0.1. */
async function start(argv: string[], disk: Uint8Array | undefined, guestPort = 80) {
  b = await boot({ ramBytes: 32 << 20, disk, net: { hostfwd: [`tcp:127.0.0.1:0-:${guestPort}`] } });
  const pid = await b.m.spawn(distGuest("httpd"), ["httpd", ...argv]);
  const running = b.m.run();
  return { pid, port: b.m.hostPorts[0], running };
}

test("GET /data/big.bin: 16 MiB byte-identical, then a 404 on the same connection, then a 400", async () => {
  const { pid, port, running } = await start(["--count", "3"], undefined);
  expect(port).toBeGreaterThan(0);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const big = await fetch(port, "/data/big.bin", { agent });
    expect(big.status).toBe(200);
    expect(big.headers["content-length"]).toBe(String(16 << 20));
    expect(big.headers["content-type"]).toBe("application/octet-stream");
    expect(big.headers.connection).toBe("keep-alive");
    expect(big.body.length).toBe(16 << 20);
    expect(big.body.equals(Buffer.from(dataBytes(16 << 20)))).toBe(true);

    const missing = await fetch(port, "/no/such/file", { agent });
    expect(missing.reused).toBe(true);                    // keep-alive: the same connection
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe("404 Not Found\n");
  } finally { agent.destroy(); }

  const bad = await raw(port, "BOGUS\r\n\r\n");
  expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(bad).toContain("\r\nConnection: close\r\n");
  await running;
  expect(b!.m.exitOf(pid)).toMatchObject({ code: 0, signal: null });
  expect(b!.stderr().split("\n").map((l) => l.replace(/\[[^\]]*\]/, "[T]"))).toEqual([   // common log format
    `10.0.2.2 - - [T] "GET /data/big.bin HTTP/1.1" 200 16777216`,
    `10.0.2.2 - - [T] "GET /no/such/file HTTP/1.1" 404 14`,
    `10.0.2.2 - - [T] "BOGUS" 400 16`, ""]);
}, 60_000);

test("a ROOT directory on port 8080: types, HEAD, 301, 405, '..' refused, HTTP/1.0 closes", async () => {
  const text = "hello, wasmos\n";
  const img = mkfs(8 << 20, { files: [
    { path: "/www/hello.txt", data: Buffer.from(text) },
    { path: "/www/notes.md", data: Buffer.from("# notes\n") },
    { path: "/www/blob.bin", data: dataBytes(10_000) },
    { path: "/www/sub/x.bin", data: dataBytes(1) },
    { path: "/secret", data: Buffer.from("do not serve\n") },
  ] }).bytes;
  const { pid, port, running } = await start(["--count", "9", "8080", "/www"], img, 8080);
  const txt = await fetch(port, "/hello.txt?x=1");
  expect([txt.status, txt.headers["content-type"], txt.body.toString()]).toEqual([200, "text/plain", text]);
  expect((await fetch(port, "/notes.md")).headers["content-type"]).toBe("text/plain");
  const blob = await fetch(port, "/blob%2ebin");              // percent-decoded
  expect(blob.body.equals(Buffer.from(dataBytes(10_000)))).toBe(true);
  const head = await fetch(port, "/blob.bin", { method: "HEAD" });
  expect([head.status, head.headers["content-length"], head.body.length]).toEqual([200, "10000", 0]);
  const sub = await fetch(port, "/sub");                     // a directory without its slash
  expect([sub.status, sub.headers.location]).toEqual([301, "/sub/"]);
  const post = await fetch(port, "/hello.txt", { method: "POST" });
  expect([post.status, post.headers.allow]).toEqual([405, "GET, HEAD"]);
  expect((await fetch(port, "/../secret")).status).toBe(400);  // Node sends the path as written
  expect((await fetch(port, "/%2e%2e/secret")).status).toBe(400);
  const old = await raw(port, "GET /hello.txt HTTP/1.0\r\n\r\n");  // no Host needed; closes after
  expect(old).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\nConnection: close\r\n\r\nhello, wasmos\n$/);
  await running;
  expect(b!.m.exitOf(pid)).toMatchObject({ code: 0, signal: null });
  expect(b!.stderr().split("\n").map((l) => l.split(" ").slice(-2).join(" "))).toEqual(
    ["200 14", "200 8", "200 10000", "200 -", "301 22", "405 23", "400 16", "400 16", "200 14", ""]);
}, 60_000);

test.each([["70000"], ["--poller", "select"], ["--poller"]])("a port out of range or an unknown poller is a usage error: %s", async (...argv) => {
  const r = await boot({ net: {} });
  const pid = await r.m.spawn(distGuest("httpd"), ["httpd", ...argv]);
  await r.m.run();
  expect(r.m.exitOf(pid)?.code).toBe(2);
  expect(r.stderr()).toMatch(/^usage: httpd \[--count N\] .*\[--poller ppoll\|epoll\] \[PORT\] \[ROOT\]\n$/);
  r.m.close();
});
