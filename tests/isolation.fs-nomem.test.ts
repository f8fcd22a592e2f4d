// Finding 6 of issue 10 (memory exhaustion): a MAP_POPULATE mapping that took every free frame (and
// the page cache's) made the next metadata read of any file-system call panic the kernel (`meta:
// cannot read a metadata block`). Now allocations keep a reserve for metadata and the OOM killer
// ends the process that took everything: no panic, the image stays fsck-clean and usable. (A
// metadata read that still finds no frame is EIO with a log line: kernel/fs.ts meta().)
import { expect, test } from "vitest";
import { mkfs } from "../host/fs";
import { Sig } from "../kernel/abi/signals";
import { onImage } from "./helpers/fsimage";

test("a guest that maps all of memory is OOM-killed; no panic, and the file system is intact", async () => {
  const image = mkfs(4 << 20, { files: [{ path: "/d/x", data: new Uint8Array(10000).fill(3) }] }).bytes;
  const r = await onImage(image, "nomem.ts", ["nomem", "64"], { ramBytes: 16 << 20 });
  expect(r.err).not.toMatch(/panic/);
  expect(r.signal).toBe(Sig.SIGKILL);
  expect(r.err).toMatch(/^Out of memory: Killed process \d+ \(nomem\)$/m);
  expect(r.problems).toEqual([]);
  expect(r.fs.stat("/d/x").size).toBe(10000);
});
