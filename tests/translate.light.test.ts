// The light effort (host/translate/optimize.ts: asyncify first, then the inlining of the access
// wrappers and of small guest functions into code asyncify has already instrumented) keeps every
// mechanism of the full one: a loop preempted at its head unwinds and resumes (spin is preempted
// so that hello, spawned after it, finishes first), system calls block and resume through inlined
// functions (fsstress checks every result against its model), and the translation of a module
// whose file is mostly debug sections leaves them out (translate.ts drops custom sections other
// than "name" before parsing) yet runs the program.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { translate } from "../host/translate";
import { cacheStore, translateCached } from "../host/translate/cache";
import { processes, type ProcInfo } from "../host/inspect";
import { mkfs } from "../host/fs/mkfs";
import { Stat } from "../kernel/abi/layout";
import { boot, distDemo, run, stat } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-light-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SLOW = 300_000;      // translations on a loaded machine: the tests assert behaviour, not speed

/** Puts the light translation of `bytes` into the test's cache (a machine then loads it). */
async function light(bytes: Uint8Array): Promise<Uint8Array> {
  const t = await translate(bytes, { effort: "light" });
  expect(t.effort).toBe("light");
  await cacheStore(bytes, t, dir);
  const cached = await translateCached(bytes, dir);
  expect([cached.cached, cached.effort]).toEqual([true, "light"]);     // what the machine will load
  return bytes;
}

test("light: a CPU-bound loop is preempted at its head and resumes; hello finishes first", async () => {
  const spinBytes = await light(distDemo("spin")), helloBytes = await light(distDemo("hello"));
  const spins = 30_000_000;
  let atHello: ProcInfo[] | null = null;
  const b = await boot({ cacheDir: dir, onStdout: () => { atHello ??= processes(b.m); } });
  const spin = await b.m.spawn(spinBytes, ["spin", String(spins)]);
  const hello = await b.m.spawn(helloBytes, ["hello"]);
  await b.m.run();
  expect(b.stdout()).toBe(`hello, world\nspun ${spins}\n`);
  expect(b.m.exitOf(spin)?.code).toBe(0);
  expect(b.m.exitOf(hello)?.code).toBe(0);
  expect(atHello!.find((p) => p.pid === spin)?.state).toBe("runnable");
  expect(stat(b.m, Stat.processSwitches)).toBeGreaterThanOrEqual(2);
}, SLOW);

test("light: fsstress's system calls block and resume through inlined code; every result checks out", async () => {
  const bytes = await light(distDemo("fsstress"));
  const r = await run(bytes, ["fsstress", "200", "5"], { cacheDir: dir, disk: mkfs(8 << 20, {}).bytes });
  expect(r.stdout).toBe("ok\n");
  expect(r.exit.code).toBe(0);
}, SLOW);

/** `bytes` with a custom section `name` of `size` bytes appended (wasm: id 0, LEB size, name, payload). */
function withCustomSection(bytes: Uint8Array, name: string, size: number): Uint8Array {
  const leb = (n: number) => { const out: number[] = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
  const nameBytes = [...Buffer.from(name)];
  const payload = [...leb(nameBytes.length), ...nameBytes];
  return new Uint8Array([...bytes, 0, ...leb(payload.length + size), ...payload, ...new Uint8Array(size).fill(0x5a)]);
}

test("a module that is mostly debug sections translates without them and runs", async () => {
  const plain = distDemo("hello");
  const padded = withCustomSection(plain, ".debug_info", 4 << 20);
  expect(padded.length).toBeGreaterThan(4 << 20);
  const t = await translate(padded);
  expect(t.wasm.length).toBeLessThan(plain.length * 20);           // not the 4 MiB section
  expect(Buffer.from(t.wasm).includes(Buffer.from(".debug_info"))).toBe(false);
  const r = await run(padded, ["hello"], { cacheDir: dir });
  expect(r.stdout).toBe("hello, world\n");
  expect(r.exit.code).toBe(0);
}, SLOW);
