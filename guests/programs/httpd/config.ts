// httpd's command line: what to serve, where, how many connections at once and how file bodies
// travel. The old flags stay as they were ([--count N] [PORT] [ROOT]).
// Interface: parseConfig() fills `config` (or exits 2 with the usage line); Method; methodName(m).
//   --count N          exit after N requests have been answered
//   --method M         read+write | sendfile (default) | splice | mmap+write
//   --max-conns N      connections served at once (default 32); more wait in the listen backlog
//   --timeout SECS     close a connection idle (or stalled) this long (default 60)
//   --poller P         ppoll (default) | epoll: how the event loop waits for readiness
import { argc, arg, parseInteger, eprint, exit_group } from "../../sdk";
import { SLASH } from "./bytes";

export enum Method { readWrite = 0, sendfile = 1, splice = 2, mmapWrite = 3 }

export const PATH_BUF: usize = 2048;          // httpd's own limit on ROOT + a request path
const DEFAULT_PORT: i64 = 80;
const DEFAULT_CONNS: i32 = 32;
const DEFAULT_TIMEOUT_S: i64 = 60;
const MAX_PORT: i64 = 65535;
const MAX_CONNS: i64 = 256;

export class Config {
  port: u16 = <u16>DEFAULT_PORT;
  root: usize = 0;                             // ROOT without a trailing slash ("" for /)
  rootLen: usize = 0;
  count: i64 = 0;                              // 0: serve forever
  method: Method = Method.sendfile;
  maxConns: i32 = DEFAULT_CONNS;
  timeoutMs: i64 = DEFAULT_TIMEOUT_S * 1000;
  epoll: bool = false;                         // --poller epoll
}

export const config = new Config();

export function methodName(m: Method): string {
  switch (m) {
    case Method.readWrite: return "read+write";
    case Method.splice: return "splice";
    case Method.mmapWrite: return "mmap+write";
    default: return "sendfile";
  }
}

function parseMethod(s: string): i32 {
  for (let m = Method.readWrite; m <= Method.mmapWrite; m++) if (methodName(m) == s) return m;
  return -1;
}

function usage(): void {
  eprint("usage: httpd [--count N] [--method read+write|sendfile|splice|mmap+write] [--max-conns N] [--timeout SECS] [--poller ppoll|epoll] [PORT] [ROOT]\n");
  exit_group(2);
}

/** The value of option i (usage error if it is missing or not a positive integer up to max). */
function positive(i: i32, max: i64): i64 {
  const v = i < argc() ? parseInteger(arg(i), -1) : -1;
  if (v <= 0 || v > max) usage();
  return v;
}

export function parseConfig(): void {
  let rootStr = "/", positional = 0;
  for (let i = 1; i < argc(); i++) {
    const a = arg(i);
    if (a == "--count") config.count = positive(++i, I64.MAX_VALUE);
    else if (a == "--max-conns") config.maxConns = <i32>positive(++i, MAX_CONNS);
    else if (a == "--timeout") config.timeoutMs = positive(++i, I32.MAX_VALUE) * 1000;
    else if (a == "--poller") { const p = ++i < argc() ? arg(i) : ""; if (p != "ppoll" && p != "epoll") usage(); config.epoll = p == "epoll"; }
    else if (a == "--method") { const m = ++i < argc() ? parseMethod(arg(i)) : -1; if (m < 0) usage(); config.method = <Method>m; }
    else if (positional == 0) { config.port = <u16>positive(i, MAX_PORT); positional++; }
    else if (positional == 1) { rootStr = a; positional++; }
    else usage();
  }
  if (rootStr.length == 0 || rootStr.charCodeAt(0) != SLASH) usage();
  while (rootStr.length > 1 && rootStr.endsWith("/")) rootStr = rootStr.substring(0, rootStr.length - 1);
  const buf = String.UTF8.encode(rootStr == "/" ? "" : rootStr);
  config.root = changetype<usize>(buf); config.rootLen = <usize>buf.byteLength;
  if (config.rootLen >= PATH_BUF / 2) usage();
}
