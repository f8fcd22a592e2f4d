// The translation pipeline: guest wasm32 module in, module running on the kernel's software MMU out.
// Interface: translate(bytes, opts?) -> Translated (see types.ts); throws TranslateError. The
// optimization effort is chosen from the module's size (optimize.ts) unless opts.effort names one;
// opts.anyImports (bench only: timing modules this loader cannot run yet) skips the import check.
import binaryen from "binaryen";
import { addBudget } from "./budget";
import { exportMutableGlobals } from "./globals";
import { findEntry, foldStart } from "./entry";
import { checkImports, checkMemories, checkSegments, checkTypes, OUTPUT_FEATURES } from "./features";
import { guestLimits, guestSegments, replaceMemory } from "./memory";
import { effortFor, optimize, type Effort } from "./optimize";
import { rewriteFunctions, type Shape } from "./rewrite";
import { forBinaryen, readDataSegments, readMemories } from "./sections";
import { TranslateError, type Translated } from "./types";
import { MAX_FUNCTIONS } from "./limits";
import { addMmuImports, addWrappers } from "./wrappers";
import { rewriteWasiImports } from "./wasi";
import { addSignalDelivery } from "./signal";

const WASM_HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];   // "\0asm", version 1

function checkHeader(bytes: Uint8Array): void {
  if (bytes.length < 8 || WASM_HEADER.some((b, i) => bytes[i] !== b)) {
    throw new TranslateError("not a WebAssembly (version 1) module");
  }
}

function parse(bytes: Uint8Array): binaryen.Module {
  try {
    return binaryen.readBinary(bytes);
  } catch (err) {
    throw new TranslateError(`malformed module: ${(err as Error).message}`);
  }
}

/** A binaryen exception's message (binaryen throws C++ exceptions as opaque objects). */
function describe(err: unknown): string {
  if (err instanceof Error) return err.message;
  try {
    const [, message] = (binaryen as unknown as { getExceptionMessage(e: unknown): string[] }).getExceptionMessage(err);
    return message;
  } catch {
    return String(err);
  }
}

/** Runs one step of the pipeline, turning binaryen failures into TranslateErrors. */
function step<T>(stage: string, body: () => T): T {
  try {
    return body();
  } catch (err) {
    if (err instanceof TranslateError) throw err;
    throw new TranslateError(`${stage} failed: ${describe(err)}`);
  }
}

function validate(module: binaryen.Module, stage: string): void {
  if (!module.validate()) throw new TranslateError(`the module does not validate ${stage}`);
}

/** Everything between parsing and optimizing: whether a start section was folded in, and the
 *  rewritten module's size. */
function rewriteModule(module: binaryen.Module, opts: Options): { hasStart: boolean; shape: Shape } {
  module.setFeatures(OUTPUT_FEATURES);
  if (module.getNumFunctions() > MAX_FUNCTIONS) {
    throw new TranslateError(`the module has ${module.getNumFunctions()} functions (at most ${MAX_FUNCTIONS})`);
  }
  checkTypes(module);
  if (!opts.anyImports) checkImports(module);
  rewriteWasiImports(module);
  const entry = findEntry(module);
  exportMutableGlobals(module);
  const preempt = addBudget(module);
  addMmuImports(module);
  const shape = rewriteFunctions(module, preempt);
  replaceMemory(module);
  addWrappers(module);
  addSignalDelivery(module);
  return { hasStart: foldStart(module, entry), shape };
}

export interface Options { effort?: Effort; anyImports?: boolean }

export async function translate(bytes: Uint8Array, opts: Options = {}): Promise<Translated> {
  checkHeader(bytes);
  const memories = readMemories(bytes);
  checkMemories(memories);
  const dataDecls = readDataSegments(bytes);
  checkSegments(dataDecls);
  const module = parse(forBinaryen(bytes));
  try {
    const { hasStart, shape } = step("rewriting", () => rewriteModule(module, opts));
    validate(module, "after rewriting (the input may use an unsupported feature)");
    const chosen = opts.effort ?? effortFor(shape);
    step("optimization", () => optimize(module, chosen));
    validate(module, "after optimization and asyncify");
    return { wasm: new Uint8Array(module.emitBinary()), segments: guestSegments(dataDecls), ...guestLimits(memories[0]), hasStart,
      effort: chosen };
  } finally {
    module.dispose();
  }
}
