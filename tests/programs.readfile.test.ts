// Programs: readfile reads a file with read() through a page-aligned buffer and prints the byte
// count, the number of read() calls (the final 0 included) and an FNV-1a checksum computed here too.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, distDemo } from "./helpers/machine";

/** FNV-1a, 32 bits, as 0x and 8 hex digits. */
function fnv1a(data: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of data) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return "0x" + h.toString(16).padStart(8, "0");
}

const data = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 2654435761) >>> 24);
const img = mkfs(8 << 20, { files: [{ path: "/f.bin", data }, { path: "/empty", data: new Uint8Array(0) }] });
const readfile = (...args: string[]) => run(distDemo("readfile"), ["readfile", ...args], { disk: img.bytes });

describe("programs: readfile", () => {
  it("reads 10000 bytes in 4 calls of 4096 (4096, 4096, 1808, 0)", async () => {
    const r = await readfile("/f.bin");
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    expect(r.stdout).toBe(`read 10000 bytes in 4 calls, fnv1a ${fnv1a(data)}\n`);
  });

  it("takes BUFSIZE: 2 calls of 64 KiB, 9 of 1250", async () => {
    expect((await readfile("/f.bin", "65536")).stdout).toBe(`read 10000 bytes in 2 calls, fnv1a ${fnv1a(data)}\n`);
    expect((await readfile("/f.bin", "1250")).stdout).toBe(`read 10000 bytes in 9 calls, fnv1a ${fnv1a(data)}\n`);
  });

  it("reads an empty file in one call, checksum the FNV offset basis", async () => {
    expect((await readfile("/empty")).stdout).toBe("read 0 bytes in 1 calls, fnv1a 0x811c9dc5\n");
  });

  it("reports a missing file as ENOENT with exit 1", async () => {
    const r = await readfile("/nope");
    expect(r.stderr).toBe("readfile: /nope: ENOENT\n");
    expect(r.exit.code).toBe(1);
  });
});
