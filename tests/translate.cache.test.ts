// translateCached stores a translation on disk, keyed by the input bytes and the translator
// version, and a second call with the same bytes returns it without translating.
import binaryen from "binaryen";
import { mkdtemp, readdir, rm } from "node:fs/promises";
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
  expect((await readdir(dir)).sort()).toHaveLength(2);
});

test("different bytes miss the cache", async () => {
  const other = await translateCached(wasmOf(`(module (memory 1) (func (export "_start") (nop)) (func (export "x")))`), dir);
  expect(other.cached).toBe(false);
});
