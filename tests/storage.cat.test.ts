// Storage: a program on a wsfs disk reads a file with read() and prints it; the bytes match.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, distGuest } from "./helpers/machine";

const text = new TextEncoder().encode("hello from the disk\n".repeat(300));   // 6000 bytes: two pages

describe("storage: cat a file from the disk", () => {
  it("prints the file's exact bytes", async () => {
    const img = mkfs(8 << 20, { files: [{ path: "/data/t.txt", data: text }] });
    const r = await run(distGuest("cat"), ["cat", "/data/t.txt"], { disk: img.bytes });
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    expect(Buffer.from(r.stdoutBytes).equals(Buffer.from(text))).toBe(true);
  });

  it("reports a missing file as GNU cat does", async () => {
    const img = mkfs(8 << 20, {});
    const r = await run(distGuest("cat"), ["cat", "/nope"], { disk: img.bytes });
    expect(r.stderr).toContain("No such file or directory");
    expect(r.exit.code).toBe(1);
  });
});
