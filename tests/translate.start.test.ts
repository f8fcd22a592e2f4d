// Nothing runs at instantiation: a start section is removed and the exported _start calls the
// old start function first, then the old _start body.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const WAT = `(module
  (memory 1)
  (func $init (i32.store8 (i32.const 0) (i32.const 1)))
  (func $main (export "_start") (i32.store8 (i32.const 1) (i32.add (i32.load8_u (i32.const 0)) (i32.const 1))))
  (start $init))`;

test("the start function runs from _start, before the old _start body", async () => {
  const m = binaryen.parseText(WAT);
  const output = await translate(m.emitBinary());
  m.dispose();
  expect(output.hasStart).toBe(true);
  const mmu = new MockMmu(output);
  const { _start } = mmu.instantiate().exports as { _start(): void };
  expect(Array.from(mmu.read(0, 2))).toEqual([0, 0]);
  _start();
  expect(Array.from(mmu.read(0, 2))).toEqual([1, 2]);
});
