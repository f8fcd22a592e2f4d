// Programs: sigbus maps 2 pages of a file MAP_SHARED, truncates the file to 0 and loads from the
// mapping: the program dies by SIGBUS (7), whether the page was resident (page 0) or never
// faulted in (page 1), as on Linux.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distDemo } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-sigbus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SIGBUS = 7;

describe("programs: sigbus", () => {
  for (const page of ["0", "1"]) {
    it(`dies by SIGBUS loading page ${page} after the truncate; the file is left empty`, async () => {
      const img = join(dir, `p${page}.img`);
      mkfs(8 << 20, { files: [{ path: "/f", data: new Uint8Array(8192).fill(0x5a) }] }).saveTo(img);
      const r = await run(distDemo("sigbus"), ["sigbus", "/f", page], { disk: img });
      expect(r.stdout).not.toContain("survived");
      expect(r.exit.signal).toBe(SIGBUS);
      expect(WsFs.open(FileStore.open(img, "r")).stat("/f").size).toBe(0);
    });
  }

  it("grows a short file to 2 pages first, and still dies by SIGBUS", async () => {
    const img = mkfs(8 << 20, { files: [{ path: "/short", data: new Uint8Array(10) }] });
    const r = await run(distDemo("sigbus"), ["sigbus", "/short"], { disk: img.bytes });
    expect(r.exit.signal).toBe(SIGBUS);
  });
});
