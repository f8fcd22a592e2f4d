// Memory accesses are found and rewritten under every kind of parent expression the walker
// handles (blocks, branches, calls, tables, exceptions, multi-value, unreachable code ...): the
// translated module validates, and each function returns what it returns natively.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const L = (a: number) => `(i32.load (i32.const ${a}))`;

const FUNCS: Record<string, string> = {
  block: `(block (result i32) (drop ${L(4)}) ${L(8)})`,
  if: `(if (result i32) ${L(4)} (then ${L(8)}) (else ${L(12)}))`,
  loop: `(local $i i32) (loop $l (local.set $i (i32.add (local.get $i) ${L(4)})) (br_if $l (i32.lt_u (local.get $i) ${L(40)}))) (local.get $i)`,
  br: `(block $b (result i32) (br $b ${L(8)}))`,
  br_if: `(block $b (result i32) (drop (br_if $b ${L(8)} ${L(4)})) (i32.const 0))`,
  br_table: `(block $a (result i32) (block $b (result i32) (br_table $a $b ${L(12)} ${L(4)})) (drop) (i32.const 99))`,
  call: `(call $add ${L(4)} ${L(8)})`,
  call_indirect: `(call_indirect (type $binop) ${L(4)} ${L(8)} (i32.const 0))`,
  return_call: `(return_call $add ${L(4)} ${L(12)})`,
  return_call_indirect: `(return_call_indirect (type $binop) ${L(8)} ${L(12)} (i32.const 0))`,
  locals: `(local $x i32) (local.set $x ${L(4)}) (i32.add (local.tee $x (i32.add (local.get $x) ${L(8)})) (local.get $x))`,
  global: `(global.set $g ${L(12)}) (global.get $g)`,
  unary_binary: `(i32.add (i32.eqz ${L(0)}) (i32.mul ${L(4)} ${L(8)}))`,
  select: `(select ${L(4)} ${L(8)} ${L(0)})`,
  return: `(return ${L(12)})`,
  store: `(i32.store (i32.load (i32.const 16)) (i32.load (i32.const 12))) (i32.load (i32.const 20))`,
  memory_grow: `(drop (memory.grow ${L(0)})) (memory.size)`,
  table: `(table.set $t (i32.const 1) (table.get $t ${L(0)})) (i32.add (table.size $t) (table.grow $t (ref.null func) ${L(4)}))`,
  ref_is_null: `(i32.add (ref.is_null (table.get $t ${L(0)})) ${L(4)})`,
  try: `(try (result i32) (do (throw $e ${L(8)})) (catch $e (i32.add ${L(4)})))`,
  multivalue: `(block (result i32 i32) ${L(4)} ${L(8)}) (i32.add)`,
  unreachable: `(block $b (result i32) (br $b ${L(12)}) (i32.store (unreachable) ${L(4)}) (i32.load (unreachable)))`,
};

const WAT = `(module
  (type $binop (func (param i32 i32) (result i32)))
  (memory 1)
  (data (i32.const 0) "\\00\\00\\00\\00\\05\\00\\00\\00\\07\\00\\00\\00\\0b\\00\\00\\00\\00\\01\\00\\00\\0d\\00\\00\\00")
  (data (i32.const 40) "\\1e\\00\\00\\00")
  (table $t 2 funcref)
  (elem (table $t) (i32.const 0) func $add)
  (global $g (mut i32) (i32.const 0))
  (tag $e (param i32))
  (func $add (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "_start"))
  ${Object.entries(FUNCS).map(([name, body]) => `(func (export "${name}") (result i32) ${body})`).join("\n  ")})`;

function wasmOf(wat: string): Uint8Array<ArrayBuffer> {
  const m = binaryen.parseText(wat);
  m.setFeatures(binaryen.Features.MVP | binaryen.Features.ReferenceTypes | binaryen.Features.TailCall |
    binaryen.Features.ExceptionHandling | binaryen.Features.Multivalue | binaryen.Features.BulkMemory);
  try { return new Uint8Array(m.emitBinary()); } finally { m.dispose(); }
}

const bytes = wasmOf(WAT);
const output = await translate(bytes);

test.each(Object.keys(FUNCS))("%s", (name) => {
  const native = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports[name] as () => number;
  const mmu = new MockMmu(output);
  const guest = mmu.instantiate().exports[name] as () => number;
  expect(guest()).toBe(native());
  expect(mmu.slowLoads).toBeGreaterThan(0);
});
