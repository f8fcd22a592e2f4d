// translateCached stores a translation on disk, keyed by the input bytes and the translator
// version, and a second call with the same bytes returns it without translating.
import binaryen from "binaryen";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { translateCached } from "../host/translate";

const dir = await mkdtemp(join(tmpdir(), "wasmos-translate-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

function wasmOf(wat: string): Uint8Array {
  const m = binaryen.parseText(wat);
  try { return m.emitBinary(); } finally { m.dispose(); }
}

const BYTES = wasmOf(`(module (memory 2 4) (data (i32.const 100) "cached") (func (export "_start")))`);

test("the second call returns cached: true with the same translation", async () => {
  const first = await translateCached(BYTES, dir);
  const second = await translateCached(BYTES, dir);
  expect(first.cached).toBe(false);
  expect(second.cached).toBe(true);
  const { cached: _a, ...a } = first;
  const { cached: _b, ...b } = second;
  expect(b).toEqual(a);
  expect((await readdir(dir)).map((f) => f.replace(/^[0-9a-f]+/, "")).sort()).toEqual([".in", ".json", ".wasm"]);
});

test("an entry whose stored input differs from the bytes (a key collision) is a miss, then replaced", async () => {
  const [key] = (await readdir(dir)).filter((f) => f.endsWith(".in"));
  await writeFile(join(dir, key), wasmOf(`(module (memory 1) (func (export "_start") (nop)))`));
  expect((await translateCached(BYTES, dir)).cached).toBe(false);
  expect((await translateCached(BYTES, dir)).cached).toBe(true);
});

test("different bytes miss the cache", async () => {
  const other = await translateCached(wasmOf(`(module (memory 1) (func (export "_start") (nop)) (func (export "x")))`), dir);
  expect(other.cached).toBe(false);
});
