// One running guest program on the host side: its translated instance and asyncify bookkeeping.
// Interface: GuestExports, Guest, ASYNCIFY_* states, WasmException (WebAssembly.Exception, which
// the TypeScript lib in use does not declare).
export const ASYNCIFY_NORMAL = 0;
export const ASYNCIFY_UNWINDING = 1;
export const ASYNCIFY_REWINDING = 2;

export interface GuestExports {
  _start: () => void;
  __budget: WebAssembly.Global;
  __calls: WebAssembly.Global;
  asyncify_start_unwind: (addr: number) => void;
  asyncify_stop_unwind: () => void;
  asyncify_start_rewind: (addr: number) => void;
  asyncify_stop_rewind: () => void;
  asyncify_get_state: () => number;
}

export interface Guest {
  pid: number;
  name: string;
  exports: GuestExports;
  unwound: boolean;      // stopped in the middle (blocked or preempted): resume by rewinding
  module: WebAssembly.Module;   // the translated program (fork makes a second instance of it)
}

/** A wasm exception thrown by `throw` and caught by no handler (it reaches JS as this class). */
export const WasmException = (WebAssembly as unknown as { Exception: abstract new (...a: never[]) => object }).Exception;
