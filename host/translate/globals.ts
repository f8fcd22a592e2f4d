// Fork support: every mutable global the guest defines is exported as __wasmos_global_N, so the
// host can copy a process's globals (stack pointer, heap offset ...) into its child's instance.
// Interface: exportMutableGlobals(module) -> number of globals exported; GLOBAL_EXPORT_PREFIX.
import binaryen from "binaryen";
import { BUDGET_GLOBAL, CALLS_GLOBAL, GLOBAL_EXPORT_PREFIX } from "./abi";

export function exportMutableGlobals(module: binaryen.Module): number {
  let n = 0;
  for (let i = 0; i < module.getNumGlobals(); i++) {
    const g = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
    if (!g.mutable || g.module || g.name === BUDGET_GLOBAL || g.name === CALLS_GLOBAL) continue;
    module.addGlobalExport(g.name, `${GLOBAL_EXPORT_PREFIX}${n++}`);
  }
  return n;
}
