// The guest httpd's answers, as a real server gives them: Content-Type by extension, Date and
// Last-Modified, HEAD without a body (read off a raw socket), 404, 405 with Allow, 400 for a
// malformed head, 414 and 431 for heads too long, 301 for a directory without its slash, its
// index.html or an HTML listing, ".." resolved inside ROOT and refused above it, HTTP/1.0 closing,
// pipelined requests answered in order; and one access log line per request (common log format).
import { afterEach, expect, test } from "vitest";
import { dataBytes, mkfs } from "../host/fs";
import { startHttpd, fetch, raw, logLines, type Served } from "./helpers/httpd";

let s: Served | null = null;
afterEach(() => { s?.b.m.close(); s = null; });

const TYPES: [string, string][] = [["a.html", "text/html"], ["a.css", "text/css"], ["a.js", "text/javascript"],
  ["a.json", "application/json"], ["a.txt", "text/plain"], ["a.png", "image/png"], ["a.jpg", "image/jpeg"],
  ["a.gif", "image/gif"], ["a.svg", "image/svg+xml"], ["a.wasm", "application/wasm"], ["a.pdf", "application/pdf"],
  ["a.bin", "application/octet-stream"], ["noext", "application/octet-stream"]];

function image(): Uint8Array {
  return mkfs(8 << 20, { files: [
    ...TYPES.map(([n]) => ({ path: `/www/t/${n}`, data: Buffer.from(n) })),
    { path: "/www/site/index.html", data: Buffer.from("<p>home</p>\n") },
    { path: "/www/files/one.txt", data: Buffer.from("1\n") },
    { path: "/www/files/a&b <c>.txt", data: Buffer.from("2\n") },
    { path: "/www/files/deeper/x.bin", data: dataBytes(3) },
    { path: "/www/blob.bin", data: dataBytes(5000) },
    { path: "/secret", data: Buffer.from("do not serve\n") },
  ] }).bytes;
}

test("types, dates, HEAD, errors, directories and '..' from a ROOT", async () => {
  s = await startHttpd(["--count", "27", "8080", "/www"], { disk: image(), guestPort: 8080 });
  const { port } = s;
  for (const [name, type] of TYPES) {
    const r = await fetch(port, `/t/${name}`);
    expect([r.status, r.headers["content-type"], r.body.toString()]).toEqual([200, type, name]);
  }
  const blob = await fetch(port, "/blob.bin");
  expect(blob.body.equals(Buffer.from(dataBytes(5000)))).toBe(true);
  expect(Number.isNaN(Date.parse(blob.headers.date!))).toBe(false);
  expect(blob.headers["last-modified"]).toMatch(/^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
  expect(blob.headers["accept-ranges"]).toBe("bytes");

  // HEAD: the headers of a GET, and not one byte of body (the server closes after: Connection: close)
  const head = (await raw(port, "HEAD /blob.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toString("latin1");
  expect(head).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(head).toContain("\r\nContent-Length: 5000\r\n");
  expect(head.endsWith("\r\n\r\n")).toBe(true);

  expect((await fetch(port, "/nope.txt")).status).toBe(404);
  const post = await fetch(port, "/blob.bin", { method: "POST" });
  expect([post.status, post.headers.allow]).toEqual([405, "GET, HEAD"]);
  const bad = (await raw(port, "GET /blob.bin\r\n\r\n")).toString("latin1");   // no version
  expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n[^]*Connection: close\r\n/);

  const moved = await fetch(port, "/files?x=1");
  expect([moved.status, moved.headers.location]).toEqual([301, "/files/?x=1"]);
  const list = await fetch(port, "/files/");
  expect([list.status, list.headers["content-type"]]).toEqual([200, "text/html"]);
  const html = list.body.toString();
  expect(html).toContain("<title>Index of /files/</title>");
  expect(html).toContain('<li><a href="../">../</a></li>');
  expect(html).toContain('<li><a href="one.txt">one.txt</a></li>');
  expect(html).toContain('<li><a href="a%26b%20%3Cc%3E.txt">a&amp;b &lt;c&gt;.txt</a></li>');
  expect(html).toContain('<li><a href="deeper/">deeper/</a></li>');
  expect((await fetch(port, "/files/a%26b%20%3Cc%3E.txt")).body.toString()).toBe("2\n");
  const index = await fetch(port, "/site/");
  expect([index.status, index.headers["content-type"], index.body.toString()]).toEqual([200, "text/html", "<p>home</p>\n"]);
  expect((await fetch(port, "/files/deeper/../one.txt")).body.toString()).toBe("1\n");   // resolved inside ROOT
  expect((await fetch(port, "/files/../../secret")).status).toBe(400);                    // above ROOT: refused

  const old = (await raw(port, "GET /files/one.txt HTTP/1.0\r\n\r\n")).toString("latin1");
  expect(old).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\nConnection: close\r\n\r\n1\n$/);
  // two requests in one write: both answered, in order, on the one connection
  const piped = (await raw(port, "GET /t/a.txt HTTP/1.1\r\nHost: x\r\n\r\nGET /t/a.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toString("latin1");
  expect(piped.match(/HTTP\/1\.1 200 OK/g)?.length).toBe(2);
  expect(piped.indexOf("a.txt")).toBeLessThan(piped.indexOf("a.css"));
  expect(piped.endsWith("a.css")).toBe(true);
  await s.running;
  expect(s.b.m.exitOf(s.pid)).toMatchObject({ code: 0, signal: null });
  const log = logLines(s.b.stderr());
  expect(log.length).toBe(27);
  expect(log.every((l) => l.host === "10.0.2.2" && /^\d\d\/Jan\/1970:\d\d:\d\d:\d\d \+0000$/.test(l.time))).toBe(true);
  expect(log.slice(TYPES.length).map((l) => `${l.request} ${l.status} ${l.bytes}`)).toEqual([
    "GET /blob.bin HTTP/1.1 200 5000", "HEAD /blob.bin HTTP/1.1 200 -", "GET /nope.txt HTTP/1.1 404 14",
    "POST /blob.bin HTTP/1.1 405 23", "GET /blob.bin 400 16", "GET /files?x=1 HTTP/1.1 301 22",
    `GET /files/ HTTP/1.1 200 ${list.body.length}`, "GET /files/a%26b%20%3Cc%3E.txt HTTP/1.1 200 2",
    "GET /site/ HTTP/1.1 200 12", "GET /files/deeper/../one.txt HTTP/1.1 200 2", "GET /files/../../secret HTTP/1.1 400 16",
    "GET /files/one.txt HTTP/1.0 200 2", "GET /t/a.txt HTTP/1.1 200 5", "GET /t/a.css HTTP/1.1 200 5"]);
}, 90_000);

test("a request line too long is 414, a head too long 431; each closes", async () => {
  s = await startHttpd(["--count", "2"]);
  const longLine = (await raw(s.port, `GET /${"a".repeat(9000)} HTTP/1.1\r\nHost: x\r\n\r\n`)).toString("latin1");
  expect(longLine).toMatch(/^HTTP\/1\.1 414 URI Too Long\r\n[^]*Connection: close\r\n/);
  const longHead = (await raw(s.port, `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${"b".repeat(9000)}\r\n\r\n`)).toString("latin1");
  expect(longHead).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
  await s.running;
  expect(logLines(s.b.stderr()).map((l) => l.status)).toEqual([414, 431]);
}, 60_000);
