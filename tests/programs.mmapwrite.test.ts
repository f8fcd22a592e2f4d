// Programs: mmapwrite stores TEXT through a MAP_SHARED mapping and msyncs it; a later cat (a second
// machine booted on the same image file) shows it, and the image itself holds it.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs, type MkfsFile } from "../host/fs/mkfs";
import { WsFs } from "../host/fs";
import { FileStore } from "../host/devices/blockstore";
import { run, distGuest, distDemo } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-mmapwrite-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const enc = (s: string) => new TextEncoder().encode(s);

function imageFile(name: string, files: MkfsFile[]): string {
  const path = join(dir, name);
  mkfs(8 << 20, { files }).saveTo(path);
  return path;
}

describe("programs: mmapwrite", () => {
  it("overwrites the start of a file; cat on the next boot shows it", async () => {
    const img = imageFile("a.img", [{ path: "/t.txt", data: enc("hello world, from the disk\n") }]);
    const r = await run(distDemo("mmapwrite"), ["mmapwrite", "/t.txt", "HELLO"], { disk: img });
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    const c = await run(distGuest("cat"), ["cat", "/t.txt"], { disk: img });
    expect(c.stdout).toBe("HELLO world, from the disk\n");
  });

  it("grows a shorter file to the text's length", async () => {
    const img = imageFile("b.img", [{ path: "/short", data: enc("ab") }]);
    const text = "a longer text than the file\n";
    const r = await run(distDemo("mmapwrite"), ["mmapwrite", "/short", text], { disk: img });
    expect(r.exit.code).toBe(0);
    expect((await run(distGuest("cat"), ["cat", "/short"], { disk: img })).stdout).toBe(text);
    expect(new TextDecoder().decode(WsFs.open(FileStore.open(img, "r")).readFile("/short"))).toBe(text);
  });

  it("reports a file in a missing directory as ENOENT with exit 1", async () => {
    const r = await run(distDemo("mmapwrite"), ["mmapwrite", "/no/f", "x"], { disk: mkfs(8 << 20, {}).bytes });
    expect(r.stderr).toBe("mmapwrite: /no/f: open: ENOENT\n");
    expect(r.exit.code).toBe(1);
  });
});
