// Preemption: an exported i32 global __budget that every loop iteration decrements, calling the
// import kernel.preempt() when it goes negative (the host resets it; asyncify lets preempt unwind).
// Interface: addBudget(module) -> internal name of kernel.preempt; tick(module, preempt) -> the
// statements to put at the top of a loop body.
import binaryen from "binaryen";
import { BUDGET_GLOBAL, KERNEL_MODULE, PREEMPT_BASE, PREEMPT_NAME } from "./abi";
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
  if (module.getGlobal(BUDGET_GLOBAL) || module.getExport(BUDGET_GLOBAL)) {
    throw new TranslateError(`the module already defines ${BUDGET_GLOBAL}`);
  }
  module.addGlobal(BUDGET_GLOBAL, binaryen.i32, true, module.i32.const(0));
  module.addGlobalExport(BUDGET_GLOBAL, BUDGET_GLOBAL);
  return preemptImport(module);
}

/** `__budget = __budget - 1; if (__budget < 0) kernel.preempt();` */
export function tick(module: binaryen.Module, preempt: string): binaryen.ExpressionRef[] {
  const budget = () => module.global.get(BUDGET_GLOBAL, binaryen.i32);
  return [
    module.global.set(BUDGET_GLOBAL, module.i32.sub(budget(), module.i32.const(1))),
    module.if(module.i32.lt_s(budget(), module.i32.const(0)), module.call(preempt, [], binaryen.none)),
  ];
}
