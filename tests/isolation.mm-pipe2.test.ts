// pipe2 with a bad pointer returns EFAULT and leaves no fd open (Linux closes both ends): the next
// dup(0) gets fd 3. Before the fix both ends stayed open, leaked.
import { it, expect } from "vitest";
import { run, testGuest } from "./helpers/machine";

it("pipe2 with a bad pointer is EFAULT and opens nothing", async () => {
  const r = await run(await testGuest("mmiso.ts"), ["mmiso", "pipe2-efault"]);
  expect(r.stdout).toBe("pipe2 EFAULT\npipe2 last byte EFAULT\nnext fd 3\n");
  expect(r.exit.code).toBe(0);
});
