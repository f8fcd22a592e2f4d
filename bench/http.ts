// HTTP benchmark: requests per second of the guest httpd through --hostfwd, from Node's own http
// client on loopback, a new connection per request (keep-alive off), `clients` requests in flight
// at once (1: one at a time). Bounded: BATCHES x BATCH requests after WARM, and a deadline; httpd
// --count exits after the last.
// Interface: http(cacheDir, runs, { clients, wasm }) reports through report(); wasm: another
// httpd.wasm to measure (an older build); skipped with a note if httpd is not built.
import { existsSync, readFileSync } from "node:fs";
import { get } from "node:http";
import { distPath } from "../host/index";
import { IoMachine, dataImage, guestBytes, MiB } from "./guest";
import { report } from "./report";
import { summarize, ms } from "./stats";

const WARM = 8;
const BATCH = 64;
const DEADLINE_MS = 30_000;
const BODY = 4096;

/** GET a path with a fresh connection; resolves to the body length, rejects on a non-200 or an error. */
function fetchOnce(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get({ host: "127.0.0.1", port, path, agent: false, timeout: 10_000 }, (res) => {
      let n = 0;
      res.on("data", (b: Buffer) => { n += b.length; });
      res.on("end", () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`HTTP ${res.statusCode}`))));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

/** n requests by `clients` parallel workers; each request's latency goes to lat. */
async function batch(port: number, n: number, clients: number, lat: number[]): Promise<void> {
  let issued = 0;
  const worker = async () => {
    while (issued < n) {
      issued++;
      const tr = ms();
      if (await fetchOnce(port, "/4k.bin") !== BODY) throw new Error("short body");
      lat.push(ms() - tr);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
}

export async function http(cacheDir: string, runs: number, opts: { clients?: number; wasm?: string } = {}): Promise<void> {
  const clients = Math.max(1, opts.clients ?? 1);
  console.log(`\nhttp: guest httpd via hostfwd tcp:127.0.0.1:0-:80, Node http.get, keep-alive off, GET of a ${BODY}-byte file, ` +
    `${runs} batches of ${BATCH} requests, ${clients} at a time, after ${WARM} warm-up ones${opts.wasm ? ` (${opts.wasm})` : ""}`);
  if (!opts.wasm && !existsSync(distPath("guests/httpd.wasm"))) { console.log("  skipped: dist/guests/httpd.wasm is not built"); return; }
  const total = WARM + runs * BATCH;
  const io = await IoMachine.create({ ramBytes: 64 * MiB, disk: dataImage({ "/www/4k.bin": BODY }, 4 * MiB),
    net: { hostfwd: ["tcp:127.0.0.1:0-:80"] } }, cacheDir);
  const port = io.m.hostPorts[0];
  const wasm = opts.wasm ? readFileSync(opts.wasm) : guestBytes("httpd");
  const pid = await io.m.spawn(wasm, ["httpd", "--count", String(total), "80", "/www"]);
  let ended = false;
  const running = io.m.run().finally(() => { ended = true; });
  const t0 = ms();
  const rps: number[] = [], lat: number[] = [];
  let done = 0;
  try {
    for (let i = 0; i < WARM; i++, done++) await fetchOnce(port, "/4k.bin");
    for (let b = 0; b < runs && ms() - t0 < DEADLINE_MS; b++) {
      const tb = ms();
      await batch(port, BATCH, clients, lat);
      done += BATCH;
      rps.push((BATCH * 1000) / (ms() - tb));
    }
  } catch (e) {
    console.log(`  request ${done + 1} failed: ${(e as Error).message}`);
  }
  let timer: NodeJS.Timeout | undefined;
  if (done === total) await Promise.race([running, new Promise((r) => { timer = setTimeout(r, 5000); })]);
  clearTimeout(timer);
  if (!ended) console.log(`  httpd still running after ${done} of ${total} requests; closing the machine`);
  else if (io.m.exitOf(pid)?.code !== 0) console.log(`  httpd exited with ${JSON.stringify(io.m.exitOf(pid))}`);
  io.m.close();
  if (rps.length === 0) return;
  const what = clients > 1 ? `, ${clients} clients` : "";
  report({ what: `httpd, new connection per GET (4 KiB)${what}`, value: summarize(rps), unit: "req/s" });
  report({ what: `httpd, latency per GET${what}`, value: summarize(lat), unit: "ms" });
}
