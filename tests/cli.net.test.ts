// `wasmos run` with the network options, as a user types them: nc talks to the echo service on
// stdin/stdout, --pcap records the wire (the 4096 bytes of /data/4k.bin reassemble from it), --nic
// sg=off|on changes sendfile's CPU copies (1 or 0), a bad --nic is a usage error (exit 2), and
// --hostfwd lets a real client on 127.0.0.1 fetch a file from httpd (the real port is announced
// on stderr). Each run is a child process of dist/cli.mjs, bounded in time.
import { afterEach, expect, test } from "vitest";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { get } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../host/paths";
import { dataBytes } from "../host/fs";
import { readPcap } from "../host/net/pcap";
import { parseFrame, type Frame } from "../host/net/packet";
import { GUEST_IP } from "../kernel/abi/net";

let dir: string | null = null;
let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null; child = null;
});

function wasmos(args: string[], input = "") {
  const r = spawnSync(process.execPath, ["dist/cli.mjs", ...args], { cwd: projectRoot(), encoding: "utf8", input, timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tmp = () => (dir = mkdtempSync(join(tmpdir(), "wasmos-cli-net-")));

test("nc 10.0.2.2 7: stdin goes out, the echo comes back on stdout", () => {
  expect(wasmos(["run", "/bin/nc", "10.0.2.2", "7"], "hello over the wire\n")).toEqual(
    { status: 0, stdout: "hello over the wire\n", stderr: "" });
});

test("--pcap: the capture holds the file's 4096 bytes, in order, from 10.0.2.15", () => {
  const file = join(tmp(), "send.pcap");
  expect(wasmos(["run", "--pcap", file, "/usr/demo/send", "sendfile", "/data/4k.bin"])).toEqual({ status: 0, stdout: "", stderr: "" });
  const frames = readPcap(readFileSync(file)).records.map((r) => parseFrame(r.frame) as Frame);
  const sent = Buffer.concat(frames.filter((f) => f.ip?.src === GUEST_IP && f.tcp).map((f) => f.payload));
  expect(sent.equals(Buffer.from(dataBytes(4096)))).toBe(true);
});

test("--nic sg=off: sendfile copies the page once; sg=on: no CPU copy", () => {
  const copies = (nic: string) => {
    const stats = join(tmp(), `s-${nic}.json`);
    expect(wasmos(["run", "--nic", nic, "--stats", stats, "/usr/demo/send", "sendfile", "/data/4k.bin"]).status).toBe(0);
    const s = JSON.parse(readFileSync(stats, "utf8"));
    return [s.bySyscall.sendfile.cpuCopies, s.bySyscall.sendfile.cpuCopyBytes];
  };
  expect(copies("sg=off")).toEqual([1, 4096]);
  expect(copies("sg=on,tso=on")).toEqual([0, 0]);
});

test("--nic with a bad feature: exit 2 and the accepted form", () => {
  expect(wasmos(["run", "--nic", "bogus", "/usr/demo/hello"])).toEqual({ status: 2, stdout: "",
    stderr: "wasmos: --nic bogus: use sg=on|off, tso=on|off and event_idx=on|off, separated by commas\n" });
});

/** Start `wasmos run ARGS`; resolve with the port announced on stderr ("... listening on 127.0.0.1:PORT"). */
function startServer(args: string[]): Promise<{ port: number; done: Promise<{ code: number | null; stderr: string }> }> {
  return new Promise((resolve, reject) => {
    const c = child = spawn(process.execPath, ["dist/cli.mjs", ...args], { cwd: projectRoot(), stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const timer = setTimeout(() => { c.kill("SIGKILL"); reject(new Error(`no port announced: ${stderr}`)); }, 60_000);
    const done = new Promise<{ code: number | null; stderr: string }>((r) => c.on("close", (code) => r({ code, stderr })));
    c.stderr!.on("data", (d) => {
      stderr += d.toString();
      const m = /listening on 127\.0\.0\.1:(\d+)/.exec(stderr);
      if (m) { clearTimeout(timer); resolve({ port: Number(m[1]), done }); }
    });
    c.on("close", () => { clearTimeout(timer); reject(new Error(`exited before announcing a port: ${stderr}`)); });
  });
}

function fetchText(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    get({ host: "127.0.0.1", port, path, agent: false, timeout: 30_000 }, (res) => {
      let body = "";
      res.on("data", (d) => { body += d; });
      res.on("end", () => resolve({ status: res.statusCode!, body }));
    }).on("error", reject).on("timeout", () => reject(new Error("timeout")));
  });
}

test("--hostfwd tcp:127.0.0.1:0-:80 -- /bin/httpd --count 1: a real client gets /etc/motd", async () => {
  const { port, done } = await startServer(["run", "--hostfwd", "tcp:127.0.0.1:0-:80", "--", "/bin/httpd", "--count", "1"]);
  const r = await fetchText(port, "/etc/motd");
  expect(r.status).toBe(200);
  expect(r.body).toMatch(/^Welcome to wasmos/);
  const end = await done;
  expect(end.code).toBe(0);
  expect(end.stderr.replace(/\[[^\]]*\]/, "[T]")).toBe(`wasmos: tcp:127.0.0.1:0-:80 listening on 127.0.0.1:${port}\n` +
    `10.0.2.2 - - [T] "GET /etc/motd HTTP/1.1" 200 ${Buffer.byteLength(r.body)}\n`);
}, 90_000);

// --hostfwd and --guestfwd take one rule each (repeat the option for more), so the program path
// after the rule is not taken for another rule.
test("--hostfwd RULE /bin/httpd --count 0 (no --) runs httpd", () => {
  const r = wasmos(["run", "--hostfwd", "tcp:127.0.0.1:0-:80", "/bin/httpd", "--count", "0"]);
  expect(r.stderr).not.toMatch(/unknown option/);
  expect(r.status).toBe(2);                                 // httpd's own usage error: --count 0
});
