// Issue 10 finding 14: the loader could be held for minutes by thousands of tiny chained functions
// or one huge function (translation time grew faster than size). Now the optimization effort is
// chosen from the module's size (host/translate/optimize.ts: such modules get the light effort,
// about linear in size) and every loader translation runs in a worker thread with a wall-time
// budget (host/translate/bounded.ts) that stops it with a clear error. These tests assert the
// mechanisms, not speed: which effort a shape gets, that a light translation runs correctly
// (preemption and syscalls through asyncify), and that an overrun budget stops the worker.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { translate } from "../host/translate";
import { cacheStore, translateCached } from "../host/translate/cache";
import { translateBounded, closeTranslator } from "../host/translate/bounded";
import { FULL_MAX_NODES } from "../host/translate/optimize";
import { TranslateError } from "../host/translate/types";
import { chainModule, hugeFunctionModule } from "../bench/shapes";
import { distDemo, run } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-translatecost-"));
afterAll(async () => { await closeTranslator(); rmSync(dir, { recursive: true, force: true }); });

const SLOW = 600_000;   // a generous bound on a loaded machine: the tests assert mechanisms, not speed

test("a chain of 2,000 tiny functions gets the light effort, loads through the worker and runs", async () => {
  const chain = chainModule(2000);
  const r = await run(chain, ["chain"], { cacheDir: dir });
  expect(r.exit).toMatchObject({ code: 0 });
  const t = await translateCached(chain, dir);
  expect(t.cached).toBe(true);
  expect(t.effort).toBe("light");
}, SLOW);

test("one function of ~35,000 expressions gets the light effort and V8 compiles the result", async () => {
  const t = await translate(hugeFunctionModule(40_000));
  expect(t.effort).toBe("light");
  await WebAssembly.compile(t.wasm);            // asyncify unoptimized: locals stay under V8's limit
}, SLOW);

test("the shipped programs keep the full effort (they are far below FULL_MAX_NODES)", async () => {
  for (const name of ["sortbench", "sieve", "fsstress"]) expect((await translate(distDemo(name))).effort).toBe("full");
  expect((await translate(chainModule(100))).effort).toBe("full");
  expect((await translate(chainModule(300))).effort).toBe("light");   // more than FULL_MAX_FUNCTIONS
  expect(FULL_MAX_NODES).toBeGreaterThan(5000);
}, SLOW);

test("sieve translated with the light effort prints and counts what the full effort does", async () => {
  const bytes = distDemo("sieve");
  const full = await run(bytes, ["sieve"], { cacheDir: dir });
  const lightDir = join(dir, "light");
  const t = await translate(bytes, { effort: "light" });
  expect(t.effort).toBe("light");
  await cacheStore(bytes, t, lightDir);
  const light = await run(bytes, ["sieve"], { cacheDir: lightDir });
  expect(light.stdout).toBe(full.stdout);
  expect(light.stdout).toMatch(/^primes below \d+: \d+\n$/);
  expect(light.exit).toEqual(full.exit);
  const [ls, fs] = [light.machine.stats(), full.machine.stats()];
  expect(ls.userTimeNs).toBeGreaterThan(0);       // loop iterations counted by the preemption budget
  expect(ls.userTimeNs).toBe(fs.userTimeNs);       // the same ticks, whatever the effort
  expect(ls.modeSwitches).toBe(fs.modeSwitches);
}, SLOW);

test("a translation that overruns its wall-time budget is stopped with a TranslateError; the next one works", async () => {
  const err = await translateBounded(chainModule(3000), 1).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(TranslateError);
  expect((err as Error).message).toBe("translation stopped after 0.001 s (the module is too costly to translate)");
  const t = await translateBounded(chainModule(10));
  expect(t.effort).toBe("full");
  expect(WebAssembly.validate(t.wasm)).toBe(true);
}, SLOW);
