// A full disk: writes stop with ENOSPC, what was written reads back, and the file system stays
// consistent (fsck clean) after a clean shutdown.
import { describe, it, expect } from "vitest";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, WsFs, fsck } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { boot, testGuest } from "./helpers/machine";

describe("storage: ENOSPC", () => {
  it("a write on a full disk fails with ENOSPC and fsck stays clean", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-enospc-"));
    try {
      const image = join(dir, "small.img");
      writeFileSync(image, mkfs(2 << 20, {}).bytes);            // 512 blocks, most of them free
      const b = await boot({ disk: image });
      const pid = await b.m.spawn(await testGuest("fill.ts"), ["fill", "/big"]);
      await b.m.run();
      expect(b.m.exitOf(pid)?.code).toBe(0);
      const m = /^wrote (\d+) bytes: (\w+)\n$/.exec(b.stdout());
      expect(m?.[2]).toBe("ENOSPC");
      const written = Number(m![1]);
      expect(written).toBeGreaterThan(1 << 20);
      const disk = FileStore.open(image, "r");
      try {
        expect(fsck(disk).problems).toEqual([]);
        const data = WsFs.open(disk).readFile("/big");
        expect(data.length).toBe(written);
        expect(data.every((v, i) => v === ((i % 65536) * 13 & 0xff))).toBe(true);
      } finally { disk.close(); }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
