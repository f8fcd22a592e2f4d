// The guest's entry point: it must export _start, and nothing may run at instantiation, so a
// start section is folded into a new _start that calls the old start function, then the old _start.
// Interface: findEntry(module) -> internal name of _start; foldStart(module, entry) -> had a start.
import binaryen from "binaryen";
import { ENTRY_EXPORT, ENTRY_NAME } from "./abi";
import { TranslateError } from "./types";

export function findEntry(module: binaryen.Module): string {
  const exp = module.getExport(ENTRY_EXPORT);
  const info = exp ? binaryen.getExportInfo(exp) : null;
  if (!info || info.kind !== binaryen.ExternalFunction) {
    throw new TranslateError("module does not export _start");
  }
  return info.value;
}

export function foldStart(module: binaryen.Module, entry: string): boolean {
  const start = module.getStart();
  if (!start) return false;
  const f = binaryen.getFunctionInfo(module.getFunction(entry));
  if (f.params !== binaryen.none) throw new TranslateError("_start must take no parameters");
  if (module.getFunction(ENTRY_NAME)) throw new TranslateError(`the module already defines ${ENTRY_NAME}`);
  const body = module.block(null, [
    module.call(binaryen.getFunctionInfo(start).name, [], binaryen.none),
    module.call(entry, [], f.results),
  ], f.results);
  module.addFunction(ENTRY_NAME, binaryen.none, f.results, [], body);
  module.setStart(0);
  module.removeExport(ENTRY_EXPORT);
  module.addFunctionExport(ENTRY_NAME, ENTRY_EXPORT);
  return true;
}
