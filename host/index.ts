// wasmos's public API (re-exports only). Create a machine, spawn guests, run them, read the stats,
// trace events and inspect memory.
export { Machine, KernelPanic, type MachineOptions, type ExitInfo } from "./machine";
export { LoadError } from "./loader";
export { borrowingSink, type Sink } from "./sink";
export { TranslateError } from "./translate/types";
export { translateCached } from "./translate/cache";
export { translate } from "./translator";          // binaryen loads on the first call
export { meminfo, processes, regions, pageTable, tlb, frameInfo, pageCache, pipes } from "./inspect";
export type { MemInfo, ProcInfo, Region, PageEntry, TlbEntry, FrameInfo, CachedFile, PipeInfo, PipeSlot } from "./inspect";
export { runProgram, parseSize, parseTraceClasses, type RunOptions, EXIT_HUNG } from "./run";
export { formatHungTasks, WAITS_ON, type HungTask } from "./hung";
export { distPath, projectRoot } from "./paths";
