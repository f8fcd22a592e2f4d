// A bad memory access kills only the process that made it, with SIGSEGV: fault (a store to the
// kernel half) dies while sortbench, spawned beside it on the same machine, finishes normally; a load
// from an address no region maps dies the same way.
import { expect, test } from "vitest";
import { Stat } from "../kernel/abi/layout";
import { Sig } from "../kernel/abi/signals";
import { boot, distDemo, run, stat, testGuest } from "./helpers/machine";

const N = 5000;

/** What sortbench prints for n: it fills with the LCG x' = 1664525x + 1013904223 from 12345, sorts,
 *  and prints the FNV-1a hash of the sorted values. */
function sortOutput(n: number): string {
  const a = new Int32Array(n);
  let x = 12345;
  for (let i = 0; i < n; i++) { x = (Math.imul(x, 1664525) + 1013904223) >>> 0; a[i] = x | 0; }
  a.sort();
  let h = 2166136261;
  for (const v of a) h = Math.imul(h ^ (v >>> 0), 16777619) >>> 0;
  return `sorted ${n} checksum ${h}\n`;
}

test("a faulting process dies with SIGSEGV and its neighbour finishes", async () => {
  const b = await boot();
  const segvBefore = stat(b.m, Stat.faultSegv);
  const fault = await b.m.spawn(distDemo("fault"), ["fault"]);
  const sort = await b.m.spawn(distDemo("sortbench"), ["sortbench", String(N)]);
  await b.m.run();

  expect(b.m.exitOf(fault)).toEqual({ code: null, signal: Sig.SIGSEGV, status: Sig.SIGSEGV });
  expect(b.m.exitOf(sort)).toEqual({ code: 0, signal: null, status: 0 });
  expect(b.stdout()).toBe(sortOutput(N));
  expect(stat(b.m, Stat.faultSegv) - segvBefore).toBe(1);
});

test("a load from an unmapped address (0x90000000) dies with SIGSEGV", async () => {
  const r = await run(await testGuest("wild.wat"), ["wild"]);
  expect(r.exit.signal).toBe(Sig.SIGSEGV);
  expect(r.stdout).toBe("");
  expect(stat(r.machine, Stat.faultSegv)).toBe(1);
});
