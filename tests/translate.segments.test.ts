// Active data segments come back as { offset, data } in guest-virtual addresses with the original
// memory limits, and the output module has no data, no memory of its own: it imports env.memory
// (shared, min 0, max 65536 pages: 4 GiB) and exports it as "memory".
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";

const WAT = `(module
  (memory (export "mem") 3 9)
  (data (i32.const 16) "hello")
  (data (i32.const 70000) "\\01\\02\\03")
  (data (i32.const 0xfffe) "ab")
  (func (export "_start") (drop (i32.load (i32.const 16)))))`;

const m = binaryen.parseText(WAT);
const output = await translate(m.emitBinary());
m.dispose();

test("segments keep their offsets and bytes", () => {
  expect(output.segments).toEqual([
    { offset: 16, data: new TextEncoder().encode("hello") },
    { offset: 70000, data: Uint8Array.of(1, 2, 3) },
    { offset: 0xfffe, data: new TextEncoder().encode("ab") },
  ]);
  expect([output.initialPages, output.maxPages, output.hasStart]).toEqual([3, 9, false]);
});

test("the output has no data segments and imports the kernel's memory", () => {
  const out = binaryen.readBinary(output.wasm);
  expect((out as unknown as { getNumDataSegments(): number }).getNumDataSegments()).toBe(0);   // missing from index.d.ts
  expect(out.getMemoryInfo()).toMatchObject({ module: "env", base: "memory", initial: 0, max: 65536, shared: true });
  out.dispose();
  const mod = new WebAssembly.Module(output.wasm);
  expect(WebAssembly.Module.imports(mod)).toContainEqual({ module: "env", name: "memory", kind: "memory" });
  const exports = WebAssembly.Module.exports(mod).filter((e) => e.kind === "memory").map((e) => e.name);
  expect(exports).toEqual(["memory"]);
});

test("a module without memory gets an address space of zero pages", async () => {
  const m2 = binaryen.parseText(`(module (func (export "_start")))`);
  const t = await translate(m2.emitBinary());
  m2.dispose();
  expect([t.segments, t.initialPages, t.maxPages]).toEqual([[], 0, 0]);
});
