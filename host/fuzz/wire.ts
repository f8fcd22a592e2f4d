// The serialized form of a fuzz program, shared by the host (host/fuzz/program.ts writes it) and the
// executor guest (guests/fuzz/executor.ts reads it from its stdin). Plain constants only, so that
// both TypeScript and AssemblyScript compile this file. All integers little-endian:
//
//   u32 WIRE_MAGIC | u32 ncalls | u32 datalen | datalen bytes (copied to BUF_BASE before the first call)
//   ncalls x { u32 nr | 6 x { u8 kind | 3 pad | u32 ref | u64 value } }
//
// An argument is resolved when its call is issued:
//   ArgKind.value   value
//   ArgKind.result  (result of call `ref`) + value: an fd or an address returned earlier
//   ArgKind.mem32   (the i32 at BUF_BASE + ref, sign-extended) + value: an fd pipe2/socketpair stored
// Interface: WIRE_MAGIC, BUF_BASE, BUF_SIZE, MAX_CALLS, CALL_BYTES, ARG_BYTES, HEADER_BYTES, ArgKind.
export const WIRE_MAGIC = 0x315a4657;       // "WFZ1"
export const BUF_BASE = 0x40000000;         // the program's buffer, mapped by the executor (MAP_FIXED)
export const BUF_SIZE = 0x10000;            // 16 pages
export const MAX_CALLS = 4096;
export const HEADER_BYTES = 12;
export const ARG_BYTES = 16;
export const CALL_BYTES = 4 + 6 * ARG_BYTES;

export enum ArgKind { value = 0, result = 1, mem32 = 2 }
