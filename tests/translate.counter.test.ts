// A function with a loop counts __budget in a local (host/translate/counter.ts): the exported
// global must still hold every iteration's charge wherever the host can read it: after a return,
// after a trap inside the loop (division by zero, unreachable), and in a callee and after it.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const WAT = `(module
  (memory 1)
  (func (export "_start"))
  (func $spin (export "spin") (param $n i32)
    (loop $next (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1))))))
  (func (export "divide") (param $n i32) (param $d i32) (result i32) (local $q i32)
    (loop $next
      (local.set $q (i32.div_u (i32.const 100) (i32.sub (local.get $d) (local.get $n))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (local.get $q))
  (func (export "trap") (param $n i32)
    (loop $next
      (if (i32.eqz (local.get $n)) (then (unreachable)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $next)))
  (func (export "nested") (param $n i32) (result i32)
    (loop $next
      (call $spin (i32.const 5))
      (i32.store (i32.const 0) (i32.load (i32.const 0)))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i32.const 7)))`;

const m = binaryen.parseText(WAT);
const output = await translate(m.emitBinary());
m.dispose();

interface Guest {
  spin(n: number): void;
  divide(n: number, d: number): number;
  trap(n: number): void;
  nested(n: number): number;
  __budget: WebAssembly.Global;
}

const FULL = 1_000_000;

function boot(): Guest {
  const mmu = new MockMmu(output);
  const g = mmu.instantiate({ kernel: { preempt: () => {} } }).exports as unknown as Guest;
  g.__budget.value = FULL;
  return g;
}

test("a return leaves every iteration charged", () => {
  const g = boot();
  g.spin(10);
  expect(g.__budget.value).toBe(FULL - 10);
});

test("a division trap inside the loop leaves the iterations before it charged", () => {
  const g = boot();
  expect(() => g.divide(5, 2)).toThrow(WebAssembly.RuntimeError);   // 2 - n is 0 at the 4th iteration
  expect(g.__budget.value).toBe(FULL - 4);
  g.__budget.value = FULL;
  expect(g.divide(3, 10)).toBe(11);
  expect(g.__budget.value).toBe(FULL - 3);
});

test("unreachable inside the loop leaves the iterations before it charged", () => {
  const g = boot();
  expect(() => g.trap(6)).toThrow(WebAssembly.RuntimeError);
  expect(g.__budget.value).toBe(FULL - 7);
});

test("a callee's loop and the caller's share one count", () => {
  const g = boot();
  expect(g.nested(4)).toBe(7);
  expect(g.__budget.value).toBe(FULL - 4 - 4 * 5);
});
