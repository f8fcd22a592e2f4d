// A process that closed /dev/netmap but kept its mapping of the region does not see the next
// registrant's buffers: a new registration gets a region of its own (tests/guests/netmapstale.ts).
import { afterEach, expect, test } from "vitest";
import { boot, testGuest, type Booted } from "./helpers/machine";

let b: Booted | null = null;
afterEach(() => { b?.m.close(); b = null; });

test("a mapping kept after close keeps the old region's frames, not the new registrant's", async () => {
  b = await boot({ net: {} });
  const pid = await b.m.spawn(await testGuest("netmapstale.ts"), ["netmapstale"]);
  await b.m.run();
  expect(b.stderr()).toBe("");
  expect(b.m.exitOf(pid)?.code).toBe(0);
  expect(b.stdout()).toBe("B wrote 5ec2e7\nA reads 0 (before 0)\n");
});
