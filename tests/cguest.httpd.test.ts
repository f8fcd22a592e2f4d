// guests/c/examples/httpd.c behind --hostfwd: Node's http client fetches /data/4k.bin (byte-identical,
// its body sent with one sendfile whose only CPU copies are of its offset), then a 404, a 403 for a directory and
// a 405; httpd --count 4 then exits 0 and has logged one line per request.
import { afterEach, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { dataBytes } from "../host/fs";
import { boot, type Booted } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const LOFF_T = 8;                 // sendfile's offset argument points at a 64-bit loff_t
let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

function fetch(port: number, path: string, method = "GET"): Promise<{ status: number; body: Buffer; length: string | undefined }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path}: no answer within 30 s`)), 30_000);
    const req = request({ host: "127.0.0.1", port, path, method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => { clearTimeout(timer); resolve({ status: res.statusCode!, body: Buffer.concat(chunks), length: res.headers["content-length"] }); });
      res.on("error", reject);
    });
    req.on("error", (e) => { clearTimeout(timer); reject(e); });
    req.end();
  });
}

test.skipIf(!hasClang)(`httpd.c serves files with sendfile${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const wasm = new Uint8Array(readFileSync(await cGuest("guests/c/examples/httpd.c")));
  b = await boot({ ramBytes: 32 << 20, disk: undefined, net: { hostfwd: ["tcp:127.0.0.1:0-:80"] } });
  const pid = await b.m.spawn(wasm, ["httpd", "--count", "4"]);
  const running = b.m.run();
  const port = b.m.hostPorts[0];

  const file = await fetch(port, "/data/4k.bin");
  expect(file.status).toBe(200);
  expect(file.length).toBe("4096");
  expect(file.body.equals(Buffer.from(dataBytes(4096)))).toBe(true);
  const missing = await fetch(port, "/no/such/file");
  expect(missing.status).toBe(404);
  expect(missing.body.toString()).toBe("404 Not Found\n");
  expect((await fetch(port, "/data")).status).toBe(403);
  expect((await fetch(port, "/data/4k.bin", "DELETE")).status).toBe(405);
  await running;
  expect(b.m.exitOf(pid)).toMatchObject({ code: 0, signal: null });
  expect(b.stderr().split("\n")).toEqual(["GET /data/4k.bin 200 4096", "GET /no/such/file 404 14", "GET /data 403 14",
    "DELETE /data/4k.bin 405 23", ""]);
  const s = b.m.stats(pid);
  // SG-DMA NIC: the CPU copies none of the body, only sendfile's *offset, read in and written back.
  expect(s.bySyscall.sendfile).toMatchObject({ calls: 1, modeSwitches: 2, cpuCopies: 2, cpuCopyBytes: 2 * LOFF_T });
}, TRANSLATE_TIMEOUT);
