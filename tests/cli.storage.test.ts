// `wasmos run /bin/cat /data/4k.bin` prints the file from the embedded image; on a copy of the
// image given with --disk, `wasmos fsck` afterwards exits 0.
import { describe, it, expect } from "vitest";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dataBytes } from "../host/fs";
import { distPath, projectRoot } from "../host/paths";
import { cli } from "./helpers/cli";

function runBytes(...args: string[]): { status: number | null; out: Buffer } {
  const r = spawnSync(process.execPath, ["dist/cli.mjs", ...args], { cwd: projectRoot(), input: "" });
  return { status: r.status, out: r.stdout };
}

describe("cli: programs on the disk", () => {
  it("cat prints /data/4k.bin exactly, from the embedded image", () => {
    const r = runBytes("run", "/bin/cat", "/data/4k.bin");
    expect(r.status).toBe(0);
    expect(r.out.equals(Buffer.from(dataBytes(4096)))).toBe(true);
  });

  it("fsck is clean on an image after a run that wrote to it", () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-cli-"));
    try {
      const img = join(dir, "root.img");
      copyFileSync(distPath("rootfs.img"), img);
      expect(runBytes("run", "--disk", img, "/bin/cp", "/data/4k.bin", "/data/copy.bin").status).toBe(0);
      const f = cli("fsck", img);
      expect(f.stdout + f.stderr).toMatch(/clean/);
      expect(f.status).toBe(0);
      const again = runBytes("run", "--disk", img, "/bin/cat", "/data/copy.bin");
      expect(again.out.equals(Buffer.from(dataBytes(4096)))).toBe(true);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it("a missing guest program is a clear error with exit 127", () => {
    const r = cli("run", "/bin/nope");
    expect(r.status).toBe(127);
    expect(r.stderr).toBe("wasmos: /bin/nope: no such file on the guest file system\n");
  });
});
