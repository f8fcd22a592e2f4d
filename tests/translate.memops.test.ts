// memory.size, memory.grow, memory.copy and memory.fill become calls to mmu.size/grow/copy/fill
// and act on the guest-virtual memory.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const WAT = `(module
  (memory 2 5)
  (data (i32.const 0x5000) "abcdefgh")
  (func (export "_start"))
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
  (func (export "copy") (param i32 i32 i32) (memory.copy (local.get 0) (local.get 1) (local.get 2)))
  (func (export "fill") (param i32 i32 i32) (memory.fill (local.get 0) (local.get 1) (local.get 2))))`;

const m = binaryen.parseText(WAT);
m.setFeatures(binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt);
const output = await translate(m.emitBinary());
m.dispose();

interface Exports {
  size(): number;
  grow(d: number): number;
  copy(d: number, s: number, n: number): void;
  fill(d: number, v: number, n: number): void;
}

test("memory.size and memory.grow call mmu.size and mmu.grow", () => {
  const mmu = new MockMmu(output);
  const e = mmu.instantiate().exports as unknown as Exports;
  expect(e.size()).toBe(2);
  expect(e.grow(2)).toBe(2);
  expect(e.size()).toBe(4);
  expect(e.grow(2)).toBe(-1);           // max 5
  expect(mmu.calls).toMatchObject({ size: 2, grow: 2 });
  expect(mmu.pages).toBe(4);
});

test("memory.copy and memory.fill call mmu.copy and mmu.fill", () => {
  const mmu = new MockMmu(output);
  const e = mmu.instantiate().exports as unknown as Exports;
  e.copy(0x7ffd, 0x5000, 8);            // crosses a page boundary
  e.fill(0x9ffe, 0x5a, 4);
  expect(new TextDecoder().decode(mmu.read(0x7ffd, 8))).toBe("abcdefgh");
  expect(Array.from(mmu.read(0x9ffd, 6))).toEqual([0, 0x5a, 0x5a, 0x5a, 0x5a, 0]);
  expect(mmu.calls).toMatchObject({ copy: 1, fill: 1 });
});
