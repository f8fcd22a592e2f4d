// Exit releases everything a process held: after hello, sortbench, touchpages, memtest and fault (killed by
// SIGSEGV) have all run on one machine, every frame is free again, none is left as user memory
// or page table.
import { expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { Sig } from "../kernel/abi/signals";
import { boot, distDemo } from "./helpers/machine";

const PROGRAMS: string[][] = [["hello", "x"], ["sortbench", "20000"], ["touchpages", "64"], ["memtest"], ["fault"]];

test("no frame leaks after five programs, one killed, have exited", async () => {
  const b = await boot();
  const atBoot = meminfo(b.m);
  const pids = [];
  for (const argv of PROGRAMS) pids.push(await b.m.spawn(distDemo(argv[0]), argv));
  const whileLoaded = meminfo(b.m).free;
  await b.m.run();

  expect(pids.map((p) => b.m.exitOf(p)?.code ?? `signal ${b.m.exitOf(p)?.signal}`))
    .toEqual([0, 0, 0, 0, `signal ${Sig.SIGSEGV}`]);
  expect(whileLoaded).toBeLessThan(atBoot.free);                 // loading them did take frames
  const after = meminfo(b.m);
  expect(after.free).toBe(atBoot.free);
  expect(after.byOwner.anon).toBe(0);
  expect(after.byOwner.pagetable).toBe(0);
  expect(after.byOwner).toEqual(atBoot.byOwner);
});
