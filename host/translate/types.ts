// Public types of the guest translator (see index.ts for the interface).

/** An active data segment, to be copied into the guest's address space at `offset` (guest-virtual). */
export interface Segment {
  offset: number;
  data: Uint8Array;
}

/** A translated guest: the module to instantiate and what the loader must map before `_start`. */
export interface Translated {
  wasm: Uint8Array<ArrayBuffer>; // imports env.memory (physical RAM), mmu.*, kernel.*; exports _start, memory, __budget, asyncify_*
  segments: Segment[];       // active data segments taken out of the module
  initialPages: number;      // the guest memory's original limits, in 64 KiB pages (guest-virtual size)
  maxPages: number | null;   // null: no maximum
  hasStart: boolean;         // the input had a start section (now called first by _start)
  effort: "full" | "light";  // the optimization effort its size chose (optimize.ts)
}

/** The input uses something the translator does not support; the message names it and where. */
export class TranslateError extends Error {
  override name = "TranslateError";
}
