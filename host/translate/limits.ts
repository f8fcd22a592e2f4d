// What the loader accepts, checked before anything is allocated or translated (a clear LoadError,
// ENOEXEC for execve, instead of a host exception or minutes of translation).
// Interface: MAX_MODULE_BYTES, MAX_FUNCTIONS, MAX_FUNCTION_NODES.

/** The largest program file (the biggest guest built here is about 1 MiB). */
export const MAX_MODULE_BYTES = 16 << 20;
/** Functions a module may define or import. */
export const MAX_FUNCTIONS = 20_000;
/** Expression nodes in one function body. Above ~50,000 the light effort's unoptimized asyncify
 *  leaves more locals than V8 accepts in one function, and the optimizing one takes minutes. */
export const MAX_FUNCTION_NODES = 40_000;
