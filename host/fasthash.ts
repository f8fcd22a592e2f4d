// A fast 64-bit hash of bytes, not a cryptographic one: the key of the translation cache (whose
// entries keep their input, so two inputs with one key are told apart) and the checksum of the
// command line's code cache (host/cliboot.ts). It runs in a small wasm module, so neither loads
// Node's crypto (milliseconds of start-up) nor runs a JavaScript loop V8 has not compiled yet.
// Interface: hash64(bytes, seed?) -> bigint (unsigned); hashHex(bytes, seed?) -> 16 hex digits;
// hashedFile(path, from) -> { bytes, hash } | undefined (a file read straight into the hash's memory).
import { openSync, fstatSync, readSync, closeSync } from "node:fs";
import { WASM_PAGE } from "../kernel/abi/layout";

// Its text (the memory imported as m.mem; the 7 bytes past `end` are zero when it is called):
//   (func (export "hash") (param $at i32) (param $end i32) (param $seed i64) (result i64) (local $h i64)
//     (local.set $h (i64.xor (local.get $seed) (i64.extend_i32_u (i32.sub (local.get $end) (local.get $at)))))
//     (block $done (loop $next (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
//       (local.set $h (i64.mul (i64.xor (local.get $h) (i64.load (local.get $at))) (i64.const 0x100000001b3)))
//       (local.set $h (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 29))))
//       (local.set $at (i32.add (local.get $at) (i32.const 8))) (br $next)))
//     (i64.mul (i64.xor (local.get $h) (i64.shr_u (local.get $h) (i64.const 32))) (i64.const 0x9e3779b97f4a7c15)))
const HASH_WASM = "AGFzbQEAAAABCAFgA39/fgF+AgoBAW0DbWVtAgAAAwIBAAcIAQRoYXNoAAAKWAFWAQF+IAIgASAAa62FIQMCQANAIAAgAU8NASADIAApAwCFQrODgICAIH4hAyADIANCHYiFIQMgAEEIaiEADAALAAsgAyADQiCIhUKV+Kn6l7fem55/fgs=";

let hasher: { mem: WebAssembly.Memory; hash: (at: number, end: number, seed: bigint) => bigint } | null = null;

function instantiate(): NonNullable<typeof hasher> {
  const mem = new WebAssembly.Memory({ initial: 1 });
  const inst = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(HASH_WASM, "base64")), { m: { mem } });
  return { mem, hash: inst.exports.hash as (at: number, end: number, seed: bigint) => bigint };
}

/** The hash's memory, at least `length` bytes and 8 more (the memory stays, as large as the largest input). */
function room(length: number): { view: Uint8Array; hash: (at: number, end: number, seed: bigint) => bigint } {
  const h = (hasher ??= instantiate());
  const need = length + 8;
  if (need > h.mem.buffer.byteLength) h.mem.grow(Math.ceil((need - h.mem.buffer.byteLength) / WASM_PAGE));
  return { view: new Uint8Array(h.mem.buffer, 0, need), hash: h.hash };
}

/** The hash of `bytes`. */
export function hash64(bytes: Uint8Array, seed = 0n): bigint {
  const { view, hash } = room(bytes.length);
  view.set(bytes);
  view.fill(0, bytes.length);
  return BigInt.asUintN(64, hash(0, bytes.length, BigInt.asIntN(64, seed)));
}

/** The file at `path`, read into the hash's memory (no other copy of it is made: a large file's
 *  pages are touched once), and the hash of its bytes from `from` (a multiple of 8) on, as
 *  hash64(bytes.subarray(from)) gives. `bytes` is valid until the next call of this module.
 *  Undefined when the file cannot be read whole. */
export function hashedFile(path: string, from: number): { bytes: Uint8Array; hash: bigint } | undefined {
  let fd = -1;
  try {
    fd = openSync(path, "r");
    const size = fstatSync(fd).size;
    if (size < from) return undefined;
    const { view, hash } = room(size);
    for (let at = 0; at < size;) {
      const n = readSync(fd, view, at, size - at, at);
      if (n === 0) return undefined;             // shorter than fstat said: being replaced
      at += n;
    }
    view.fill(0, size);
    return { bytes: view.subarray(0, size), hash: BigInt.asUintN(64, hash(from, size, 0n)) };
  } catch {
    return undefined;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

export function hashHex(bytes: Uint8Array, seed = 0n): string {
  return hash64(bytes, seed).toString(16).padStart(16, "0");
}
