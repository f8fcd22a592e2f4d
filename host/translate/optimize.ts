// Optimization with raised inlining limits (so the access wrappers vanish into their callers),
// then binaryen's asyncify pass, letting only kernel.syscall and kernel.preempt unwind. The asyncify
// data lives where the host points asyncify_start_unwind/rewind (kernel-reserved physical memory).
// Interface: optimize(module). binaryen's options are global: they are restored afterwards.
import binaryen from "binaryen";
import { ASYNCIFY_IMPORTS } from "./abi";

const OPTIMIZE_LEVEL = 3;
const SHRINK_LEVEL = 0;
const FLEXIBLE_INLINE_MAX = 100;
const ALWAYS_INLINE_MAX = 40;
const ONE_CALLER_INLINE_MAX = 100;

/** Runs `body` with binaryen's global options set to ours, then puts the old ones back. */
function withOptions<T>(body: () => T): T {
  const saved = [binaryen.getOptimizeLevel(), binaryen.getShrinkLevel(), binaryen.getFlexibleInlineMaxSize(),
    binaryen.getAlwaysInlineMaxSize(), binaryen.getOneCallerInlineMaxSize()];
  const savedImports = binaryen.getPassArgument("asyncify-imports");
  binaryen.setOptimizeLevel(OPTIMIZE_LEVEL);
  binaryen.setShrinkLevel(SHRINK_LEVEL);
  binaryen.setFlexibleInlineMaxSize(FLEXIBLE_INLINE_MAX);
  binaryen.setAlwaysInlineMaxSize(ALWAYS_INLINE_MAX);
  binaryen.setOneCallerInlineMaxSize(ONE_CALLER_INLINE_MAX);
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

export function optimize(module: binaryen.Module): void {
  withOptions(() => {
    module.optimize();
    module.runPasses(["asyncify"]);
    module.optimize();
  });
}
