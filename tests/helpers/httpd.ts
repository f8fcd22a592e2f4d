// Test helpers for the guest httpd behind --hostfwd: start it on a machine, and talk to it from
// Node on 127.0.0.1 (the http module, or a raw socket for bytes no client library would send).
// Every wait is bounded. Interface: startHttpd(argv, opts: disk, guestPort, ramMiB, sg, pcap) -> Served, fetch(port, path, opts),
// raw(port, bytes), openRaw(port), sysStat(m, nr, SysStat.x), logLines(stderr).
import { Agent, request, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";
import { boot, distGuest, type Booted } from "./machine";
import { SYSSTATS_BASE, SYSSTAT_SIZE, type SysStat } from "../../kernel/abi/layout";
import type { Machine } from "../../host/machine";

export interface Served { b: Booted; pid: number; port: number; running: Promise<void> }
export interface Reply { status: number; headers: IncomingMessage["headers"]; body: Buffer; reused: boolean }

/** A machine with httpd argv listening on guestPort behind a hostfwd from 127.0.0.1. */
export async function startHttpd(argv: string[], opts: { disk?: Uint8Array; guestPort?: number; ramMiB?: number; sg?: boolean; pcap?: string } = {}): Promise<Served> {
  const guestPort = opts.guestPort ?? 80;
  const b = await boot({ ramBytes: (opts.ramMiB ?? 32) << 20, disk: opts.disk,
    net: { hostfwd: [`tcp:127.0.0.1:0-:${guestPort}`], sg: opts.sg, pcap: opts.pcap } });
  const pid = await b.m.spawn(distGuest("httpd"), ["httpd", ...argv]);
  const running = b.m.run();
  return { b, pid, port: b.m.hostPorts[0], running };
}

/** One request (agent false: its own connection); rejects after ms. */
export function fetch(port: number, path: string, opts: { agent?: Agent | false; method?: string; headers?: Record<string, string> } = {}, ms = 30_000): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path}: no answer within ${ms} ms`)), ms);
    const req = request({ host: "127.0.0.1", port, path, agent: opts.agent ?? false, method: opts.method ?? "GET", headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => { clearTimeout(timer); resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks), reused: req.reusedSocket }); });
      res.on("error", reject);
    });
    req.on("error", (e) => { clearTimeout(timer); reject(e); });
    req.end();
  });
}

/** Raw bytes to the server; resolves with everything it sent back before closing. */
export function raw(port: number, bytes: string | Buffer, ms = 10_000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => s.write(bytes));
    const timer = setTimeout(() => { s.destroy(); reject(new Error("raw: no close within " + ms + " ms")); }, ms);
    const got: Buffer[] = [];
    s.on("data", (d: Buffer) => got.push(d));
    s.on("end", () => { clearTimeout(timer); s.end(); resolve(Buffer.concat(got)); });
    s.on("error", (e) => { clearTimeout(timer); reject(e); });
  });
}

/** A connected raw socket (resolves once connected). */
export function openRaw(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });
}

/** A per-syscall kernel counter (layout.ts SysStat) of syscall number nr. */
export function sysStat(m: Machine, nr: number, k: SysStat): number {
  return Number(new DataView(m.ram.buffer).getBigUint64(SYSSTATS_BASE + nr * SYSSTAT_SIZE + 8 * k, true));
}

/** The access log lines of stderr, each split as the common log format's fields. */
export function logLines(stderr: string): { host: string; time: string; request: string; status: number; bytes: string }[] {
  return stderr.split("\n").filter((l) => l !== "").map((l) => {
    const m = /^(\S+) - - \[([^\]]+)\] "((?:[^"\\]|\\.)*)" (\d{3}) (\d+|-)$/.exec(l);
    if (!m) throw new Error(`not a common log format line: ${l}`);
    return { host: m[1], time: m[2], request: m[3], status: Number(m[4]), bytes: m[5] };
  });
}
