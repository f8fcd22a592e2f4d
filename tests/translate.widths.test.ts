// Loads and stores of every width, signedness and float type, at page offsets 0, 4093, 4094 and
// 4095 (so 2-, 4- and 8-byte accesses cross a page boundary into a non-adjacent frame), with and
// without a static offset, give exactly the results of the untranslated module run natively.
import binaryen from "binaryen";
import { describe, expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const LOADS: [string, string][] = [
  ["i32.load", "i32"], ["i32.load8_s", "i32"], ["i32.load8_u", "i32"], ["i32.load16_s", "i32"],
  ["i32.load16_u", "i32"], ["i64.load", "i64"], ["i64.load8_s", "i64"], ["i64.load8_u", "i64"],
  ["i64.load16_s", "i64"], ["i64.load16_u", "i64"], ["i64.load32_s", "i64"], ["i64.load32_u", "i64"],
  ["f32.load", "f32"], ["f64.load", "f64"],
];
const STORES: [string, string][] = [
  ["i32.store", "i32"], ["i32.store8", "i32"], ["i32.store16", "i32"], ["i64.store", "i64"],
  ["i64.store8", "i64"], ["i64.store16", "i64"], ["i64.store32", "i64"],
];
const FLOAT_COPIES: [string, string][] = [["f32", "f32.store"], ["f64", "f64.store"]];
const STATIC_OFFSET = 5000;
const ADDRESSES = [3, 6, 9].flatMap((page) => [4093, 0, 4094, 4095].map((off) => page * 4096 + off));
const PATTERN = Uint8Array.from({ length: 65536 }, (_, i) => (i * 131 + 17) ^ (i >> 8));

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => `\\${b.toString(16).padStart(2, "0")}`).join("");
}

function functions(): string {
  const loads = LOADS.map(([op, t]) => `
    (func (export "${op}") (param i32) (result ${t}) (${op} (local.get 0)))
    (func (export "${op}+off") (param i32) (result ${t}) (${op} offset=${STATIC_OFFSET} (local.get 0)))`);
  const stores = STORES.map(([op, t]) => `
    (func (export "${op}") (param i32 ${t}) (${op} (local.get 0) (local.get 1)))
    (func (export "${op}+off") (param i32 ${t}) (${op} offset=${STATIC_OFFSET} (local.get 0) (local.get 1)))`);
  const copies = FLOAT_COPIES.map(([t, op]) => `
    (func (export "copy.${t}") (param i32 i32) (${op} (local.get 0) (${t}.load (local.get 1))))`);
  return [...loads, ...stores, ...copies].join("");
}

const WAT = `(module
  (memory (export "memory") 1)
  (data (i32.const 0) "${hex(PATTERN)}")
  (func (export "_start"))
  ${functions()})`;

type Fn = (...args: unknown[]) => unknown;
interface Machine { fn(name: string): Fn; read(va: number, n: number): Uint8Array }

function wasmOf(wat: string): Uint8Array<ArrayBuffer> {
  const m = binaryen.parseText(wat);
  try { return new Uint8Array(m.emitBinary()); } finally { m.dispose(); }
}

const bytes = wasmOf(WAT);
const output = await translate(bytes);

function native(): Machine {
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes), {});
  const mem = inst.exports.memory as WebAssembly.Memory;
  return { fn: (n) => inst.exports[n] as Fn, read: (va, n) => new Uint8Array(mem.buffer, va, n).slice() };
}

function translated(): Machine {
  const mmu = new MockMmu(output);
  const inst = mmu.instantiate();
  return { fn: (n) => inst.exports[n] as Fn, read: (va, n) => mmu.read(va, n) };
}

describe("translated loads and stores match native execution", () => {
  test.each(LOADS.map(([op]) => op))("%s", (op) => {
    const [a, b] = [native(), translated()];
    for (const va of [...ADDRESSES, ...ADDRESSES]) {      // the second round hits the TLB
      expect(b.fn(op)(va), `${op} at ${va}`).toEqual(a.fn(op)(va));
      expect(b.fn(`${op}+off`)(va - STATIC_OFFSET), `${op} offset at ${va}`).toEqual(a.fn(`${op}+off`)(va - STATIC_OFFSET));
    }
  });

  test.each(STORES)("%s", (op, type) => {
    const values = type === "i64" ? [-0x0123456789abcdefn, 0x7edcba9876543210n] : [-0x12345679, 0x7abbccdd];
    const [a, b] = [native(), translated()];
    for (const value of values) {                        // the second round hits the TLB
      for (const va of ADDRESSES) {
        for (const m of [a, b]) {
          m.fn(op)(va, value);
          m.fn(`${op}+off`)(va + 4096 - STATIC_OFFSET, value);
        }
      }
    }
    expect(b.read(0, 65536)).toEqual(a.read(0, 65536));
  });

  test.each(FLOAT_COPIES.map(([t]) => t))("%s load and store keep every bit", (t) => {
    const [a, b] = [native(), translated()];
    ADDRESSES.forEach((va, i) => {
      for (const m of [a, b]) m.fn(`copy.${t}`)(va, ADDRESSES[(i + 5) % ADDRESSES.length]);
    });
    expect(b.read(0, 65536)).toEqual(a.read(0, 65536));
  });
});
