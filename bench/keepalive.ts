// HTTP keep-alive benchmark (issue 16's target): requests per second of the guest httpd through
// --hostfwd, one connection kept open, one request at a time. The server runs as a user runs it, in
// a child process (`node dist/cli.mjs run --hostfwd tcp:127.0.0.1:PORT-:80 /bin/httpd 80 /` on the
// default disk image, its access log to a file); the client is `ab -k -c 1` when Apache's ab is
// installed, else Node's http with a keep-alive agent in this process. Each run starts a fresh
// server and makes two rounds of REQUESTS GETs of /README: the first round is the target's figure
// (a fresh server: V8 still compiling the guest, the kernel and the host on the same cores), the
// second the same server warm. Only the rounds are timed, not the server's start.
// Interface: keepAlive(runs, requests) reports through report().
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { Agent, get } from "node:http";
import { mkdtempSync, openSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distPath } from "../host/index";
import { report } from "./report";
import { summarize, ms } from "./stats";

export const KA_REQUESTS = 5000;
const TARGET = 5000;                      // requests/s, a fresh server (issue 16)
const PATH = "/README";
const UP_MS = 20_000;                     // the server must answer within this after its start

const hasAb = spawnSync("ab", ["-V"], { encoding: "utf8" }).status === 0;

/** A port nobody listens on now (the kernel's choice). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

/** One GET on a connection of its own: resolves to the status, or rejects. */
function getOnce(port: number, agent: Agent | false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = get({ host: "127.0.0.1", port, path: PATH, agent, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
      res.on("error", reject);
    });
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
  });
}

async function waitUp(port: number, child: ChildProcess, exited: () => boolean): Promise<void> {
  const t0 = ms();
  for (;;) {
    if (exited()) throw new Error(`the server ended (exit ${child.exitCode}, signal ${child.signalCode})`);
    try { if (await getOnce(port, false) === 200) return; } catch { /* not yet listening */ }
    if (ms() - t0 > UP_MS) throw new Error(`no answer on port ${port} within ${UP_MS} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One round of n requests on one kept-alive connection: requests/s, or an Error. */
async function round(port: number, n: number): Promise<number> {
  if (hasAb) {
    const r = spawnSync("ab", ["-k", "-c", "1", "-n", String(n), `http://127.0.0.1:${port}${PATH}`], { encoding: "utf8" });
    const rate = /Requests per second:\s+([\d.]+)/.exec(r.stdout)?.[1];
    const failed = Number(/Failed requests:\s+(\d+)/.exec(r.stdout)?.[1] ?? NaN);
    const complete = Number(/Complete requests:\s+(\d+)/.exec(r.stdout)?.[1] ?? NaN);
    if (r.status !== 0 || !rate || failed !== 0 || complete !== n) throw new Error(`ab: ${r.stderr.trim() || r.stdout.slice(-300)}`);
    return Number(rate);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const t0 = ms();
    for (let i = 0; i < n; i++) if (await getOnce(port, agent) !== 200) throw new Error(`request ${i + 1}: not 200`);
    return (n * 1000) / (ms() - t0);
  } finally {
    agent.destroy();
  }
}

export async function keepAlive(runs: number, requests = KA_REQUESTS): Promise<void> {
  const client = hasAb ? "ab -k -c 1" : "Node http, keep-alive agent (ab is not installed)";
  console.log(`\nkeepalive: guest httpd via --hostfwd, one connection, ${client}, GET ${PATH}; ${runs} fresh servers, ` +
    `each ${requests} requests (fresh) then ${requests} more (warm)`);
  const dir = mkdtempSync(join(tmpdir(), "wasmos-ka-"));
  const fresh: number[] = [], warm: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const port = await freePort();
      const log = openSync(join(dir, `access-${r}.log`), "w");
      const child = spawn(process.execPath, [distPath("cli.mjs"), "run", "--hostfwd", `tcp:127.0.0.1:${port}-:80`, "/bin/httpd", "80", "/"],
        { stdio: ["ignore", "ignore", log] });
      closeSync(log);
      let exited = false;
      const exit = new Promise<void>((res) => child.once("exit", () => { exited = true; res(); }));
      try {
        await waitUp(port, child, () => exited);
        fresh.push(await round(port, requests));
        warm.push(await round(port, requests));
      } catch (e) {
        console.log(`  run ${r + 1}: ${(e as Error).message}`);
      } finally {
        child.kill("SIGKILL");
        await exit;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (fresh.length === 0) return;
  const f = summarize(fresh);
  report({ what: "httpd keep-alive, c=1, fresh server", value: f, unit: "req/s", target: `>= ${TARGET}`, met: f.median >= TARGET });
  report({ what: "httpd keep-alive, c=1, warm server", value: summarize(warm), unit: "req/s" });
}
