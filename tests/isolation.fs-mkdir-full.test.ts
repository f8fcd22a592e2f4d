// Finding 10 of issue 10: mkdir on a full disk returned ENOSPC but left the new directory linked
// in its parent without "." and ".." (fsck: a corrupt directory). mkdir is now all-or-nothing: the
// directory is built first and linked last, and a failure frees what it took.
import { expect, test } from "vitest";
import { mkfs, WsFs, fsck, FsError } from "../host/fs";
import { onImage } from "./helpers/fsimage";

// A small image whose data blocks are all taken by /big (the root directory still has free slots).
function fullImage(): Uint8Array {
  const store = mkfs(1 << 20);
  const fs = WsFs.open(store, true);
  let err: unknown;
  try { fs.writeFile("/big", new Uint8Array(2 << 20).fill(1)); } catch (e) { err = e; }
  expect((err as FsError).code).toBe("ENOSPC");
  fs.sync();
  expect(fs.img.sb.freeBlocks).toBe(0);
  expect(fsck(store).problems).toEqual([]);
  return store.bytes;
}

test("mkdir on a full disk: ENOSPC, nothing linked, fsck clean; after rm it works", async () => {
  const r = await onImage(fullImage(), "fsprobe.ts",
    ["fsprobe", "mkdir", "/d", "stat", "/d", "ls", "/", "mkdir", "/e", "rm", "/big", "mkdir", "/d", "ls", "/d"]);
  expect(r.code).toBe(0);
  expect(r.out.split("\n").filter((l) => l)).toEqual([
    "mkdir /d = ENOSPC",
    "stat /d = ENOENT",
    "ls / = 5",                      // ".", "..", "big", and the mount points proc, dev
    "mkdir /e = ENOSPC",
    "rm /big = 0",
    "mkdir /d = 0",
    "ls /d = 2",
  ]);
  expect(r.problems).toEqual([]);
  expect(r.fs.list("/").map((e) => e.name)).toEqual(["d"]);
  expect(r.fs.stat("/").nlink).toBe(3);
});
