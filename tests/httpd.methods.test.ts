// httpd --method read+write|sendfile|splice|mmap+write: each serves the same bytes (1 MiB of
// /data/big.bin as a Range), and the kernel's copy counters show the difference: read+write copies
// every byte twice (pread64's copy_to_user, send's copy_from_user), mmap+write once (send), sendfile
// and splice never (page references; the NIC gathers). Then a client that aborts a 16 MiB download
// costs only its connection: the next request is answered and httpd exits 0 (no SIGPIPE).
import { afterEach, expect, test } from "vitest";
import { request } from "node:http";
import { dataBytes } from "../host/fs";
import { Sys } from "../kernel/abi/syscalls";
import { Stat, SysStat } from "../kernel/abi/layout";
import { stat } from "./helpers/machine";
import { startHttpd, fetch, sysStat, logLines, type Served } from "./helpers/httpd";

let s: Served | null = null;
afterEach(() => { s?.b.m.close(); s = null; });

const MiB = 1 << 20;
const BIG = 16 * MiB;
const slice = Buffer.from(dataBytes(BIG)).subarray(0, MiB);

/** Start a GET of path, read about `upTo` bytes, then reset the connection; resolves with the bytes seen. */
function abortAfter(port: number, path: string, upTo: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let n = 0;
      res.on("data", (c: Buffer) => { n += c.length; if (n >= upTo) { req.destroy(); resolve(n); } });
      res.on("end", () => reject(new Error("the whole body arrived")));
    });
    req.on("error", () => {});
    req.end();
  });
}

interface Counts { total: number; pread: number; send: number; sendfile: number; splice: number }

async function serveWith(method: string): Promise<Counts> {
  s = await startHttpd(["--method", method, "--count", "3"]);
  const { m } = s.b;
  const before = stat(m, Stat.cpuCopyBytes);
  const r = await fetch(s.port, "/data/big.bin", { headers: { Range: `bytes=0-${MiB - 1}` } });
  const counts = { total: stat(m, Stat.cpuCopyBytes) - before, pread: sysStat(m, Sys.pread64, SysStat.cpuCopyBytes),
    send: sysStat(m, Sys.sendto, SysStat.cpuCopyBytes), sendfile: sysStat(m, Sys.sendfile, SysStat.calls),
    splice: sysStat(m, Sys.splice, SysStat.calls) };
  expect(r.status).toBe(206);
  expect(r.body.equals(slice)).toBe(true);
  expect(await abortAfter(s.port, "/data/big.bin", 256 << 10)).toBeLessThan(BIG);
  const after = await fetch(s.port, "/data/4k.bin");
  expect([after.status, after.body.length]).toEqual([200, 4096]);
  await s.running;
  expect(s.b.m.exitOf(s.pid)).toMatchObject({ code: 0, signal: null });
  const log = logLines(s.b.stderr());
  expect(log.map((l) => l.status)).toEqual([206, 200, 200]);
  expect(Number(log[1].bytes)).toBeLessThan(BIG);                 // the aborted one: logged with what went out
  s.b.m.close(); s = null;
  return counts;
}

test("each method: the same bytes, its own copies, and an aborted download costs only its connection", async () => {
  const rw = await serveWith("read+write");
  const mm = await serveWith("mmap+write");
  const sf = await serveWith("sendfile");
  const sp = await serveWith("splice");
  expect(rw.pread).toBeGreaterThanOrEqual(MiB);                   // copy_to_user
  expect(rw.send).toBeGreaterThanOrEqual(MiB);                    // copy_from_user
  expect(rw.total).toBeGreaterThanOrEqual(2 * MiB);
  expect([mm.pread, mm.send >= MiB]).toEqual([0, true]);
  expect(mm.total).toBeLessThan(rw.total - MiB / 2);
  expect([sf.sendfile > 0, sf.pread, sf.send < MiB / 100]).toEqual([true, 0, true]);   // send: the head only
  expect([sp.splice > 0, sp.pread, sp.send < MiB / 100]).toEqual([true, 0, true]);
  expect(sf.total).toBeLessThan(MiB / 10);
  expect(sp.total).toBeLessThan(MiB / 10);
}, 180_000);
