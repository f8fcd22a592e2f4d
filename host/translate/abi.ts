// Names through which a translated guest talks to the kernel, in one place.
// Interface: imports the guest gains (module "mmu": the MMU slow path and the memory.* replacements;
// "kernel": preempt, the signal entries, and wasi for a WASI guest; "env": memory), the exports it gains (memory, __budget, __calls), the internal names
// of the 8 access wrappers, and the imports asyncify lets unwind.

export const MMU_MODULE = "mmu";
export const KERNEL_MODULE = "kernel";

export const MEMORY_IMPORT = { module: "env", base: "memory" };   // the kernel's memory = physical RAM
export const MEMORY_EXPORT = "memory";
export const MEMORY_NAME = "__phys";                               // internal name of that memory

export const BUDGET_GLOBAL = "__budget";                           // exported under the same name
export const CALLS_GLOBAL = "__calls";                             // the function-entry budget, exported too
export const PREEMPT_BASE = "preempt";                             // kernel.preempt : () -> ()
export const PREEMPT_NAME = "__kernel_preempt";                    // internal name if we add the import

export const ENTRY_EXPORT = "_start";
export const ENTRY_NAME = "__wasmos_start";                        // _start when a start section is folded in

export const WASI_BASE_NAME = "wasi";                              // kernel.wasi(nr, a0..a8): the WASI personality
export const WASI_NAME = "__kernel_wasi";                          // its internal name (wasi.ts adds it)

export const SIGNAL_ENTRIES = ["sigmask", "sigenter", "sigreturn", "sigresult"] as const;   // kernel.*: signal delivery (signal.ts)
export const SIGWORK_NAME = "__wasmos_sigwork";                    // the guest's handler loop (signal.ts)

export const ASYNCIFY_IMPORTS = "kernel.syscall,kernel.wasi,kernel.preempt";   // the only imports that may unwind

export type AccessSize = 1 | 2 | 4 | 8;
export const ACCESS_SIZES: AccessSize[] = [1, 2, 4, 8];

/** Internal name of the wrapper for a load or store of `bytes` bytes: __ld8 .. __st64. */
export function wrapperName(store: boolean, bytes: AccessSize): string {
  return `__${store ? "st" : "ld"}${bytes * 8}`;
}

/** Base name of the slow-path import in module "mmu": ld8 .. st64. */
export function slowPathBase(store: boolean, bytes: AccessSize): string {
  return `${store ? "st" : "ld"}${bytes * 8}`;
}

/** Internal name under which an mmu.<base> import is added. */
export function mmuImportName(base: string): string {
  return `__mmu_${base}`;
}
export const GLOBAL_EXPORT_PREFIX = "__wasmos_global_";               // fork copies every exported mutable global
