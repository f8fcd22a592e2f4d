// Optimization, then binaryen's asyncify pass letting only kernel.syscall and kernel.preempt unwind.
// The asyncify data lives where the host points asyncify_start_unwind/rewind (kernel-reserved
// physical memory). The effort is chosen from the guest's size (the Shape rewrite.ts measured),
// never from the clock, so a module always translates to the same output:
//   full   -O3 with raised inlining limits (the access wrappers vanish into their callers),
//          asyncify (which optimizes what it instruments), -O3 again: the fastest code, but the
//          time grows faster than the module (a 100 KB C program took minutes);
//   light  for larger guests: asyncify without its own optimization first, while every memory
//          access is still a call to a wrapper that cannot unwind (asyncify flattens what it
//          instruments: the inlined wrappers tripled what it had to flatten), then the inlining
//          of small functions (the wrappers among them; an instrumented callee inlined into an
//          instrumented caller saves and restores its frame in the same order as when called)
//          and reorder-locals (CLEANUP; SQUEEZE only where a function has very many locals):
//          about linear in size, and V8's optimizing tier makes up the difference in speed
//          (docs/performance.md, "Translation and compute").
// Interface: optimize(module, effort); effortFor(shape) -> Effort; FULL_MAX_NODES, FULL_MAX_FUNCTIONS.
// binaryen's options are global: they are restored afterwards.
import binaryen from "binaryen";
import { ASYNCIFY_IMPORTS } from "./abi";
import type { Shape } from "./rewrite";

export type Effort = "full" | "light";

/** A guest of at most this many expressions (all functions together) gets the full effort. The
 *  programs shipped here have at most ~5,000; a 40 KB C program about 19,000. */
export const FULL_MAX_NODES = 12_000;
/** ... and of at most this many functions: -O3's inlining along long call chains is what made
 *  chains of a few hundred tiny functions take minutes. The shipped programs have at most ~50. */
export const FULL_MAX_FUNCTIONS = 200;

const SHRINK_LEVEL = 0;
const FLEXIBLE_INLINE_MAX = 100;
const ALWAYS_INLINE_MAX = 40;
const ONE_CALLER_INLINE_MAX = 100;
const LIGHT_INLINE_MAX = 40;            // light: inline only functions this small (the wrappers)
/** light: the cleanup after asyncify and inlining (reorder-locals drops the locals left unused). */
const CLEANUP = ["reorder-locals"];
/** light: a function left with more locals than this gets simplify-locals (asyncify's flattening
 *  makes a local per value; V8 refuses a function of more than 50,000). Below it the pass is not
 *  worth its time: V8's optimizing tier allocates registers itself. */
const SQUEEZE_LOCALS = 25_000;
const SQUEEZE = ["simplify-locals-nostructure", "reorder-locals"];

interface Options { level: number; flexible: number; always: number; oneCaller: number }

const FULL: Options = { level: 3, flexible: FLEXIBLE_INLINE_MAX, always: ALWAYS_INLINE_MAX, oneCaller: ONE_CALLER_INLINE_MAX };
const LIGHT: Options = { level: 1, flexible: 0, always: LIGHT_INLINE_MAX, oneCaller: LIGHT_INLINE_MAX };

/** Runs `body` with binaryen's global options set to `o`, then puts the old ones back. */
function withOptions<T>(o: Options, body: () => T): T {
  const saved = [binaryen.getOptimizeLevel(), binaryen.getShrinkLevel(), binaryen.getFlexibleInlineMaxSize(),
    binaryen.getAlwaysInlineMaxSize(), binaryen.getOneCallerInlineMaxSize()];
  const savedImports = binaryen.getPassArgument("asyncify-imports");
  binaryen.setOptimizeLevel(o.level);
  binaryen.setShrinkLevel(SHRINK_LEVEL);
  binaryen.setFlexibleInlineMaxSize(o.flexible);
  binaryen.setAlwaysInlineMaxSize(o.always);
  binaryen.setOneCallerInlineMaxSize(o.oneCaller);
  binaryen.setPassArgument("asyncify-imports", ASYNCIFY_IMPORTS);
  try {
    return body();
  } finally {
    binaryen.setOptimizeLevel(saved[0]);
    binaryen.setShrinkLevel(saved[1]);
    binaryen.setFlexibleInlineMaxSize(saved[2]);
    binaryen.setAlwaysInlineMaxSize(saved[3]);
    binaryen.setOneCallerInlineMaxSize(saved[4]);
    binaryen.setPassArgument("asyncify-imports", savedImports);
  }
}

/** Runs SQUEEZE on each function with more than SQUEEZE_LOCALS locals. */
function squeezeLocals(module: binaryen.Module): void {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = module.getFunctionByIndex(i);
    if (binaryen.getFunctionInfo(f).vars.length > SQUEEZE_LOCALS) module.runPassesOnFunction(f, SQUEEZE);
  }
}

export function effortFor(shape: Shape): Effort {
  return shape.nodes <= FULL_MAX_NODES && shape.functions <= FULL_MAX_FUNCTIONS ? "full" : "light";
}

export function optimize(module: binaryen.Module, effort: Effort): void {
  if (effort === "full") {
    withOptions(FULL, () => {
      module.optimize();
      module.runPasses(["asyncify"]);
      module.optimize();
    });
    return;
  }
  withOptions({ ...LIGHT, level: 0 }, () => module.runPasses(["asyncify"]));
  withOptions(LIGHT, () => {
    module.runPasses(["inlining", "remove-unused-module-elements", ...CLEANUP]);
    squeezeLocals(module);
  });
}
