// Two sleepers on one machine interleave by virtual time, not by wall time or slice order:
// A prints every 10 ms, B every 35 ms, so the order of their lines is fixed, and a second run
// prints exactly the same.
import { expect, test } from "vitest";
import { Stat } from "../kernel/abi/layout";
import { boot, distDemo, stat } from "./helpers/machine";

async function pingpong(): Promise<{ out: string; switches: number; clock: number; exits: unknown[] }> {
  const b = await boot();
  const a = await b.m.spawn(distDemo("sleeper"), ["sleeper", "A", "6", "10"]);   // t = 0, 10, ... 50
  const c = await b.m.spawn(distDemo("sleeper"), ["sleeper", "B", "3", "35"]);   // t = 0, 35, 70
  await b.m.run();
  return { out: b.stdout(), switches: stat(b.m, Stat.processSwitches), clock: stat(b.m, Stat.virtualTimeNs),
    exits: [b.m.exitOf(a), b.m.exitOf(c)] };
}

test("two sleepers interleave in virtual-time order, the same on every run", async () => {
  const first = await pingpong();
  expect(first.out).toBe("A 0\nB 0\nA 1\nA 2\nA 3\nB 1\nA 4\nA 5\nB 2\n");
  expect(first.exits).toEqual([{ code: 0, signal: null, status: 0 }, { code: 0, signal: null, status: 0 }]);
  expect(first.switches).toBeGreaterThan(0);
  expect(first.clock).toBeGreaterThanOrEqual(70e6);   // B's last line is at 70 ms
  const second = await pingpong();
  expect(second.out).toBe(first.out);
  expect(second.switches).toBe(first.switches);
  expect(second.clock).toBe(first.clock);
});
