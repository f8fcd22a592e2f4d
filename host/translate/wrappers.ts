// The 8 access wrappers __ld8 .. __st64 and the imports they and the rewritten guest call.
// Each wrapper is the inline TLB fast path (QEMU softmmu style):
//   e   = ((va >>> 12) & (TLB_ENTRIES - 1)) * TLB_ENTRY_SIZE, as (va >>> 8) & 0xff0
//   hit = load<u32>(TLB_BASE + e + TLB_TAG_READ or TLB_TAG_WRITE) == ((va + size - 1) & ~0xfff)
//   hit:  access physical va + load<u32>(TLB_BASE + e + TLB_ADDEND) in env.memory
// (TLB_BASE and the field offsets are the loads' immediate offsets.)
//   miss: call the slow path mmu.ld8(va) .. mmu.st64(va, v), which also splits page-crossing accesses.
// Interface: addMmuImports(module) (slow path + size/grow/copy/fill), addWrappers(module)
// (after the guest's memory has been replaced by env.memory).
import binaryen from "binaryen";
import {
  PAGE_MASK, PAGE_SHIFT, PAGE_SIZE, TLB_ADDEND, TLB_BASE, TLB_ENTRIES, TLB_ENTRY_SIZE, TLB_TAG_READ, TLB_TAG_WRITE,
} from "../../kernel/abi/layout";
import { ACCESS_SIZES, MMU_MODULE, mmuImportName, slowPathBase, wrapperName, type AccessSize } from "./abi";
import { TranslateError } from "./types";

type Ref = binaryen.ExpressionRef;
const { i32, i64, none } = binaryen;

const VA = 0, VALUE = 1;                         // wrapper params


/** The memory-size/grow/copy/fill imports: name -> [params, result]. */
export const MEMORY_OPS: Record<string, [binaryen.Type[], binaryen.Type]> = {
  size: [[], i32],
  grow: [[i32], i32],
  copy: [[i32, i32, i32], none],
  fill: [[i32, i32, i32], none],
};

function valueType(bytes: AccessSize): binaryen.Type {
  return bytes === 8 ? i64 : i32;
}

function claim(module: binaryen.Module, name: string): void {
  if (module.getFunction(name)) throw new TranslateError(`the module already defines a function named ${name}`);
}

function addImport(module: binaryen.Module, base: string, params: binaryen.Type[], result: binaryen.Type): void {
  claim(module, mmuImportName(base));
  module.addFunctionImport(mmuImportName(base), MMU_MODULE, base, binaryen.createType(params), result);
}

export function addMmuImports(module: binaryen.Module): void {
  for (const bytes of ACCESS_SIZES) {
    addImport(module, slowPathBase(false, bytes), [i32], valueType(bytes));
    addImport(module, slowPathBase(true, bytes), [i32, valueType(bytes)], none);
  }
  for (const [base, [params, result]] of Object.entries(MEMORY_OPS)) addImport(module, base, params, result);
}

/** The TLB entry's offset from TLB_BASE for va (local 0): ((va >>> 12) & (TLB_ENTRIES - 1)) * 16,
 *  computed as (va >>> 8) & 0xff0; TLB_BASE goes into each load's immediate offset. */
function entryOf(m: binaryen.Module): Ref {
  const shift = PAGE_SHIFT - Math.log2(TLB_ENTRY_SIZE);
  return m.i32.and(m.i32.shr_u(m.local.get(VA, i32), m.i32.const(shift)), m.i32.const((TLB_ENTRIES - 1) * TLB_ENTRY_SIZE));
}

/** tag(e) == page of the access's last byte. */
function hit(m: binaryen.Module, e: number, store: boolean, bytes: AccessSize): Ref {
  const tag = m.i32.load(TLB_BASE + (store ? TLB_TAG_WRITE : TLB_TAG_READ), 4, m.local.get(e, i32));
  const last = bytes === 1 ? m.local.get(VA, i32) : m.i32.add(m.local.get(VA, i32), m.i32.const(bytes - 1));
  return m.i32.eq(tag, m.i32.and(last, m.i32.const(PAGE_MASK)));
}

function physical(m: binaryen.Module, e: number): Ref {
  return m.i32.add(m.local.get(VA, i32), m.i32.load(TLB_BASE + TLB_ADDEND, 4, m.local.get(e, i32)));
}

function fastLoad(m: binaryen.Module, bytes: AccessSize, p: Ref): Ref {
  switch (bytes) {
    case 1: return m.i32.load8_u(0, 1, p);
    case 2: return m.i32.load16_u(0, 2, p);
    case 4: return m.i32.load(0, 4, p);
    case 8: return m.i64.load(0, 8, p);
  }
}

function fastStore(m: binaryen.Module, bytes: AccessSize, p: Ref, v: Ref): Ref {
  switch (bytes) {
    case 1: return m.i32.store8(0, 1, p, v);
    case 2: return m.i32.store16(0, 2, p, v);
    case 4: return m.i32.store(0, 4, p, v);
    case 8: return m.i64.store(0, 8, p, v);
  }
}

function addLoadWrapper(m: binaryen.Module, bytes: AccessSize): void {
  const e = 1, t = valueType(bytes);
  const slow = m.call(mmuImportName(slowPathBase(false, bytes)), [m.local.get(VA, i32)], t);
  const body = m.block(null, [
    m.local.set(e, entryOf(m)),
    m.if(hit(m, e, false, bytes), fastLoad(m, bytes, physical(m, e)), slow),
  ], t);
  claim(m, wrapperName(false, bytes));
  m.addFunction(wrapperName(false, bytes), i32, t, [i32], body);
}

function addStoreWrapper(m: binaryen.Module, bytes: AccessSize): void {
  const e = 2, t = valueType(bytes);
  const value = () => m.local.get(VALUE, t);
  const slow = m.call(mmuImportName(slowPathBase(true, bytes)), [m.local.get(VA, i32), value()], none);
  const body = m.block(null, [
    m.local.set(e, entryOf(m)),
    m.if(hit(m, e, true, bytes), fastStore(m, bytes, physical(m, e), value()), slow),
  ]);
  claim(m, wrapperName(true, bytes));
  m.addFunction(wrapperName(true, bytes), binaryen.createType([i32, t]), none, [i32], body);
}

export function addWrappers(module: binaryen.Module): void {
  for (const bytes of ACCESS_SIZES) {
    addLoadWrapper(module, bytes);
    addStoreWrapper(module, bytes);
  }
}
