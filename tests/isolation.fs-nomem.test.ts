// Finding 6 of issue 10 (memory exhaustion): after a MAP_POPULATE mapping took every free frame
// (and the page cache's), the next metadata read of any file-system call panicked the kernel
// (`meta: cannot read a metadata block`). It is now an error for that call (EIO, or ENOSPC for an
// allocation), and once the memory is back the same calls work and the image is fsck-clean.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs";
import { onImage } from "./helpers/fsimage";

test("file-system calls with no free frame: errors, no panic; all well once memory is back", async () => {
  const image = mkfs(4 << 20, { files: [{ path: "/d/x", data: new Uint8Array(10000).fill(3) }] }).bytes;
  const r = await onImage(image, "nomem.ts", ["nomem", "64"], { ramBytes: 16 << 20 });
  expect(r.err).not.toMatch(/panic/);
  expect(r.code).toBe(0);
  const [head, starved, after] = r.out.split("\n");
  expect(head).toBe("mmap ok munmap 0");
  const got = starved.split(" ").slice(1);
  expect(got).toHaveLength(5);
  for (const v of got) expect(v).toMatch(/^(EIO|ENOMEM|ENOSPC|\d+)$/);
  expect(got.filter((v) => /^E/.test(v)).length).toBeGreaterThan(0);     // memory really was short
  expect(after).toMatch(/^RESULTS 10000 10000 (0|EEXIST) 72 4096$/);
  expect(r.problems).toEqual([]);
  expect(r.fs.stat("/n").size).toBe(4096);
  expect(r.err).toMatch(/^wsfs: cannot read metadata block \d+ \(no memory or I\/O error\)$/m);
});
