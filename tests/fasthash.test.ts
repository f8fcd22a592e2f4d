// host/fasthash.ts: the translation cache's key and the code cache's checksum. hashedFile reads a
// file straight into the hash's memory and must agree with hash64 of the same bytes; a file it
// cannot read whole is undefined, never an exception.
import { afterEach, expect, test } from "vitest";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { hash64, hashedFile } from "../host/fasthash";

let dir: string | null = null;
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); dir = null; });

test("hashedFile(path, from) is hash64 of the file's bytes from `from`, and gives the bytes back", () => {
  dir = mkdtempSync(join(tmpdir(), "wasmos-hash-"));
  const file = join(dir, "f");
  fc.assert(fc.property(fc.uint8Array({ maxLength: 70_000 }), fc.nat({ max: 4 }), (bytes, k) => {
    const from = Math.min(k * 8, bytes.length & ~7);
    writeFileSync(file, bytes);
    const f = hashedFile(file, from)!;
    expect(Buffer.from(f.bytes).equals(Buffer.from(bytes))).toBe(true);
    expect(f.hash).toBe(hash64(bytes.subarray(from)));
  }), { numRuns: 60 });
});

test("a different byte gives a different hash; a missing file or `from` past the end is undefined", () => {
  dir = mkdtempSync(join(tmpdir(), "wasmos-hash-"));
  const file = join(dir, "f");
  const a = new Uint8Array(1000).fill(7);
  writeFileSync(file, a);
  const h = hashedFile(file, 0)!.hash;
  a[999] = 8;
  writeFileSync(file, a);
  expect(hashedFile(file, 0)!.hash).not.toBe(h);
  expect(hashedFile(join(dir, "missing"), 0)).toBeUndefined();
  expect(hashedFile(file, 1008)).toBeUndefined();
});
