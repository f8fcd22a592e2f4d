// Anonymous memory is demand-zero: touchpages maps 300 pages and stores into each (reading every byte
// back); each first store is a minor page fault, and every frame they took is free again at exit.
import { expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { Stat } from "../kernel/abi/layout";
import { boot, distDemo, stat } from "./helpers/machine";

const PAGES = 300;

test("touching 300 anonymous pages takes a minor fault per page; all frames are freed at exit", async () => {
  const b = await boot();
  const freeAtBoot = meminfo(b.m).free;
  const faultsBefore = stat(b.m, Stat.faultMinor);
  const pid = await b.m.spawn(distDemo("touchpages"), ["touchpages", String(PAGES)]);
  await b.m.run();

  expect(b.m.exitOf(pid)).toEqual({ code: 0, signal: null, status: 0 });
  expect(b.stdout()).toBe(`touched ${PAGES} pages\n`);
  expect(b.stderr()).toBe("");
  expect(stat(b.m, Stat.faultMinor) - faultsBefore).toBeGreaterThanOrEqual(PAGES);
  expect(stat(b.m, Stat.faultMajor)).toBe(0);
  expect(meminfo(b.m).free).toBe(freeAtBoot);
  expect(stat(b.m, Stat.framesFree)).toBe(freeAtBoot);
});
