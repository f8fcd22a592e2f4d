// Trace decoding and output: raw ring records -> events -> strace text, JSON Lines, summary.
// Interface: decodeRecords, Tracer, formatText, formatJsonl, formatSummary, readStats, and the types.
export { decodeRecords, type RawEvent } from "./decode";
export type * from "./events";
export { Tracer, classOf, type TracerOptions } from "./tracer";
export { formatText, formatJsonl, type TextOptions } from "./format";
export { formatSummary } from "./summary";
export { readStats, type KernelStats } from "./stats";
export type { Stats, SyscallStats } from "./stats-types";
export { SIGNATURES, signatureOf, sysName, type Signature } from "./signatures";
export { errnoName, errnoText } from "./errno-text";
export type { ReadUser } from "./usermem";
