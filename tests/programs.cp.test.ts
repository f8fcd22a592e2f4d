// Programs: cp SRC DST copies through a 64 KiB buffer; a later cat of DST (a second machine on the
// same image file) gives SRC's exact bytes, and DST is created with SRC's mode (0644 here) or truncated.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, type MkfsFile } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distGuest } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-cp-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An 8 MiB image holding files, written to a host file (so that runs share it). */
function imageFile(name: string, files: MkfsFile[]): string {
  const path = join(dir, name);
  mkfs(8 << 20, { files }).saveTo(path);
  return path;
}

const data = Uint8Array.from({ length: 150_000 }, (_, i) => (i * 131 + (i >> 10)) & 0xff);   // 3 buffers' worth

describe("programs: cp", () => {
  it("copies a file that a later cat reads back byte for byte, mode 0644", async () => {
    const img = imageFile("copy.img", [{ path: "/src.bin", data }]);
    const r = await run(distGuest("cp"), ["cp", "/src.bin", "/dst.bin"], { disk: img });
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    const c = await run(distGuest("cat"), ["cat", "/dst.bin"], { disk: img });
    expect(c.exit.code).toBe(0);
    expect(Buffer.from(c.stdoutBytes).equals(Buffer.from(data))).toBe(true);
    expect(WsFs.open(FileStore.open(img, "r")).stat("/dst.bin").mode & 0o777).toBe(0o644);
  });

  it("truncates a longer DST", async () => {
    const img = imageFile("trunc.img", [{ path: "/src.txt", data: new TextEncoder().encode("short\n") },
      { path: "/dst.txt", data }]);
    const r = await run(distGuest("cp"), ["cp", "/src.txt", "/dst.txt"], { disk: img });
    expect(r.exit.code).toBe(0);
    const c = await run(distGuest("cat"), ["cat", "/dst.txt"], { disk: img });
    expect(c.stdout).toBe("short\n");
  });

  it("reports a missing SRC as GNU cp does, with exit 1", async () => {
    const r = await run(distGuest("cp"), ["cp", "/nope", "/x"], { disk: mkfs(8 << 20, {}).bytes });
    expect(r.stderr).toBe("cp: cannot stat '/nope': No such file or directory\n");
    expect(r.exit.code).toBe(1);
  });
});
