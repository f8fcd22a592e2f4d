// The translation pipeline: guest wasm32 module in, module running on the kernel's software MMU out.
// Interface: translate(bytes) -> Translated (see types.ts); throws TranslateError.
import binaryen from "binaryen";
import { addBudget } from "./budget";
import { exportMutableGlobals } from "./globals";
import { findEntry, foldStart } from "./entry";
import { checkImports, checkMemories, checkSegments, checkTypes, OUTPUT_FEATURES } from "./features";
import { guestLimits, guestSegments, replaceMemory } from "./memory";
import { optimize } from "./optimize";
import { rewriteFunctions } from "./rewrite";
import { readDataSegments, readMemories } from "./sections";
import { TranslateError, type Translated } from "./types";
import { MAX_FUNCTIONS } from "./limits";
import { addMmuImports, addWrappers } from "./wrappers";

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

/** Everything between parsing and optimizing; returns whether a start section was folded in. */
function rewriteModule(module: binaryen.Module): boolean {
  module.setFeatures(OUTPUT_FEATURES);
  if (module.getNumFunctions() > MAX_FUNCTIONS) {
    throw new TranslateError(`the module has ${module.getNumFunctions()} functions (at most ${MAX_FUNCTIONS})`);
  }
  checkTypes(module);
  checkImports(module);
  const entry = findEntry(module);
  exportMutableGlobals(module);
  const preempt = addBudget(module);
  addMmuImports(module);
  rewriteFunctions(module, preempt);
  replaceMemory(module);
  addWrappers(module);
  return foldStart(module, entry);
}

export async function translate(bytes: Uint8Array): Promise<Translated> {
  checkHeader(bytes);
  const memories = readMemories(bytes);
  checkMemories(memories);
  const dataDecls = readDataSegments(bytes);
  checkSegments(dataDecls);
  const module = parse(bytes);
  try {
    const hasStart = step("rewriting", () => rewriteModule(module));
    validate(module, "after rewriting (the input may use an unsupported feature)");
    step("optimization", () => optimize(module));
    validate(module, "after optimization and asyncify");
    return { wasm: new Uint8Array(module.emitBinary()), segments: guestSegments(dataDecls), ...guestLimits(memories[0]), hasStart };
  } finally {
    module.dispose();
  }
}
