// Memory-mapping constants (PROT_*, MAP_*, MS_*, MADV_*, MREMAP_*): kernel/abi/mman.ts,
// re-exported for guest programs.
export * from "../../../kernel/abi/mman";
