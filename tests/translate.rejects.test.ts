// Modules using what the software MMU cannot support are refused with a TranslateError whose
// message names the feature and, for instructions, the function: SIMD, atomics / shared memory,
// multi-memory, memory64, passive data segments, memory.init; and a module without _start.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate, TranslateError } from "../host/translate";

/** Assembles WAT keeping function names (binaryen emits the name section only with debug info). */
function wasmOf(wat: string): Uint8Array {
  const m = binaryen.parseText(wat);
  m.setFeatures(binaryen.Features.All);              // e.g. memory.init needs the data count section
  const debug = binaryen.getDebugInfo();
  binaryen.setDebugInfo(true);
  try { return m.emitBinary(); } finally { binaryen.setDebugInfo(debug); m.dispose(); }
}

async function refusal(wat: string): Promise<string> {
  const err = await translate(wasmOf(wat)).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(TranslateError);
  return (err as Error).message;
}

const START = `(func (export "_start"))`;

test("SIMD instructions are refused, naming the function", async () => {
  const msg = await refusal(`(module (memory 1)
    (func $simd_user (export "_start") (drop (i32x4.extract_lane 0 (v128.load (i32.const 0))))))`);
  expect(msg).toMatch(/SIMD/);
  expect(msg).toMatch(/simd_user/);
});

test("v128 locals are refused as SIMD", async () => {
  expect(await refusal(`(module ${START} (func $vec_local (local v128)))`)).toMatch(/SIMD.*vec_local/);
});

test("atomic instructions are refused, naming the function", async () => {
  const msg = await refusal(`(module (memory 1) ${START}
    (func $atomic_user (drop (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))))`);
  expect(msg).toMatch(/atomics/);
  expect(msg).toMatch(/atomic_user/);
});

test("shared memory is refused as threads", async () => {
  expect(await refusal(`(module (memory 1 1 shared) ${START})`)).toMatch(/shared memory \(threads\)/);
});

test("two memories are refused as multi-memory", async () => {
  expect(await refusal(`(module (memory $a 1) (memory $b 1) ${START})`)).toMatch(/multi-memory/);
});

test("an imported and a defined memory are refused as multi-memory", async () => {
  expect(await refusal(`(module (import "env" "m" (memory 1)) (memory 1) ${START})`)).toMatch(/multi-memory/);
});

test("a 64-bit memory is refused as memory64", async () => {
  expect(await refusal(`(module (memory i64 1) ${START})`)).toMatch(/memory64/);
});

test("passive data segments and memory.init are refused", async () => {
  expect(await refusal(`(module (memory 1) (data "abc") ${START})`)).toMatch(/passive data segments/);
  const msg = await refusal(`(module (memory 1) (data $d (i32.const 0) "x") ${START}
    (func $init_user (memory.init $d (i32.const 0) (i32.const 0) (i32.const 1))))`);
  expect(msg).toMatch(/memory\.init in function init_user/);
});

test("a module without _start is refused", async () => {
  expect(await refusal(`(module (func (export "main")))`)).toBe("module does not export _start");
});

test("bytes that are not a wasm module are refused", async () => {
  await expect(translate(new TextEncoder().encode("#!/bin/sh\necho hi\n"))).rejects.toThrow(TranslateError);
});
