// Test helpers for running a guest on a private wsfs image file and checking the image afterwards.
// Interface: onImage(bytes, argv, opts) -> { out, err, code, signal, problems, fs } (fs: the image read back).
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WsFs, fsck } from "../../host/fs";
import { MemStore } from "../../host/devices/blockstore";
import { boot, testGuest, type BootOptions } from "./machine";

export interface ImageRun { out: string; err: string; code: number | null | undefined; signal: number | null | undefined; problems: string[]; fs: WsFs; image: Uint8Array }

/** Run tests/guests/<guest> with `argv` on a copy of `image`; fsck the image after the clean shutdown. */
export async function onImage(image: Uint8Array, guest: string, argv: string[], opts: BootOptions = {}): Promise<ImageRun> {
  const dir = mkdtempSync(join(tmpdir(), "wasmos-fsimg-"));
  try {
    const path = join(dir, "disk.img");
    writeFileSync(path, image);
    const b = await boot({ ...opts, disk: path });
    const pid = await b.m.spawn(await testGuest(guest), argv);
    await b.m.run();
    const after = new Uint8Array(readFileSync(path));
    const store = new MemStore(after);
    return { out: b.stdout(), err: b.stderr(), code: b.m.exitOf(pid)?.code, signal: b.m.exitOf(pid)?.signal, problems: fsck(store).problems, fs: WsFs.open(store), image: after };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}
