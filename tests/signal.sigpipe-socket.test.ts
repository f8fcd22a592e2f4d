// A guest that ignores SIGPIPE gets EPIPE from a write to a socket its (real) client has closed,
// and goes on (tests/guests/c/sigpipesock.c behind --hostfwd; Node's net client closes after the
// server's first answer). Linux is the oracle: the same program built with gcc and run natively
// against the same client prints the same. Without the ignore, the write would end it by SIGPIPE
// (net.errors).
import { afterEach, expect, test } from "vitest";
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { projectRoot } from "../host/paths";
import { boot, type Booted } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

const SRC = "tests/guests/c/sigpipesock.c";
const hasGcc = spawnSync("gcc", ["--version"]).status === 0;
let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

/** Connect, say a line, wait for the answer, then close. */
async function client(port: number): Promise<void> {
  for (let i = 0; ; i++) {
    const sock = connect(port, "127.0.0.1");
    const ok = await new Promise<boolean>((r) => { sock.on("connect", () => r(true)); sock.on("error", () => r(false)); });
    if (!ok) { if (i > 100) throw new Error("no server"); await new Promise((r) => setTimeout(r, 50)); continue; }
    sock.write("go\n");
    await new Promise<void>((r) => sock.once("data", () => r()));   // "ready": then the client goes away
    sock.destroy();
    return;
  }
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function native(): Promise<string> {
  const exe = join(mkdtempSync(join(tmpdir(), "wasmos-sigpipe-")), "sigpipesock");
  execFileSync("gcc", ["-O2", "-o", exe, join(projectRoot(), SRC)]);
  const port = await freePort();
  const child = spawn(exe, [String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (d) => { out += d; });
  const done = new Promise<number | null>((r) => child.on("close", (c) => r(c)));
  await client(port);
  expect(await done).toBe(0);
  return out;
}

test.skipIf(!hasClang || !hasGcc)(`SIGPIPE ignored: a write to a closed socket is EPIPE and the server goes on${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const linux = await native();
  expect(linux).toBe("write: EPIPE after some writes\nalive\n");
  const wasm = new Uint8Array(readFileSync(await cGuest(SRC)));
  b = await boot({ ramBytes: 32 << 20, disk: undefined, net: { hostfwd: ["tcp:127.0.0.1:0-:7"] } });
  const pid = await b.m.spawn(wasm, ["sigpipesock"]);
  const running = b.m.run();
  await client(b.m.hostPorts[0]);
  await running;
  expect(b.m.exitOf(pid)).toMatchObject({ code: 0, signal: null });
  expect(b.stdout()).toBe(linux);
}, TRANSLATE_TIMEOUT);
