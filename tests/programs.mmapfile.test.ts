// Programs: mmapfile maps a whole file MAP_PRIVATE and checksums the mapped bytes: the FNV-1a it
// prints is the one computed here and the one readfile prints for the same file.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, distDemo } from "./helpers/machine";

/** FNV-1a, 32 bits, as 0x and 8 hex digits. */
function fnv1a(data: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of data) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return "0x" + h.toString(16).padStart(8, "0");
}

const data = Uint8Array.from({ length: 50_001 }, (_, i) => (i * 2654435761) >>> 24);   // 13 pages, the last partial
const img = mkfs(8 << 20, { files: [{ path: "/f.bin", data }, { path: "/empty", data: new Uint8Array(0) }] });
const go = (prog: string, path: string) => run(distDemo(prog), [prog, path], { disk: img.bytes });

describe("programs: mmapfile", () => {
  it("checksums the mapped file as JS and readfile do", async () => {
    const r = await go("mmapfile", "/f.bin");
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    expect(r.stdout).toBe(`mapped 50001 bytes, fnv1a ${fnv1a(data)}\n`);
    expect((await go("readfile", "/f.bin")).stdout).toContain(`fnv1a ${fnv1a(data)}\n`);
  });

  it("does not map an empty file", async () => {
    const r = await go("mmapfile", "/empty");
    expect(r.stdout).toBe("mapped 0 bytes, fnv1a 0x811c9dc5\n");
    expect(r.exit.code).toBe(0);
  });

  it("reports a missing file as ENOENT with exit 1", async () => {
    const r = await go("mmapfile", "/nope");
    expect(r.stderr).toBe("mmapfile: /nope: ENOENT\n");
    expect(r.exit.code).toBe(1);
  });
});
