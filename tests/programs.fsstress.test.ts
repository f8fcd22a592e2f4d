// Programs: fsstress runs a seeded random mix of create/append/pwrite/ftruncate/unlink/rename/
// mkdir/fsync over /stress, checking every result and, at the end, every file and directory
// against its in-memory model: it prints "ok". The image it leaves passes fsck, and a second
// run on the same image (reusing the freed blocks) is "ok" too.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { fsck } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distDemo } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-fsstress-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("programs: fsstress", () => {
  for (const seed of ["1", "2", "3"]) {
    it(`seed ${seed}: 200 operations check out`, async () => {
      const r = await run(distDemo("fsstress"), ["fsstress", "200", seed], { disk: mkfs(8 << 20, {}).bytes });
      expect(r.stdout).toBe("ok\n");
      expect(r.exit.code).toBe(0);
    });
  }

  it("leaves an image that passes fsck, and a second run on it checks out", async () => {
    const img = join(dir, "a.img");
    mkfs(8 << 20, {}).saveTo(img);
    const r1 = await run(distDemo("fsstress"), ["fsstress", "300", "11"], { disk: img });
    expect(r1.stdout).toBe("ok\n");
    expect(fsck(FileStore.open(img, "r")).problems).toEqual([]);
    const r2 = await run(distDemo("fsstress"), ["fsstress", "300", "12", "/stress2"], { disk: img });
    expect(r2.stdout).toBe("ok\n");
    expect(r2.exit.code).toBe(0);
    expect(fsck(FileStore.open(img, "r")).problems).toEqual([]);
  });

  it("refuses to start over an existing /stress (EEXIST, exit 1)", async () => {
    const img = mkfs(8 << 20, { files: [{ path: "/stress/x", data: new Uint8Array(1) }] });
    const r = await run(distDemo("fsstress"), ["fsstress", "10"], { disk: img.bytes });
    expect(r.stdout).toBe("mkdir /stress: got EEXIST, want 0\n");
    expect(r.exit.code).toBe(1);
  });
});
