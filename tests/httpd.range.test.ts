// Range requests to the guest httpd, checked byte for byte against the file: bytes=a-b, a-, -n,
// an end past the file clipped, 206 with Content-Range; a start past the end is 416 with
// "Content-Range: bytes */size"; several ranges or another unit are ignored (200, the whole file);
// HEAD with a Range has the 206 head and no body. curl's --range agrees (a range, a suffix, an
// open end, 416), where curl is installed.
import { afterEach, expect, test } from "vitest";
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { dataBytes, mkfs } from "../host/fs";
import { startHttpd, fetch, raw, type Served } from "./helpers/httpd";

let s: Served | null = null;
afterEach(() => { s?.b.m.close(); s = null; });

const SIZE = 10_000;
const data = Buffer.from(dataBytes(SIZE));
const hasCurl = existsSync("/usr/bin/curl");

function curl(args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile("curl", ["-s", "--max-time", "20", ...args], { encoding: "buffer" }, (e, out) => (e ? reject(e) : resolve(out)));
  });
}

test("single byte ranges: 206 byte for byte, 416 past the end, others ignored", async () => {
  s = await startHttpd(["--count", String(hasCurl ? 14 : 10)], { disk: mkfs(8 << 20, { files: [{ path: "/r.bin", data }] }).bytes });
  const { port } = s;
  const cases: [string, number, number][] = [["bytes=0-99", 0, 99], ["bytes=9000-", 9000, SIZE - 1], ["bytes=-500", SIZE - 500, SIZE - 1],
    ["bytes=9990-20000", 9990, SIZE - 1], ["bytes=4096-4096", 4096, 4096], ["bytes=-20000", 0, SIZE - 1]];
  for (const [range, first, last] of cases) {
    const r = await fetch(port, "/r.bin", { headers: { Range: range } });
    expect([range, r.status, r.headers["content-range"], r.headers["content-length"]]).toEqual(
      [range, 206, `bytes ${first}-${last}/${SIZE}`, String(last - first + 1)]);
    expect(r.body.equals(data.subarray(first, last + 1))).toBe(true);
  }
  const past = await fetch(port, "/r.bin", { headers: { Range: "bytes=10000-" } });
  expect([past.status, past.headers["content-range"]]).toEqual([416, `bytes */${SIZE}`]);
  const multi = await fetch(port, "/r.bin", { headers: { Range: "bytes=0-1,5-6" } });
  expect([multi.status, multi.body.equals(data)]).toEqual([200, true]);
  const unit = await fetch(port, "/r.bin", { headers: { Range: "items=0-1" } });
  expect([unit.status, unit.body.length]).toEqual([200, SIZE]);
  const head = (await raw(port, "HEAD /r.bin HTTP/1.1\r\nHost: x\r\nRange: bytes=10-19\r\nConnection: close\r\n\r\n")).toString("latin1");
  expect(head).toMatch(/^HTTP\/1\.1 206 Partial Content\r\n[^]*\r\nContent-Range: bytes 10-19\/10000\r\n[^]*\r\nContent-Length: 10\r\n[^]*\r\n\r\n$/);
  if (hasCurl) {
    const url = `http://127.0.0.1:${port}/r.bin`;
    expect((await curl(["--range", "100-199", url])).equals(data.subarray(100, 200))).toBe(true);
    expect((await curl(["-r", "-500", url])).equals(data.subarray(SIZE - 500))).toBe(true);
    expect((await curl(["-r", "9000-", url])).equals(data.subarray(9000))).toBe(true);
    expect((await curl(["-r", "20000-", "-o", "/dev/null", "-w", "%{http_code}", url])).toString()).toBe("416");
  }
  await s.running;
  expect(s.b.m.exitOf(s.pid)).toMatchObject({ code: 0, signal: null });
}, 60_000);
