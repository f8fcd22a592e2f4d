// What the translator refuses, with messages naming the feature and where it was found.
// Interface: checkMemories(decls), checkSegments(decls), checkTypes(module) (signatures, locals,
// globals), checkImports(module) (the kernel's entry points with their exact types, so instantiation
// cannot fail with a LinkError), checkExpression(expr, fn) (called for every instruction), OUTPUT_FEATURES (the feature
// set the translated module is validated and optimized under: what Node 20 runs, minus SIMD,
// threads, memory64, multi-memory).
import binaryen from "binaryen";
import { hasSlots, instructionName, kindName } from "./children";
import type { DataDecl, MemoryDecl } from "./sections";
import { TranslateError } from "./types";

const F = binaryen.Features;
export const OUTPUT_FEATURES = F.MutableGlobals | F.NontrappingFPToInt | F.SignExt | F.BulkMemory |
  F.ReferenceTypes | F.Multivalue | F.ExceptionHandling | F.TailCall;

const SIMD_KINDS = new Set(["SIMDExtract", "SIMDReplace", "SIMDShuffle", "SIMDTernary", "SIMDShift",
  "SIMDLoad", "SIMDLoadStoreLane"]);
const ATOMIC_KINDS = new Set(["AtomicRMW", "AtomicCmpxchg", "AtomicWait", "AtomicNotify", "AtomicFence"]);
const PASSIVE_KINDS = new Set(["MemoryInit", "DataDrop"]);

export function checkMemories(memories: MemoryDecl[]): void {
  if (memories.length > 1) {
    throw new TranslateError(`multi-memory is not supported: the module declares ${memories.length} memories`);
  }
  const m = memories[0];
  if (!m) return;
  if (m.shared) throw new TranslateError("atomics / shared memory (threads) are not supported: the memory is shared");
  if (m.is64) throw new TranslateError("memory64 is not supported: the memory is 64-bit");
  if (m.customPageSize) throw new TranslateError("custom-page-sizes is not supported");
}

export function checkSegments(segments: DataDecl[]): void {
  segments.forEach((s, i) => {
    if (s.passive) throw new TranslateError(`passive data segments are not supported (segment ${i})`);
  });
}

function hasV128(type: binaryen.Type): boolean {
  return binaryen.expandType(type).includes(binaryen.v128);
}

/** Rejects v128 in any function signature, local or global. */
export function checkTypes(module: binaryen.Module): void {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (hasV128(f.params) || hasV128(f.results) || f.vars.some(hasV128)) {
      throw new TranslateError(`SIMD (v128) is not supported: in the signature or locals of function ${f.name}`);
    }
  }
  for (let i = 0; i < module.getNumGlobals(); i++) {
    const g = binaryen.getGlobalInfo(module.getGlobalByIndex(i));
    if (hasV128(g.type)) throw new TranslateError(`SIMD (v128) is not supported: global ${g.name}`);
  }
}

/** The function imports the loader provides to the guest itself, with their types. */
const KERNEL_IMPORTS: Record<string, [binaryen.Type[], binaryen.Type]> = {
  "kernel.syscall": [[binaryen.i32, binaryen.i64, binaryen.i64, binaryen.i64, binaryen.i64, binaryen.i64, binaryen.i64], binaryen.i64],
  "env.abort": [[binaryen.i32, binaryen.i32, binaryen.i32, binaryen.i32], binaryen.none],
};

/** Refuses a provided import of the wrong type, and any import from the translator's own "mmu". */
export function checkImports(module: binaryen.Module): void {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (!f.module) continue;
    const name = `${f.module}.${f.base}`;
    if (f.module === "mmu") throw new TranslateError(`import ${name}: the module "mmu" is reserved for the translator`);
    const want = KERNEL_IMPORTS[name];
    if (!want) continue;
    const params = binaryen.expandType(f.params);
    if (params.length !== want[0].length || params.some((t, k) => t !== want[0][k]) || f.results !== want[1]) {
      throw new TranslateError(`import ${name} has the wrong type (kernel.syscall is (i32, i64 x 6) -> i64)`);
    }
  }
}

function isAtomicAccess(expr: binaryen.ExpressionRef, kind: string): boolean {
  if (kind !== "Load" && kind !== "Store") return false;
  return (binaryen.getExpressionInfo(expr) as binaryen.LoadInfo).isAtomic;
}

/** Rejects SIMD, atomics, passive-segment instructions and kinds the walker cannot rewrite. */
export function checkExpression(expr: binaryen.ExpressionRef, fn: string): void {
  const kind = kindName(expr);
  const where = () => `${instructionName(expr)} in function ${fn}`;
  if (SIMD_KINDS.has(kind) || binaryen.getExpressionType(expr) === binaryen.v128) {
    throw new TranslateError(`SIMD (v128) is not supported: ${where()}`);
  }
  if (ATOMIC_KINDS.has(kind) || isAtomicAccess(expr, kind)) {
    throw new TranslateError(`atomics (threads) are not supported: ${where()}`);
  }
  if (PASSIVE_KINDS.has(kind)) throw new TranslateError(`passive data segments are not supported: ${where()}`);
  if (!hasSlots(kind)) throw new TranslateError(`unsupported instruction: ${where()}`);
}
