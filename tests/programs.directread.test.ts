// Programs: directread reads a file with O_DIRECT in 64 KiB aligned chunks; a misaligned buffer is
// refused with EINVAL first. The count and FNV-1a it prints are the file's own, as readfile's are:
// a read that reaches the end of the file returns only the bytes up to it, as on Linux.
import { describe, it, expect } from "vitest";
import { mkfs } from "../host/fs/mkfs";
import { run, distDemo } from "./helpers/machine";

/** FNV-1a, 32 bits, as 0x and 8 hex digits. */
function fnv1a(data: Uint8Array): string {
  let h = 0x811c9dc5;
  for (const b of data) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return "0x" + h.toString(16).padStart(8, "0");
}

const pattern = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24);
const whole = pattern(3 * 65536);          // three whole chunks
const ragged = pattern(100_000);           // one chunk and a partial block at the end
const img = mkfs(8 << 20, { files: [{ path: "/whole.bin", data: whole }, { path: "/ragged.bin", data: ragged }] });
const directread = (path: string) => run(distDemo("directread"), ["directread", path], { disk: img.bytes });

describe("programs: directread", () => {
  it("reads a file of whole blocks, refusing the misaligned buffer with EINVAL", async () => {
    const r = await directread("/whole.bin");
    expect(r.stderr).toBe("");
    expect(r.exit.code).toBe(0);
    expect(r.stdout).toBe(`misaligned: EINVAL\ndirect read ${whole.length} bytes, fnv1a ${fnv1a(whole)}\n`);
  });

  it("stops at the end of a file that ends inside a block", async () => {
    const r = await directread("/ragged.bin");
    expect(r.exit.code).toBe(0);
    expect(r.stdout).toBe(`misaligned: EINVAL\ndirect read ${ragged.length} bytes, fnv1a ${fnv1a(ragged)}\n`);
  });

  it("reports a missing file as ENOENT with exit 1", async () => {
    const r = await directread("/nope");
    expect(r.stderr).toBe("directread: /nope: ENOENT\n");
    expect(r.exit.code).toBe(1);
  });
});
