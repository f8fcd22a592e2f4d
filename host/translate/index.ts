// Guest translator: rewrites a wasm32 guest so every memory access goes through the kernel's
// software MMU (inline TLB fast path, mmu.* slow path), its memory is the kernel's physical RAM,
// loops can be preempted and kernel.syscall / kernel.preempt can block via asyncify.
// Interface:
//   translate(bytes, opts?)         -> Translated { wasm, segments, initialPages, maxPages, hasStart, effort }
//   translateCached(bytes, dir?)    -> the same plus { cached }, from/into an on-disk cache
//   TranslateError                  -> thrown for unsupported input, naming the feature and function
export { translate } from "./translate";
export { translateCached, TRANSLATOR_VERSION } from "./cache";
export { TranslateError, type Segment, type Translated } from "./types";
