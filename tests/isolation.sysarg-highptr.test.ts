// A user pointer with bits above 32 set is EFAULT, not its low 32 bits: read(fd, buf + 2^32, 1)
// must not store into buf (the kernel used to cut every pointer argument to u32).
import { it, expect } from "vitest";
import { run, testGuest } from "./helpers/machine";

it("pointers at or above 2^32 are EFAULT for read, write, getcwd, pipe2 and openat", async () => {
  const r = await run(await testGuest("highptr.ts"), ["highptr"]);
  expect(r.stdout).toBe("read EFAULT\nbuf 85\nwrite EFAULT\ngetcwd EFAULT\nbuf 85\npipe2 EFAULT\nopenat EFAULT\n");
  expect(r.exit.code).toBe(0);
});
