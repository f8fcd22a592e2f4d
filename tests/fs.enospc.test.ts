// Running out of blocks or inodes fails the write with ENOSPC and leaves a consistent image:
// the partly written file keeps what fit.
import { expect, test } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs/fsck";
import { WsFs } from "../host/fs/files";
import { FsError } from "../host/fs/error";

test("filling a small image: ENOSPC, fsck clean, freed space reusable", () => {
  const fs = WsFs.open(mkfs(256 * 1024), true);          // 64 blocks, 64 inodes
  let err: unknown;
  try { fs.writeFile("/big", new Uint8Array(300 * 1024).fill(7)); } catch (e) { err = e; }
  expect((err as FsError).code).toBe("ENOSPC");
  const kept = fs.readFile("/big");
  expect(kept.length).toBeGreaterThan(0);
  expect(kept.every((b) => b === 7)).toBe(true);
  fs.sync();
  expect(fsck(fs.img.store)).toMatchObject({ ok: true, problems: [] });
  fs.remove("/big");
  for (let i = 0; ; i++) {
    try { fs.writeFile(`/f${i}`, new Uint8Array(0)); } catch (e) { expect((e as FsError).code).toBe("ENOSPC"); break; }
  }
  fs.sync();
  expect(fsck(fs.img.store)).toMatchObject({ ok: true, problems: [] });
  expect(fs.img.sb.freeInodes).toBe(0);
});
