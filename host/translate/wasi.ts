// The WASI personality's import rewrite: every import wasi_snapshot_preview1.NAME becomes a function
// of the guest with the same internal name and type whose body is one call of the kernel's entry
// kernel.wasi(number, a0..a8) (numbers and signatures: kernel/abi/wasi.ts): i32 arguments are
// zero-extended to i64, missing ones are 0, the i32 result is the WASI errno (proc_exit drops it).
// kernel.wasi may unwind (abi.ts ASYNCIFY_IMPORTS), so a WASI call blocks as kernel.syscall does.
// An unknown WASI name or a wrong type is refused, naming the import.
// Interface: rewriteWasiImports(module) -> number of WASI imports rewritten (0: kernel.wasi not added).
import binaryen from "binaryen";
import { Wasi, WASI_MODULE, WASI_SIGNATURES, WASI_MAX_PARAMS } from "../../kernel/abi/wasi";
import { KERNEL_MODULE, WASI_BASE_NAME, WASI_NAME } from "./abi";
import { TranslateError } from "./types";

const LETTER: Record<string, binaryen.Type> = { i: binaryen.i32, I: binaryen.i64 };

/** "iIi>i" -> [params, result]. */
function typesOf(sig: string): [binaryen.Type[], binaryen.Type] {
  const [p, r] = sig.split(">");
  return [[...p].map((c) => LETTER[c]), r ? LETTER[r] : binaryen.none];
}

function letters(params: binaryen.Type[], result: binaryen.Type): string {
  const l = (t: binaryen.Type) => (t === binaryen.i32 ? "i" : t === binaryen.i64 ? "I" : "?");
  return params.map(l).join("") + ">" + (result === binaryen.none ? "" : l(result));
}

interface WasiImport { name: string; nr: number; params: binaryen.Type[]; result: binaryen.Type }

/** The module's WASI imports, each checked against the table. */
function wasiImports(module: binaryen.Module): WasiImport[] {
  const out: WasiImport[] = [];
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (f.module !== WASI_MODULE) continue;
    const full = `${WASI_MODULE}.${f.base}`;
    const nr = (Wasi as unknown as Record<string, number>)[f.base ?? ""];
    if (typeof nr !== "number") throw new TranslateError(`unsupported import ${full}: not a WASI preview 1 function`);
    const params = binaryen.expandType(f.params);
    const got = letters(params, f.results), want = WASI_SIGNATURES[nr];
    if (got !== want) throw new TranslateError(`import ${full} has the wrong type (${got}; WASI preview 1 says ${want})`);
    out.push({ name: f.name, nr, params, result: f.results });
  }
  return out;
}

export function rewriteWasiImports(module: binaryen.Module): number {
  const imports = wasiImports(module);
  if (imports.length === 0) return 0;
  if (module.getFunction(WASI_NAME)) throw new TranslateError(`the module already defines a function named ${WASI_NAME}`);
  const [entryParams, entryResult] = typesOf("i" + "I".repeat(WASI_MAX_PARAMS) + ">i");
  module.addFunctionImport(WASI_NAME, KERNEL_MODULE, WASI_BASE_NAME, binaryen.createType(entryParams), entryResult);
  for (const w of imports) {
    const args = [module.i32.const(w.nr)];
    for (let k = 0; k < WASI_MAX_PARAMS; k++) {
      const t = w.params[k];
      if (t === undefined) args.push(module.i64.const(0));
      else if (t === binaryen.i64) args.push(module.local.get(k, binaryen.i64));
      else args.push(module.i64.extend_u(module.local.get(k, binaryen.i32)));
    }
    const call = module.call(WASI_NAME, args, binaryen.i32);
    module.removeFunction(w.name);
    module.addFunction(w.name, binaryen.createType(w.params), w.result, [],
      w.result === binaryen.none ? module.drop(call) : call);
  }
  return imports.length;
}
