// The 8 access wrappers __ld8 .. __st64 and the imports they and the rewritten guest call.
// Each wrapper is the inline TLB fast path (QEMU softmmu style):
//   e   = ((va >>> 12) & (TLB_ENTRIES - 1)) * TLB_ENTRY_SIZE, as (va >>> 8) & 0xff0
//   hit = load<u32>(TLB_BASE + e + TLB_TAG_READ or TLB_TAG_WRITE) == ((va + size - 1) & ~0xfff)
//   hit:  access physical va + load<u32>(TLB_BASE + e + TLB_ADDEND) in env.memory
// (TLB_BASE and the field offsets are the loads' immediate offsets.)
//   miss: call the slow path mmu.ld8(va) .. mmu.st64(va, v), which also splits page-crossing accesses.
// Interface: addMmuImports(module) (slow path + size/grow/copy/fill), addWrappers(module)
// (after the guest's memory has been replaced by env.memory); for fastloop.ts: inlineAccess(module,
// access, locals, onMiss, log?) -> the fast path with `onMiss` in place of the slow call,
// wrapperAccess(name), fastStore(module, bytes, phys, value), valueType(bytes). Their loads and
// stores name the memory replaceMemory adds, so they may be built before it runs.
import binaryen from "binaryen";
import {
  PAGE_MASK, PAGE_SHIFT, PAGE_SIZE, TLB_ADDEND, TLB_BASE, TLB_ENTRIES, TLB_ENTRY_SIZE, TLB_TAG_READ, TLB_TAG_WRITE,
} from "../../kernel/abi/layout";
import { ACCESS_SIZES, MEMORY_NAME, MMU_MODULE, mmuImportName, slowPathBase, wrapperName, type AccessSize } from "./abi";
import { TranslateError } from "./types";
import { MAX_STEP, type Step } from "./strip";

type Ref = binaryen.ExpressionRef;
const { i32, i64, none } = binaryen;

const VA = 0, VALUE = 1;                         // wrapper params

/** What one access wrapper does: a load or a store of `bytes` bytes. */
export interface Access { store: boolean; bytes: AccessSize }
/** The locals an inlined access uses: the virtual address, its TLB entry offset, a store's value. */
export interface AccessLocals { va: number; e: number; value: number }
/** Where an inlined store keeps the physical address it writes and the bytes it overwrites. */
export interface StoreLog { phys: number; old: number }

const WRAPPERS = new Map<string, Access>(ACCESS_SIZES.flatMap((bytes) =>
  [false, true].map((store): [string, Access] => [wrapperName(store, bytes), { store, bytes }])));

/** The access a function name stands for, if it is one of the wrappers. */
export function wrapperAccess(name: string): Access | undefined {
  return WRAPPERS.get(name);
}

/** The memory-size/grow/copy/fill imports: name -> [params, result]. */
export const MEMORY_OPS: Record<string, [binaryen.Type[], binaryen.Type]> = {
  size: [[], i32],
  grow: [[i32], i32],
  copy: [[i32, i32, i32], none],
  fill: [[i32, i32, i32], none],
};

