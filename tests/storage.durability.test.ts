// Durability: once fsync returns, the bytes are in the host image file even if the host process
// is killed (SIGKILL) right after.
import { describe, it, expect } from "vitest";
import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, WsFs } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { distPath } from "../host/paths";
import { testGuest } from "./helpers/machine";

describe("storage: durability", () => {
  it("data fsync'ed before the host is killed is in the image", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wasmos-dur-"));
    try {
      const image = join(dir, "disk.img"), prog = join(dir, "syncspin.wasm");
      writeFileSync(image, mkfs(8 << 20, {}).bytes);
      writeFileSync(prog, await testGuest("syncspin.ts"));
      const child = spawn(process.execPath, [distPath("cli.mjs"), "run", "--disk", image, prog, "/d"], { stdio: ["ignore", "pipe", "pipe"] });
      const exited = new Promise<NodeJS.Signals | null>((res) => child.on("exit", (_c, sig) => res(sig)));
      await new Promise<void>((res, rej) => {
        let out = "";
        child.stdout.on("data", (d) => { out += d; if (out.includes("synced\n")) { child.kill("SIGKILL"); res(); } });
        child.on("exit", () => rej(new Error(`exited before syncing: ${out}`)));
      });
      expect(await exited).toBe("SIGKILL");
      const disk = FileStore.open(image, "r");
      try {
        const data = WsFs.open(disk).readFile("/d");
        expect(data.length).toBe(10000);
        expect(data.every((v, i) => v === ((i * 3 + 1) & 0xff))).toBe(true);
      } finally { disk.close(); }
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
