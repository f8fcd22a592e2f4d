// Shared anonymous memory (kernel/shmem.ts): a MAP_SHARED|MAP_ANONYMOUS page first touched after
// fork is the same frame in parent and child, survives the child unmapping its view, and every
// frame of the region is freed once the last process holding it is gone (tests/guests/c/shmanon.c).
import { expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { meminfo } from "../host/inspect";
import { boot } from "./helpers/machine";
import { cGuest, hasClang, NO_CLANG, TRANSLATE_TIMEOUT } from "./helpers/cguest";

test.skipIf(!hasClang)(`shared anonymous pages are shared after fork and freed with their last user${hasClang ? "" : ` (${NO_CLANG})`}`, async () => {
  const guest = new Uint8Array(readFileSync(await cGuest("tests/guests/c/shmanon.c")));
  const b = await boot({ net: null });
  const atBoot = meminfo(b.m);
  const pid = await b.m.spawn(guest, ["shmanon"]);
  await b.m.run();
  expect(b.stdout()).toBe("parent sees a b c, untouched 0\nchild of an unmapped region exits 0\n");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  const after = meminfo(b.m);
  expect(after.byOwner.anon).toBe(0);
  expect(after.byOwner.pagetable).toBe(0);
  expect(after.free).toBe(atBoot.free);
}, TRANSLATE_TIMEOUT);