/** The wrapper's value type for an access of `bytes` bytes: i64 for 8, else i32. */
export function valueType(bytes: AccessSize): binaryen.Type {
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

/** The TLB entry's offset from TLB_BASE for the address in local va: ((va >>> 12) & (TLB_ENTRIES - 1))
 *  * 16, computed as (va >>> 8) & 0xff0; TLB_BASE goes into each load's immediate offset. */
function entryOf(m: binaryen.Module, va: number): Ref {
  const shift = PAGE_SHIFT - Math.log2(TLB_ENTRY_SIZE);
  return m.i32.and(m.i32.shr_u(m.local.get(va, i32), m.i32.const(shift)), m.i32.const((TLB_ENTRIES - 1) * TLB_ENTRY_SIZE));
}

/** tag(e) == page of the access's last byte. */
function hit(m: binaryen.Module, l: AccessLocals, { store, bytes }: Access): Ref {
  const tag = m.i32.load(TLB_BASE + (store ? TLB_TAG_WRITE : TLB_TAG_READ), 4, m.local.get(l.e, i32), MEMORY_NAME);
  const last = bytes === 1 ? m.local.get(l.va, i32) : m.i32.add(m.local.get(l.va, i32), m.i32.const(bytes - 1));
  return m.i32.eq(tag, m.i32.and(last, m.i32.const(PAGE_MASK)));
}

function physical(m: binaryen.Module, l: AccessLocals): Ref {
  return m.i32.add(m.local.get(l.va, i32), m.i32.load(TLB_BASE + TLB_ADDEND, 4, m.local.get(l.e, i32), MEMORY_NAME));
}

function fastLoad(m: binaryen.Module, bytes: AccessSize, p: Ref): Ref {
  switch (bytes) {
    case 1: return m.i32.load8_u(0, 1, p, MEMORY_NAME);
    case 2: return m.i32.load16_u(0, 2, p, MEMORY_NAME);
    case 4: return m.i32.load(0, 4, p, MEMORY_NAME);
    case 8: return m.i64.load(0, 8, p, MEMORY_NAME);
  }
}

/** A store of `bytes` bytes of v at physical address p. */
export function fastStore(m: binaryen.Module, bytes: AccessSize, p: Ref, v: Ref): Ref {
  switch (bytes) {
    case 1: return m.i32.store8(0, 1, p, v, MEMORY_NAME);
    case 2: return m.i32.store16(0, 2, p, v, MEMORY_NAME);
    case 4: return m.i32.store(0, 4, p, v, MEMORY_NAME);
    case 8: return m.i64.store(0, 8, p, v, MEMORY_NAME);
  }
}

/** `e = entry(va); if (hit) access physical memory else onMiss`, with the address (and a store's
 *  value) already in locals.va (locals.value). A store given a log first keeps its physical address
 *  and the bytes it overwrites there. */
export function inlineAccess(m: binaryen.Module, access: Access, l: AccessLocals, onMiss: Ref, log?: StoreLog): Ref {
  const { store, bytes } = access, t = valueType(bytes);
  const fast = !store ? fastLoad(m, bytes, physical(m, l))
    : !log ? fastStore(m, bytes, physical(m, l), m.local.get(l.value, t))
    : m.block(null, [
      m.local.set(log.phys, physical(m, l)),
      m.local.set(log.old, fastLoad(m, bytes, m.local.get(log.phys, i32))),
      fastStore(m, bytes, m.local.get(log.phys, i32), m.local.get(l.value, t)),
    ]);
  return m.block(null, [m.local.set(l.e, entryOf(m, l.va)), m.if(hit(m, l, access), fast, onMiss)], store ? none : t);
}

/** A strip copy's access (fastloop.ts): at physical address + add, with no check (the address,
 *  then a store's value, evaluated in the wrapper call's order). */
export function stripAccess(m: binaryen.Module, access: Access, address: Ref, value: Ref, add: number): Ref {
  const { store, bytes } = access;
  const phys = m.i32.add(address, m.local.get(add, i32));
  return store ? fastStore(m, bytes, phys, value) : fastLoad(m, bytes, phys);
}

/** A strip's set-up for one access whose address is in local `address` and moves `step` bytes
 *  per iteration (strip.ts; a step given as alpha times a local is computed into `scratch` and
 *  refused past MAX_STEP): its TLB entry into `entry` and its addend into `add`; `value` is how
 *  many iterations j its addresses address + j * step (and the access's last byte) stay in that
 *  page, or -1 when the entry does not hold the page for this kind of access (or it is page 0). */
export function stripRoom(m: binaryen.Module, access: Access, step: Step, l: { address: number; entry: number; add: number; scratch: number }): { setup: Ref[]; value: Ref } {
  const { store, bytes } = access;
  const offset = () => m.i32.and(m.local.get(l.address, i32), m.i32.const(~PAGE_MASK));
  const fits = () => m.i32.le_s(offset(), m.i32.const(PAGE_SIZE - bytes));      // the first access in the page
  const tag = m.i32.load(TLB_BASE + (store ? TLB_TAG_WRITE : TLB_TAG_READ), 4, m.local.get(l.entry, i32), MEMORY_NAME);
  // (never page 0: an address the rewrite guards against wrapping past 2^32 is then past its guard)
  const held = m.i32.and(m.i32.eq(tag, m.i32.and(m.local.get(l.address, i32), m.i32.const(PAGE_MASK))),
    m.i32.ge_u(m.local.get(l.address, i32), m.i32.const(PAGE_SIZE)));
  const setup = [m.local.set(l.entry, entryOf(m, l.address)),
    m.local.set(l.add, m.i32.load(TLB_BASE + TLB_ADDEND, 4, m.local.get(l.entry, i32), MEMORY_NAME))];
  return { setup: typeof step === "number" ? setup : [...setup, m.local.set(l.scratch, m.i32.mul(m.local.get(step.local, i32), m.i32.const(step.alpha)))],
    value: m.select(held, typeof step === "number" ? constantRoom(m, step, bytes, offset, fits) : localRoom(m, l.scratch, bytes, offset, fits), m.i32.const(-1)) };
}

/** Iterations a step known at translation stays in the page (per: a shift for powers of two). */
function constantRoom(m: binaryen.Module, step: number, bytes: number, offset: () => Ref, fits: () => Ref): Ref {
  const per = (numerator: Ref, by: number) => (by & (by - 1)) === 0
    ? m.i32.shr_s(numerator, m.i32.const(Math.log2(by))) : m.i32.div_s(numerator, m.i32.const(by));
  if (step > 0) return per(m.i32.sub(m.i32.const(PAGE_SIZE - bytes), offset()), step);
  if (step < 0) return m.select(fits(), per(offset(), -step), m.i32.const(-1));
  return m.select(fits(), m.i32.const(0x7fffffff), m.i32.const(-1));
}

/** The same for a step in local d: -1 past MAX_STEP either way (no division by zero or by a
 *  huge step), else as constantRoom with a division. */
function localRoom(m: binaryen.Module, d: number, bytes: number, offset: () => Ref, fits: () => Ref): Ref {
  const get = () => m.local.get(d, i32);
  const far = m.i32.gt_u(m.i32.add(get(), m.i32.const(MAX_STEP)), m.i32.const(2 * MAX_STEP));
  const up = m.i32.div_s(m.i32.sub(m.i32.const(PAGE_SIZE - bytes), offset()), get());
  const down = m.select(fits(), m.i32.div_s(offset(), m.i32.sub(m.i32.const(0), get())), m.i32.const(-1));
  const still = m.select(fits(), m.i32.const(0x7fffffff), m.i32.const(-1));
  return m.if(far, m.i32.const(-1), m.if(m.i32.gt_s(get(), m.i32.const(0)), up, m.if(m.i32.lt_s(get(), m.i32.const(0)), down, still)));
}

function addLoadWrapper(m: binaryen.Module, bytes: AccessSize): void {
  const t = valueType(bytes);
  const slow = m.call(mmuImportName(slowPathBase(false, bytes)), [m.local.get(VA, i32)], t);
  const body = inlineAccess(m, { store: false, bytes }, { va: VA, e: 1, value: -1 }, slow);
  claim(m, wrapperName(false, bytes));
  m.addFunction(wrapperName(false, bytes), i32, t, [i32], body);
}

function addStoreWrapper(m: binaryen.Module, bytes: AccessSize): void {
  const t = valueType(bytes);
  const slow = m.call(mmuImportName(slowPathBase(true, bytes)), [m.local.get(VA, i32), m.local.get(VALUE, t)], none);
  const body = inlineAccess(m, { store: true, bytes }, { va: VA, e: 2, value: VALUE }, slow);
  claim(m, wrapperName(true, bytes));
  m.addFunction(wrapperName(true, bytes), binaryen.createType([i32, t]), none, [i32], body);
}

export function addWrappers(module: binaryen.Module): void {
  for (const bytes of ACCESS_SIZES) {
    addLoadWrapper(module, bytes);
    addStoreWrapper(module, bytes);
  }
}
