// The kernel's table of in-core inodes (256 distinct inodes held by open files, working directories
// and mappings) used to panic when full (`iget: inode table full`): a guest reached it by keeping
// mappings of many files with their fds closed, over a few processes. A new reference now fails the
// call with ENFILE (open, chdir), as Linux's file-table limit does; everything else goes on.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs";
import { onImage } from "./helpers/fsimage";

test("more distinct inodes held than the in-core table holds: ENFILE, no panic, fsck clean", async () => {
  const r = await onImage(mkfs(4 << 20, { ninodes: 512 }).bytes, "manyinodes.ts", ["manyinodes", "6"]);
  expect(r.err).not.toMatch(/panic/);
  expect(r.code).toBe(0);
  expect(r.out).toBe("opened 15 then ENFILE\nchildren ok\n");
  expect(r.problems).toEqual([]);
  expect(r.fs.list("/").length).toBe(6 * 40 + 16);
});
