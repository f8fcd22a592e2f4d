// fcntl(F_SETFL) sets the flags Linux lets it set (O_APPEND, O_ASYNC, O_DIRECT, O_NOATIME,
// O_NONBLOCK): O_DIRECT set this way shows in F_GETFL and sends reads down the direct path, which
// refuses a misaligned buffer with EINVAL as an open(O_DIRECT) file does; clearing it goes back
// to the page cache.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, testGuest } from "./helpers/machine";

const data = Uint8Array.from({ length: 3 * 4096 }, (_, i) => (i * 7) & 0xff);
const img = mkfs(8 << 20, { files: [{ path: "/f.bin", data }] });

describe("fcntl F_SETFL O_DIRECT", () => {
  it("takes effect: F_GETFL shows it and reads go the direct path until it is cleared", async () => {
    const r = await run(await testGuest("setfldirect.ts"), ["setfldirect", "/f.bin"], { disk: img.bytes });
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    expect(r.stdout).toBe([
      "cached misaligned read: 4096",
      "O_DIRECT before: clear",
      "setfl: 0",
      "O_DIRECT after: set",
      "direct misaligned read: EINVAL",
      "direct aligned read: 4096",
      "setfl off: 0",
      "cached misaligned read again: 4096",
    ].join("\n") + "\n");
  });
});
