// Preemption: an exported i32 global __budget that every loop iteration decrements, and a second,
// __calls, that function entries decrement (rewrite.ts: every function that calls another, or is
// not small, so recursion without loops is preempted too); either going negative calls the import
// kernel.preempt() (the host resets both; asyncify lets preempt unwind).
// Interface: addBudget(module) -> internal name of kernel.preempt; tick(module, preempt) -> the
// statements to put at the top of a loop body; entryTick(module, preempt) -> the same on __calls,
// for the top of a function body.
import binaryen from "binaryen";
import { BUDGET_GLOBAL, CALLS_GLOBAL, KERNEL_MODULE, PREEMPT_BASE, PREEMPT_NAME } from "./abi";
import { TranslateError } from "./types";

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

/** A loop iteration: `__budget = __budget - 1; if (__budget < 0) kernel.preempt();` */
export function tick(module: binaryen.Module, preempt: string): binaryen.ExpressionRef[] {
  return countDown(module, BUDGET_GLOBAL, preempt);
}

/** A function entry: `__calls = __calls - 1; if (__calls < 0) kernel.preempt();` */
export function entryTick(module: binaryen.Module, preempt: string): binaryen.ExpressionRef[] {
  return countDown(module, CALLS_GLOBAL, preempt);
}
