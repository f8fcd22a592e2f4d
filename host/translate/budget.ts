// Preemption: an exported i32 global __budget that every loop iteration decrements, and a second,
// __calls, that function entries decrement (rewrite.ts: every function that calls another, or is
// not small, so recursion without loops is preempted too); either going negative calls the import
// kernel.preempt() (the host resets both; asyncify lets preempt unwind).
// A loop keeps the call out of its body, so asyncify (which instruments only code that can reach
// an unwinding call) leaves the hot loop alone: the tick branches out of the loop to the call,
// which then re-enters it (tickedLoop below draws it). The preemption points are the same.
// Interface: addBudget(module) -> internal name of kernel.preempt; tickedLoop(module, loop, preempt)
// -> the loop with a tick at the top of its body; entryTick(module, preempt) -> the statements
// that tick __calls, for the top of a function body; preemptAndGiveBack(module, preempt).
import binaryen from "binaryen";
import { BUDGET_GLOBAL, CALLS_GLOBAL, KERNEL_MODULE, PREEMPT_BASE, PREEMPT_NAME } from "./abi";
import { TranslateError } from "./types";
import { accessor } from "./children";

const { i32 } = binaryen;

/** The guest's own kernel.preempt import, if it declares one. */
function findPreempt(module: binaryen.Module): binaryen.FunctionInfo | null {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (f.module === KERNEL_MODULE && f.base === PREEMPT_BASE) return f;
  }
  return null;
}

function preemptImport(module: binaryen.Module): string {
  const existing = findPreempt(module);
  if (!existing) {
    module.addFunctionImport(PREEMPT_NAME, KERNEL_MODULE, PREEMPT_BASE, binaryen.none, binaryen.none);
    return PREEMPT_NAME;
  }
  if (existing.params !== binaryen.none || existing.results !== binaryen.none) {
    throw new TranslateError(`import kernel.preempt must have type () -> ()`);
  }
  return existing.name;
}

export function addBudget(module: binaryen.Module): string {
  for (const name of [BUDGET_GLOBAL, CALLS_GLOBAL]) {
    if (module.getGlobal(name) || module.getExport(name)) throw new TranslateError(`the module already defines ${name}`);
    module.addGlobal(name, binaryen.i32, true, module.i32.const(0));
    module.addGlobalExport(name, name);
  }
  return preemptImport(module);
}

/** `g = g - 1; if (g < 0) kernel.preempt();` */
function countDown(module: binaryen.Module, g: string, preempt: string): binaryen.ExpressionRef[] {
  const get = () => module.global.get(g, binaryen.i32);
  return [
    module.global.set(g, module.i32.sub(get(), module.i32.const(1))),
    module.if(module.i32.lt_s(get(), module.i32.const(0)), module.call(preempt, [], binaryen.none)),
  ];
}

let ticked = 0;                                 // numbers the labels tickedLoop adds

/** Each iteration of `loop $L body` spends one unit of __budget; when it goes negative,
 *  kernel.preempt() runs before the iteration's body, as if the loop read
 *  `loop $L { __budget -= 1; if (__budget < 0) kernel.preempt(); body }`, but laid out as
 *
 *    block $out (the loop's type)
 *      loop $again
 *        block $preempt
 *          br $out (loop $L { __budget -= 1; br_if $preempt (__budget < 0); body })
 *        end
 *        kernel.preempt(); __budget = __budget < 0 ? 1 : __budget + 1
 *        br $again
 *      end
 *    end
 *
 *  so the loop $L itself contains no call that can unwind. The re-entered tick takes back the unit
 *  added after the call: the host gives a new slice before it resumes a preempted guest, so the
 *  body then runs with the same budget as in the plain loop. A preempt that returns without a new
 *  slice (kernel.preempt always unwinds; a test's stub may not) leaves 1 unit, so the body still
 *  runs, as in the plain loop, instead of preempting again forever. */
export function tickedLoop(m: binaryen.Module, loop: binaryen.ExpressionRef, preempt: string): binaryen.ExpressionRef {
  const n = ticked++;
  const out = `__wasmos_tick_out${n}`, again = `__wasmos_tick_again${n}`, stop = `__wasmos_tick_preempt${n}`;
  const get = () => m.global.get(BUDGET_GLOBAL, i32);
  const body = accessor("Loop", "getBody")(loop) as binaryen.ExpressionRef;
  accessor("Loop", "setBody")(loop, m.block(null, [m.global.set(BUDGET_GLOBAL, m.i32.sub(get(), m.i32.const(1))), m.br(stop, m.i32.lt_s(get(), m.i32.const(0))), body], binaryen.auto));
  accessor("Loop", "finalize")(loop);
  const type = binaryen.getExpressionType(loop);
  const concrete = type !== binaryen.none && type !== binaryen.unreachable;
  const leave = concrete ? m.br(out, 0, loop) : m.block(null, [loop, m.br(out)]);
  const wrapped = m.block(out, [
    m.loop(again, m.block(null, [
      m.block(stop, [leave]),
      ...preemptAndGiveBack(m, preempt),
      m.br(again),
    ])),
  ], concrete ? type : binaryen.none);
  // A loop that never falls through (unreachable: it is left only by branches to outer labels)
  // keeps that type, which its parents' types were computed from: nothing follows $out.
  return type === binaryen.unreachable ? m.block(null, [wrapped, m.unreachable()], binaryen.unreachable) : wrapped;
}

/** `kernel.preempt(); __budget = __budget < 0 ? 1 : __budget + 1`: the call a spent budget makes,
 *  then the unit the loop's tick takes again when it goes on (tickedLoop says why). */
export function preemptAndGiveBack(m: binaryen.Module, preempt: string): binaryen.ExpressionRef[] {
  const get = () => m.global.get(BUDGET_GLOBAL, i32);
  return [
    m.call(preempt, [], binaryen.none),
    m.global.set(BUDGET_GLOBAL, m.select(m.i32.ge_s(get(), m.i32.const(0)), m.i32.add(get(), m.i32.const(1)), m.i32.const(1))),
  ];
}

/** A function entry: `__calls = __calls - 1; if (__calls < 0) kernel.preempt();` */
export function entryTick(module: binaryen.Module, preempt: string): binaryen.ExpressionRef[] {
  return countDown(module, CALLS_GLOBAL, preempt);
}
