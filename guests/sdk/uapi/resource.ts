// Resource limits (RLIMIT_*) and the rlimit64 record: kernel/abi/resource.ts, re-exported for guest
// programs.
export * from "../../../kernel/abi/resource";
