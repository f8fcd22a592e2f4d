// Every loop iteration spends one unit of the exported __budget; when it runs out the guest calls
// kernel.preempt, which can unwind the guest with asyncify; rewinding resumes it where it stopped
// and it finishes with the right result.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const WAT = `(module
  (memory 1)
  (func (export "_start"))
  (func (export "sum") (param $n i32) (result i64) (local $s i64)
    (loop $next
      (i64.store (i32.const 64) (i64.add (i64.load (i32.const 64)) (i64.extend_i32_u (local.get $n))))
      (br_if $next (local.tee $n (i32.sub (local.get $n) (i32.const 1)))))
    (i64.load (i32.const 64))))`;

const ASYNC_DATA = 0x8000;                  // physical: { stack start, stack end } then the stack
const SLICE = 10;                           // loop iterations per time slice

const m = binaryen.parseText(WAT);
const output = await translate(m.emitBinary());
m.dispose();

interface Guest {
  sum(n: number): bigint;
  __budget: WebAssembly.Global;
  asyncify_start_unwind(p: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(p: number): void;
  asyncify_stop_rewind(): void;
  asyncify_get_state(): number;
}

const NORMAL = 0, UNWINDING = 1, REWINDING = 2;

function boot(onPreempt: (g: Guest) => void): { mmu: MockMmu; g: Guest } {
  const mmu = new MockMmu(output);
  let g: Guest;
  const inst = mmu.instantiate({ kernel: { preempt: () => onPreempt(g) } });
  g = inst.exports as unknown as Guest;
  new DataView(mmu.memory.buffer).setUint32(ASYNC_DATA, ASYNC_DATA + 8, true);
  new DataView(mmu.memory.buffer).setUint32(ASYNC_DATA + 4, ASYNC_DATA + 4096, true);
  return { mmu, g };
}

test("kernel.preempt is called when the budget runs out", () => {
  let preempts = 0;
  const { g } = boot((guest) => { preempts++; guest.__budget.value = SLICE; });
  g.__budget.value = SLICE;
  expect(g.sum(100)).toBe(5050n);
  expect(preempts).toBe(Math.floor(100 / (SLICE + 1)));
});

test("preempt unwinds the guest and a rewind resumes it to the right result", () => {
  let preempts = 0;
  const { g } = boot((guest) => {
    if (guest.asyncify_get_state() === REWINDING) { guest.asyncify_stop_rewind(); return; }
    preempts++;
    guest.asyncify_start_unwind(ASYNC_DATA);
  });
  g.__budget.value = SLICE;
  let result = g.sum(1000);
  while (g.asyncify_get_state() === UNWINDING) {
    g.asyncify_stop_unwind();
    g.__budget.value = SLICE;              // the scheduler gives a new slice, then resumes
    g.asyncify_start_rewind(ASYNC_DATA);
    result = g.sum(1000);
  }
  expect(g.asyncify_get_state()).toBe(NORMAL);
  expect(result).toBe(500500n);
  expect(preempts).toBe(Math.floor(1000 / (SLICE + 1)));
});

test("a preempt that returns without a new slice still lets every iteration run (no livelock)", () => {
  let preempts = 0;
  const { g } = boot(() => { preempts++; });   // the budget stays spent: every iteration preempts
  g.__budget.value = 0;
  expect(g.sum(100)).toBe(5050n);
  expect(preempts).toBe(100);
});
