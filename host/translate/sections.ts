// Raw wasm sections the translator needs and binaryen's JS API does not expose:
// every memory declaration (imported or defined, so multi-memory can be detected) and the data
// segments with their exact offset expressions.
// Interface: readMemories(bytes) -> MemoryDecl[] in index order; readDataSegments(bytes) -> DataDecl[];
// forBinaryen(bytes) -> the module without the custom sections binaryen need not parse (see there).
import { TranslateError } from "./types";

export interface MemoryDecl {
  initial: number;          // pages
  max: number | null;
  shared: boolean;
  is64: boolean;
  customPageSize: boolean;
  imported: boolean;
}

export interface DataDecl {
  passive: boolean;
  memory: number;
  offset: number | null;    // i32.const offset (unsigned); null when passive
  data: Uint8Array;
}

const SEC_CUSTOM = 0, SEC_IMPORT = 2, SEC_MEMORY = 5, SEC_DATA = 11;
const NAME_SECTION = "name";
const KIND_FUNC = 0, KIND_TABLE = 1, KIND_MEMORY = 2, KIND_GLOBAL = 3, KIND_TAG = 4;
const REF_NULL = 0x63, REF = 0x64;    // (ref null ht), (ref ht): followed by a heap type
const OP_I32_CONST = 0x41, OP_END = 0x0b;

/** A cursor over a byte range; throws TranslateError on truncation. */
class Reader {
  constructor(readonly bytes: Uint8Array, public pos: number, readonly end: number) {}

  byte(): number {
    if (this.pos >= this.end) throw new TranslateError("malformed module: truncated section");
    return this.bytes[this.pos++];
  }

  /** Unsigned LEB128 (up to 64 bits; exact below 2^53). */
  uleb(): number {
    let result = 0, scale = 1, b: number;
    do { b = this.byte(); result += (b & 0x7f) * scale; scale *= 128; } while (b & 0x80);
    return result;
  }

  /** Signed LEB128 of at most 32 bits. */
  sleb32(): number {
    let result = 0, shift = 0, b: number;
    do { b = this.byte(); result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80 && shift < 35);
    return shift < 32 && b & 0x40 ? result | (-1 << shift) : result | 0;
  }

  take(n: number): Uint8Array {
    if (this.pos + n > this.end) throw new TranslateError("malformed module: truncated section");
    this.pos += n;
    return this.bytes.slice(this.pos - n, this.pos);
  }

  skipName(): void { this.take(this.uleb()); }

  skipValType(): void {
    const b = this.byte();
    if (b === REF_NULL || b === REF) this.sleb32();
  }

  limits(): MemoryDecl {
    const flags = this.byte();
    const initial = this.uleb();
    const max = flags & 1 ? this.uleb() : null;
    if (flags & 8) this.uleb();   // custom page size exponent
    return { initial, max, shared: !!(flags & 2), is64: !!(flags & 4), customPageSize: !!(flags & 8), imported: false };
  }
}

/** Calls `visit` with a reader over each section's payload. */
function forEachSection(bytes: Uint8Array, visit: (id: number, r: Reader) => void): void {
  const top = new Reader(bytes, 8, bytes.length);
  while (top.pos < top.end) {
    const id = top.byte();
    const size = top.uleb();
    visit(id, new Reader(bytes, top.pos, Math.min(top.pos + size, top.end)));
    top.pos += size;
  }
}

/** The memory of one import entry, or null when the import is of another kind. */
function importedMemory(r: Reader): MemoryDecl | null {
  r.skipName();
  r.skipName();
  const kind = r.byte();
  switch (kind) {
    case KIND_FUNC: r.uleb(); return null;
    case KIND_TABLE: r.skipValType(); r.limits(); return null;
    case KIND_MEMORY: return { ...r.limits(), imported: true };
    case KIND_GLOBAL: r.skipValType(); r.byte(); return null;
    case KIND_TAG: r.byte(); r.uleb(); return null;
    default: throw new TranslateError(`unsupported import encoding (kind 0x${kind.toString(16)})`);
  }
}

export function readMemories(bytes: Uint8Array): MemoryDecl[] {
  const memories: MemoryDecl[] = [];
  forEachSection(bytes, (id, r) => {
    if (id === SEC_IMPORT) {
      for (let n = r.uleb(); n > 0; n--) {
        const m = importedMemory(r);
        if (m) memories.push(m);
      }
    } else if (id === SEC_MEMORY) {
      for (let n = r.uleb(); n > 0; n--) memories.push(r.limits());
    }
  });
  return memories;
}

/** Reads `i32.const N end`; any other offset expression is refused. */
function constOffset(r: Reader, index: number): number {
  const op = r.byte();
  const value = op === OP_I32_CONST ? r.sleb32() : 0;
  if (op !== OP_I32_CONST || r.byte() !== OP_END) {
    throw new TranslateError(`data segment ${index}: offset is not a constant i32.const (not supported)`);
  }
  return value >>> 0;
}

function dataSegment(r: Reader, index: number): DataDecl {
  const flags = r.uleb();
  if (flags === 1) return { passive: true, memory: 0, offset: null, data: r.take(r.uleb()) };
  const memory = flags === 2 ? r.uleb() : 0;
  if (flags > 2) throw new TranslateError(`data segment ${index}: unknown flags ${flags}`);
  const offset = constOffset(r, index);
  return { passive: false, memory, offset, data: r.take(r.uleb()) };
}

export function readDataSegments(bytes: Uint8Array): DataDecl[] {
  const segments: DataDecl[] = [];
  forEachSection(bytes, (id, r) => {
    if (id !== SEC_DATA) return;
    for (let i = 0, n = r.uleb(); i < n; i++) segments.push(dataSegment(r, i));
  });
  return segments;
}

/** The custom section's name, from the start of its payload. */
function customName(r: Reader): string {
  const n = r.uleb();
  return Buffer.from(r.take(n)).toString("latin1");
}

/** The module without its custom sections other than "name" (function names, for messages). DWARF debug
 *  sections are most of a Rust program's file (a 6 MB module can hold 130 KB of code); binaryen
 *  would parse and copy them into the output though they no longer describe the translated code. */
export function forBinaryen(bytes: Uint8Array): Uint8Array {
  const keep: [number, number][] = [[0, 8]];
  let dropped = false;
  const top = new Reader(bytes, 8, bytes.length);
  while (top.pos < top.end) {
    const start = top.pos;
    const id = top.byte();
    const size = top.uleb();
    const end = Math.min(top.pos + size, top.end);
    const drop = id === SEC_CUSTOM && customName(new Reader(bytes, top.pos, end)) !== NAME_SECTION;
    if (drop) dropped = true; else keep.push([start, end]);
    top.pos = end;
  }
  if (!dropped) return bytes;
  const out = new Uint8Array(keep.reduce((n, [a, b]) => n + b - a, 0));
  let at = 0;
  for (const [a, b] of keep) { out.set(bytes.subarray(a, b), at); at += b - a; }
  return out;
}

