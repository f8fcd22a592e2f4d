// Programs: cowdemo's store into a MAP_PRIVATE mapping stays private: pread still sees the file's
// byte, and after the machine shuts down (writing back everything dirty) the file is unchanged.
import { afterAll, describe, it, expect } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mkfs } from "../host/fs/mkfs";
import { run, distGuest, distDemo } from "./helpers/machine";

const dir = mkdtempSync(join(tmpdir(), "wasmos-cowdemo-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = "hello, private mapping\n".repeat(200);   // more than a page

describe("programs: cowdemo", () => {
  it("shows the file byte unchanged and the mapping's new byte; the file stays intact", async () => {
    const img = join(dir, "a.img");
    mkfs(8 << 20, { files: [{ path: "/t.txt", data: new TextEncoder().encode(text) }] }).saveTo(img);
    const r = await run(distDemo("cowdemo"), ["cowdemo", "/t.txt"], { disk: img });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("file byte 0: h, mapping byte 0: *\n");
    expect(r.exit.code).toBe(0);
    expect((await run(distGuest("cat"), ["cat", "/t.txt"], { disk: img })).stdout).toBe(text);
  });

  it("stores '#' when the file already starts with '*'", async () => {
    const img = mkfs(8 << 20, { files: [{ path: "/s", data: new TextEncoder().encode("*star") }] });
    const r = await run(distDemo("cowdemo"), ["cowdemo", "/s"], { disk: img.bytes });
    expect(r.stdout).toBe("file byte 0: *, mapping byte 0: #\n");
    expect(r.exit.code).toBe(0);
  });
});
