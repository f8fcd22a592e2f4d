// execve's reads of its argument vectors and strings from user memory are copies the kernel makes,
// counted and traced like every other copy_from_user (the path name already was, as
// strncpy_from_user). Before, the argv strings and pointers were fetched uncounted: the execve
// below showed only its path name's copy.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs";
import { TraceClass } from "../kernel/abi/trace";
import type { CopyEvent } from "../host/trace";
import { run, testGuest, distDemo } from "./helpers/machine";

test("execve counts its argv strings (strncpy_from_user) and pointers (copy_from_user)", async () => {
  const disk = mkfs(8 << 20, { files: [{ path: "/bin/hello", data: distDemo("hello") }] }).bytes;
  const r = await run(await testGuest("mmiso.ts"), ["mmiso", "exec-str", "/bin/hello", "scattered"],
    { disk, traceMask: TraceClass.syscall | TraceClass.copy, keepEvents: true });
  expect(r.stdout).toBe("hello, world\nargv[1]=page-crossing\n");
  const all = (r.machine.tracer!.events as CopyEvent[]).filter((e) => e.type === "copy");
  const copies = all.filter((e) => e.causeName === "execve");
  const strs = copies.filter((e) => e.routine === "strncpy_from_user").map((e) => e.bytes);
  expect(strs).toContain("page-crossing".length + 1);          // argv[1], with its NUL
  expect(strs.length).toBeGreaterThanOrEqual(3);               // the path, argv[0], argv[1]
  const ptrs = copies.filter((e) => e.routine === "copy_from_user" && e.bytes === 4);
  expect(ptrs.length).toBeGreaterThanOrEqual(3);               // argv[0], argv[1], the NULL
  expect(r.machine.stats().cpuCopies).toBeGreaterThanOrEqual(copies.length);
});
