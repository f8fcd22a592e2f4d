// .probe.mts
import asc from "assemblyscript/asc";

// host/translate/translate.ts
import binaryen9 from "binaryen";

// host/translate/budget.ts
import binaryen from "binaryen";

// host/translate/abi.ts
var MMU_MODULE = "mmu";
var KERNEL_MODULE = "kernel";
var MEMORY_IMPORT = { module: "env", base: "memory" };
var MEMORY_EXPORT = "memory";
var MEMORY_NAME = "__phys";
var BUDGET_GLOBAL = "__budget";
var PREEMPT_BASE = "preempt";
var PREEMPT_NAME = "__kernel_preempt";
var ENTRY_EXPORT = "_start";
var ENTRY_NAME = "__wasmos_start";
var ASYNCIFY_IMPORTS = "kernel.syscall,kernel.preempt";
var ACCESS_SIZES = [1, 2, 4, 8];
function wrapperName(store, bytes) {
  return `__${store ? "st" : "ld"}${bytes * 8}`;
}
function slowPathBase(store, bytes) {
  return `${store ? "st" : "ld"}${bytes * 8}`;
}
function mmuImportName(base) {
  return `__mmu_${base}`;
}

// host/translate/types.ts
var TranslateError = class extends Error {
  name = "TranslateError";
};

// host/translate/budget.ts
function findPreempt(module) {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (f.module === KERNEL_MODULE && f.base === PREEMPT_BASE) return f;
  }
  return null;
}
function preemptImport(module) {
  const existing = findPreempt(module);
  if (!existing) {
    module.addFunctionImport(PREEMPT_NAME, KERNEL_MODULE, PREEMPT_BASE, binaryen.none, binaryen.none);
    return PREEMPT_NAME;
  }
  if (existing.params !== binaryen.none || existing.results !== binaryen.none) {
    throw new TranslateError(`import kernel.preempt must have type () -> ()`);
  }
  return existing.name;
}
function addBudget(module) {
  if (module.getGlobal(BUDGET_GLOBAL) || module.getExport(BUDGET_GLOBAL)) {
    throw new TranslateError(`the module already defines ${BUDGET_GLOBAL}`);
  }
  module.addGlobal(BUDGET_GLOBAL, binaryen.i32, true, module.i32.const(0));
  module.addGlobalExport(BUDGET_GLOBAL, BUDGET_GLOBAL);
  return preemptImport(module);
}
function tick(module, preempt) {
  const budget = () => module.global.get(BUDGET_GLOBAL, binaryen.i32);
  return [
    module.global.set(BUDGET_GLOBAL, module.i32.sub(budget(), module.i32.const(1))),
    module.if(module.i32.lt_s(budget(), module.i32.const(0)), module.call(preempt, [], binaryen.none))
  ];
}

// host/translate/entry.ts
import binaryen2 from "binaryen";
function findEntry(module) {
  const exp = module.getExport(ENTRY_EXPORT);
  const info = exp ? binaryen2.getExportInfo(exp) : null;
  if (!info || info.kind !== binaryen2.ExternalFunction) {
    throw new TranslateError("module does not export _start");
  }
  return info.value;
}
function foldStart(module, entry) {
  const start = module.getStart();
  if (!start) return false;
  const f = binaryen2.getFunctionInfo(module.getFunction(entry));
  if (f.params !== binaryen2.none) throw new TranslateError("_start must take no parameters");
  if (module.getFunction(ENTRY_NAME)) throw new TranslateError(`the module already defines ${ENTRY_NAME}`);
  const body = module.block(null, [
    module.call(binaryen2.getFunctionInfo(start).name, [], binaryen2.none),
    module.call(entry, [], f.results)
  ], f.results);
  module.addFunction(ENTRY_NAME, binaryen2.none, f.results, [], body);
  module.setStart(0);
  module.removeExport(ENTRY_EXPORT);
  module.addFunctionExport(ENTRY_NAME, ENTRY_EXPORT);
  return true;
}

// host/translate/features.ts
import binaryen4 from "binaryen";

// host/translate/children.ts
import binaryen3 from "binaryen";
var SLOTS = {
  Nop: [],
  Unreachable: [],
  Const: [],
  LocalGet: [],
  GlobalGet: [],
  Pop: [],
  RefNull: [],
  RefFunc: [],
  Rethrow: [],
  TableSize: [],
  MemorySize: [],
  Block: ["Child[]"],
  If: ["Condition", "IfTrue", "IfFalse"],
  Loop: ["Body"],
  Break: ["Condition", "Value"],
  Switch: ["Condition", "Value"],
  Call: ["Operand[]"],
  // also return_call
  CallIndirect: ["Target", "Operand[]"],
  // also return_call_indirect
  LocalSet: ["Value"],
  GlobalSet: ["Value"],
  Load: ["Ptr"],
  Store: ["Ptr", "Value"],
  Unary: ["Value"],
  Binary: ["Left", "Right"],
  Select: ["IfTrue", "IfFalse", "Condition"],
  Drop: ["Value"],
  Return: ["Value"],
  MemoryGrow: ["Delta"],
  MemoryCopy: ["Dest", "Source", "Size"],
  MemoryFill: ["Dest", "Value", "Size"],
  MemoryInit: ["Dest", "Offset", "Size"],
  DataDrop: [],
  RefIsNull: ["Value"],
  RefAs: ["Value"],
  RefEq: ["Left", "Right"],
  TableGet: ["Index"],
  TableSet: ["Index", "Value"],
  TableGrow: ["Value", "Delta"],
  Try: ["Body", "CatchBody[]"],
  Throw: ["Operand[]"],
  TupleMake: ["Operand[]"],
  TupleExtract: ["Tuple"]
};
var KIND_NAMES = /* @__PURE__ */ new Map();
for (const key of Object.keys(binaryen3)) {
  const id = binaryen3[key];
  if (key.endsWith("Id") && typeof id === "number") KIND_NAMES.set(id, key.slice(0, -2));
}
function kindName(expr) {
  const id = binaryen3.getExpressionId(expr);
  return KIND_NAMES.get(id) ?? `#${id}`;
}
function hasSlots(kind) {
  return kind in SLOTS;
}
function accessor(kind, method) {
  const ns = binaryen3[kind];
  const fn = ns?.[method];
  if (!fn) throw new Error(`binaryen has no ${kind}.${method}`);
  return fn;
}
function plural(name) {
  if (name === "Child") return "Children";
  return name.endsWith("y") ? `${name.slice(0, -1)}ies` : `${name}s`;
}
function single(expr, kind, name) {
  const get = accessor(kind, `get${name}`), set = accessor(kind, `set${name}`);
  return [{ get: () => get(expr), set: (c) => set(expr, c) }];
}
function list(expr, kind, name) {
  const count = accessor(kind, `getNum${plural(name)}`)(expr);
  const get = accessor(kind, `get${name}At`), set = accessor(kind, `set${name}At`);
  return Array.from({ length: count }, (_, i) => ({ get: () => get(expr, i), set: (c) => set(expr, i, c) }));
}
function slotsOf(expr) {
  const kind = kindName(expr);
  const names = SLOTS[kind];
  if (!names) throw new Error(`slotsOf: unsupported expression kind ${kind}`);
  return names.flatMap((n) => n.endsWith("[]") ? list(expr, kind, n.slice(0, -2)) : single(expr, kind, n));
}

// host/translate/features.ts
var F = binaryen4.Features;
var OUTPUT_FEATURES = F.MutableGlobals | F.NontrappingFPToInt | F.SignExt | F.BulkMemory | F.ReferenceTypes | F.Multivalue | F.ExceptionHandling | F.TailCall;
var SIMD_KINDS = /* @__PURE__ */ new Set([
  "SIMDExtract",
  "SIMDReplace",
  "SIMDShuffle",
  "SIMDTernary",
  "SIMDShift",
  "SIMDLoad",
  "SIMDLoadStoreLane"
]);
var ATOMIC_KINDS = /* @__PURE__ */ new Set(["AtomicRMW", "AtomicCmpxchg", "AtomicWait", "AtomicNotify", "AtomicFence", "Pause"]);
var PASSIVE_KINDS = { MemoryInit: "memory.init", DataDrop: "data.drop" };
function checkMemories(memories) {
  if (memories.length > 1) {
    throw new TranslateError(`multi-memory is not supported: the module declares ${memories.length} memories`);
  }
  const m = memories[0];
  if (!m) return;
  if (m.shared) throw new TranslateError("atomics / shared memory (threads) are not supported: the memory is shared");
  if (m.is64) throw new TranslateError("memory64 is not supported: the memory is 64-bit");
  if (m.customPageSize) throw new TranslateError("custom-page-sizes is not supported");
}
function checkSegments(segments) {
  segments.forEach((s, i) => {
    if (s.passive) throw new TranslateError(`passive data segments are not supported (segment ${i})`);
  });
}
function hasV128(type) {
  return binaryen4.expandType(type).includes(binaryen4.v128);
}
function checkTypes(module) {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const f = binaryen4.getFunctionInfo(module.getFunctionByIndex(i));
    if (hasV128(f.params) || hasV128(f.results) || f.vars.some(hasV128)) {
      throw new TranslateError(`SIMD (v128) is not supported: in the signature or locals of function ${f.name}`);
    }
  }
  for (let i = 0; i < module.getNumGlobals(); i++) {
    const g = binaryen4.getGlobalInfo(module.getGlobalByIndex(i));
    if (hasV128(g.type)) throw new TranslateError(`SIMD (v128) is not supported: global ${g.name}`);
  }
}
function isAtomicAccess(expr, kind) {
  if (kind !== "Load" && kind !== "Store") return false;
  return binaryen4.getExpressionInfo(expr).isAtomic;
}
function checkExpression(expr, fn) {
  const kind = kindName(expr);
  if (SIMD_KINDS.has(kind) || binaryen4.getExpressionType(expr) === binaryen4.v128) {
    throw new TranslateError(`SIMD (v128) is not supported: ${kind} in function ${fn}`);
  }
  if (ATOMIC_KINDS.has(kind) || isAtomicAccess(expr, kind)) {
    throw new TranslateError(`atomics (threads) are not supported: atomic ${kind} in function ${fn}`);
  }
  if (kind in PASSIVE_KINDS) {
    throw new TranslateError(`passive data segments are not supported: ${PASSIVE_KINDS[kind]} in function ${fn}`);
  }
  if (!hasSlots(kind)) throw new TranslateError(`unsupported instruction kind ${kind} in function ${fn}`);
}

// host/translate/memory.ts
import binaryen5 from "binaryen";
var NO_MAX = -1;
function guestLimits(decl) {
  if (!decl) return { initialPages: 0, maxPages: 0 };
  return { initialPages: decl.initial, maxPages: decl.max };
}
function guestSegments(decls) {
  return decls.map((d) => ({ offset: d.offset ?? 0, data: d.data }));
}
function removeMemoryExports(module) {
  const names = [];
  for (let i = 0; i < module.getNumExports(); i++) {
    const info = binaryen5.getExportInfo(module.getExportByIndex(i));
    if (info.kind === binaryen5.ExternalMemory) names.push(info.name);
  }
  names.forEach((name) => module.removeExport(name));
}
function replaceMemory(module) {
  removeMemoryExports(module);
  module.setMemory(0, NO_MAX, MEMORY_EXPORT, [], false, false, MEMORY_NAME);
  module.addMemoryImport(MEMORY_NAME, MEMORY_IMPORT.module, MEMORY_IMPORT.base);
}

// host/translate/optimize.ts
import binaryen6 from "binaryen";
var OPTIMIZE_LEVEL = 3;
var SHRINK_LEVEL = 0;
var FLEXIBLE_INLINE_MAX = 100;
var ALWAYS_INLINE_MAX = 40;
var ONE_CALLER_INLINE_MAX = 100;
function withOptions(body) {
  const saved = [
    binaryen6.getOptimizeLevel(),
    binaryen6.getShrinkLevel(),
    binaryen6.getFlexibleInlineMaxSize(),
    binaryen6.getAlwaysInlineMaxSize(),
    binaryen6.getOneCallerInlineMaxSize()
  ];
  const savedImports = binaryen6.getPassArgument("asyncify-imports");
  binaryen6.setOptimizeLevel(OPTIMIZE_LEVEL);
  binaryen6.setShrinkLevel(SHRINK_LEVEL);
  binaryen6.setFlexibleInlineMaxSize(FLEXIBLE_INLINE_MAX);
  binaryen6.setAlwaysInlineMaxSize(ALWAYS_INLINE_MAX);
  binaryen6.setOneCallerInlineMaxSize(ONE_CALLER_INLINE_MAX);
  binaryen6.setPassArgument("asyncify-imports", ASYNCIFY_IMPORTS);
  try {
    return body();
  } finally {
    binaryen6.setOptimizeLevel(saved[0]);
    binaryen6.setShrinkLevel(saved[1]);
    binaryen6.setFlexibleInlineMaxSize(saved[2]);
    binaryen6.setAlwaysInlineMaxSize(saved[3]);
    binaryen6.setOneCallerInlineMaxSize(saved[4]);
    binaryen6.setPassArgument("asyncify-imports", savedImports);
  }
}
function optimize(module) {
  withOptions(() => {
    module.optimize();
    module.runPasses(["asyncify"]);
    module.optimize();
  });
}

// host/translate/rewrite.ts
import binaryen8 from "binaryen";

// host/translate/walk.ts
function walk(root, enter, leave) {
  const open = (expr) => {
    enter(expr);
    return { expr, slots: slotsOf(expr), next: 0 };
  };
  const stack = [open(root)];
  for (; ; ) {
    const top = stack[stack.length - 1];
    if (top.next < top.slots.length) {
      const child = top.slots[top.next].get();
      if (child) stack.push(open(child));
      else top.next++;
      continue;
    }
    const out = leave(top.expr);
    stack.pop();
    const parent = stack[stack.length - 1];
    if (!parent) return out;
    if (out !== top.expr) parent.slots[parent.next].set(out);
    parent.next++;
  }
}

// host/translate/wrappers.ts
import binaryen7 from "binaryen";

// kernel/abi/layout.ts
var PAGE_SHIFT = 12;
var PAGE_SIZE = 4096;
var WASM_PAGE = 65536;
var TLB_BASE = 1048576;
var TLB_ENTRIES = 256;
var TLB_ENTRY_SIZE = 16;
var TLB_TAG_READ = 0;
var TLB_TAG_WRITE = 4;
var TLB_ADDEND = 8;
var TLB_INVALID = 1;

// host/translate/wrappers.ts
var { i32, i64, none } = binaryen7;
var VA = 0;
var VALUE = 1;
var PAGE_MASK = ~(PAGE_SIZE - 1);
var MEMORY_OPS = {
  size: [[], i32],
  grow: [[i32], i32],
  copy: [[i32, i32, i32], none],
  fill: [[i32, i32, i32], none]
};
function valueType(bytes) {
  return bytes === 8 ? i64 : i32;
}
function claim(module, name) {
  if (module.getFunction(name)) throw new TranslateError(`the module already defines a function named ${name}`);
}
function addImport(module, base, params, result) {
  claim(module, mmuImportName(base));
  module.addFunctionImport(mmuImportName(base), MMU_MODULE, base, binaryen7.createType(params), result);
}
function addMmuImports(module) {
  for (const bytes of ACCESS_SIZES) {
    addImport(module, slowPathBase(false, bytes), [i32], valueType(bytes));
    addImport(module, slowPathBase(true, bytes), [i32, valueType(bytes)], none);
  }
  for (const [base, [params, result]] of Object.entries(MEMORY_OPS)) addImport(module, base, params, result);
}
function entryOf(m) {
  const page = m.i32.shr_u(m.local.get(VA, i32), m.i32.const(PAGE_SHIFT));
  const index = m.i32.and(page, m.i32.const(TLB_ENTRIES - 1));
  return m.i32.add(m.i32.const(TLB_BASE), m.i32.mul(index, m.i32.const(TLB_ENTRY_SIZE)));
}
function hit(m, e, store, bytes) {
  const tag = m.i32.load(store ? TLB_TAG_WRITE : TLB_TAG_READ, 4, m.local.get(e, i32));
  const last = bytes === 1 ? m.local.get(VA, i32) : m.i32.add(m.local.get(VA, i32), m.i32.const(bytes - 1));
  return m.i32.eq(tag, m.i32.and(last, m.i32.const(PAGE_MASK)));
}
function physical(m, e) {
  return m.i32.add(m.local.get(VA, i32), m.i32.load(TLB_ADDEND, 4, m.local.get(e, i32)));
}
function fastLoad(m, bytes, p) {
  switch (bytes) {
    case 1:
      return m.i32.load8_u(0, 1, p);
    case 2:
      return m.i32.load16_u(0, 2, p);
    case 4:
      return m.i32.load(0, 4, p);
    case 8:
      return m.i64.load(0, 8, p);
  }
}
function fastStore(m, bytes, p, v) {
  switch (bytes) {
    case 1:
      return m.i32.store8(0, 1, p, v);
    case 2:
      return m.i32.store16(0, 2, p, v);
    case 4:
      return m.i32.store(0, 4, p, v);
    case 8:
      return m.i64.store(0, 8, p, v);
  }
}
function addLoadWrapper(m, bytes) {
  const e = 1, t = valueType(bytes);
  const slow = m.call(mmuImportName(slowPathBase(false, bytes)), [m.local.get(VA, i32)], t);
  const body = m.block(null, [
    m.local.set(e, entryOf(m)),
    m.if(hit(m, e, false, bytes), fastLoad(m, bytes, physical(m, e)), slow)
  ], t);
  claim(m, wrapperName(false, bytes));
  m.addFunction(wrapperName(false, bytes), i32, t, [i32], body);
}
function addStoreWrapper(m, bytes) {
  const e = 2, t = valueType(bytes);
  const value = () => m.local.get(VALUE, t);
  const slow = m.call(mmuImportName(slowPathBase(true, bytes)), [m.local.get(VA, i32), value()], none);
  const body = m.block(null, [
    m.local.set(e, entryOf(m)),
    m.if(hit(m, e, true, bytes), fastStore(m, bytes, physical(m, e), value()), slow)
  ]);
  claim(m, wrapperName(true, bytes));
  m.addFunction(wrapperName(true, bytes), binaryen7.createType([i32, t]), none, [i32], body);
}
function addWrappers(module) {
  for (const bytes of ACCESS_SIZES) {
    addLoadWrapper(module, bytes);
    addStoreWrapper(module, bytes);
  }
}

// host/translate/rewrite.ts
var { i32: i322, i64: i642, f32, f64, none: none2, unreachable } = binaryen8;
function address(m, ptr, offset) {
  return offset ? m.i32.add(ptr, m.i32.const(offset | 0)) : ptr;
}
function dropAll(m, children) {
  return m.block(null, [...children.map((c) => m.drop(c)), m.unreachable()], binaryen8.auto);
}
function widen(m, raw, type, bytes, signed) {
  if (type === f32) return m.f32.reinterpret(raw);
  if (type === f64) return m.f64.reinterpret(raw);
  let v = raw;
  if (signed && bytes === 1) v = m.i32.extend8_s(v);
  if (signed && bytes === 2) v = m.i32.extend16_s(v);
  if (type === i642 && bytes < 8) v = signed ? m.i64.extend_s(v) : m.i64.extend_u(v);
  return v;
}
function narrow(m, value, type, bytes) {
  if (type === f32) return m.i32.reinterpret(value);
  if (type === f64) return m.i64.reinterpret(value);
  return type === i642 && bytes < 8 ? m.i32.wrap(value) : value;
}
function rewriteLoad(m, e) {
  const info = binaryen8.getExpressionInfo(e);
  if (info.type === unreachable) return dropAll(m, [info.ptr]);
  const bytes = info.bytes;
  const raw = m.call(wrapperName(false, bytes), [address(m, info.ptr, info.offset)], bytes === 8 ? i642 : i322);
  return widen(m, raw, info.type, bytes, info.isSigned);
}
function rewriteStore(m, e) {
  const info = binaryen8.getExpressionInfo(e);
  if (info.type === unreachable) return dropAll(m, [info.ptr, info.value]);
  const bytes = info.bytes;
  const type = accessor("Store", "getValueType")(e);
  const operands = [address(m, info.ptr, info.offset), narrow(m, info.value, type, bytes)];
  return m.call(wrapperName(true, bytes), operands, none2);
}
function rewriteMemoryOp(m, e, op, getters) {
  const kind = kindName(e);
  const operands = getters.map((g) => accessor(kind, `get${g}`)(e));
  if (binaryen8.getExpressionType(e) === unreachable) return dropAll(m, operands);
  return m.call(mmuImportName(op), operands, MEMORY_OPS[op][1]);
}
function instrumentLoop(m, e, preempt) {
  const body = accessor("Loop", "getBody")(e);
  accessor("Loop", "setBody")(e, m.block(null, [...tick(m, preempt), body], binaryen8.auto));
  return e;
}
function rewriteExpression(m, e, preempt) {
  switch (kindName(e)) {
    case "Load":
      return rewriteLoad(m, e);
    case "Store":
      return rewriteStore(m, e);
    case "MemorySize":
      return rewriteMemoryOp(m, e, "size", []);
    case "MemoryGrow":
      return rewriteMemoryOp(m, e, "grow", ["Delta"]);
    case "MemoryCopy":
      return rewriteMemoryOp(m, e, "copy", ["Dest", "Source", "Size"]);
    case "MemoryFill":
      return rewriteMemoryOp(m, e, "fill", ["Dest", "Value", "Size"]);
    case "Loop":
      return instrumentLoop(m, e, preempt);
    default:
      return e;
  }
}
function rewriteFunctions(module, preempt) {
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const ref = module.getFunctionByIndex(i);
    const { name, body } = binaryen8.getFunctionInfo(ref);
    if (!body) continue;
    const out = walk(body, (e) => checkExpression(e, name), (e) => rewriteExpression(module, e, preempt));
    if (out !== body) accessor("Function", "setBody")(ref, out);
  }
}

// host/translate/sections.ts
var SEC_IMPORT = 2;
var SEC_MEMORY = 5;
var SEC_DATA = 11;
var KIND_FUNC = 0;
var KIND_TABLE = 1;
var KIND_MEMORY = 2;
var KIND_GLOBAL = 3;
var KIND_TAG = 4;
var REF_NULL = 99;
var REF = 100;
var OP_I32_CONST = 65;
var OP_END = 11;
var Reader = class {
  constructor(bytes, pos, end) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }
  bytes;
  pos;
  end;
  byte() {
    if (this.pos >= this.end) throw new TranslateError("malformed module: truncated section");
    return this.bytes[this.pos++];
  }
  /** Unsigned LEB128 (up to 64 bits; exact below 2^53). */
  uleb() {
    let result = 0, scale = 1, b;
    do {
      b = this.byte();
      result += (b & 127) * scale;
      scale *= 128;
    } while (b & 128);
    return result;
  }
  /** Signed LEB128 of at most 32 bits. */
  sleb32() {
    let result = 0, shift = 0, b;
    do {
      b = this.byte();
      result |= (b & 127) << shift;
      shift += 7;
    } while (b & 128 && shift < 35);
    return shift < 32 && b & 64 ? result | -1 << shift : result | 0;
  }
  take(n) {
    if (this.pos + n > this.end) throw new TranslateError("malformed module: truncated section");
    this.pos += n;
    return this.bytes.slice(this.pos - n, this.pos);
  }
  skipName() {
    this.take(this.uleb());
  }
  skipValType() {
    const b = this.byte();
    if (b === REF_NULL || b === REF) this.sleb32();
  }
  limits() {
    const flags = this.byte();
    const initial = this.uleb();
    const max = flags & 1 ? this.uleb() : null;
    if (flags & 8) this.uleb();
    return { initial, max, shared: !!(flags & 2), is64: !!(flags & 4), customPageSize: !!(flags & 8), imported: false };
  }
};
function forEachSection(bytes, visit) {
  const top = new Reader(bytes, 8, bytes.length);
  while (top.pos < top.end) {
    const id = top.byte();
    const size = top.uleb();
    visit(id, new Reader(bytes, top.pos, Math.min(top.pos + size, top.end)));
    top.pos += size;
  }
}
function importedMemory(r) {
  r.skipName();
  r.skipName();
  const kind = r.byte();
  switch (kind) {
    case KIND_FUNC:
      r.uleb();
      return null;
    case KIND_TABLE:
      r.skipValType();
      r.limits();
      return null;
    case KIND_MEMORY:
      return { ...r.limits(), imported: true };
    case KIND_GLOBAL:
      r.skipValType();
      r.byte();
      return null;
    case KIND_TAG:
      r.byte();
      r.uleb();
      return null;
    default:
      throw new TranslateError(`unsupported import encoding (kind 0x${kind.toString(16)})`);
  }
}
function readMemories(bytes) {
  const memories = [];
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
function constOffset(r, index) {
  const op = r.byte();
  const value = op === OP_I32_CONST ? r.sleb32() : 0;
  if (op !== OP_I32_CONST || r.byte() !== OP_END) {
    throw new TranslateError(`data segment ${index}: offset is not a constant i32.const (not supported)`);
  }
  return value >>> 0;
}
function dataSegment(r, index) {
  const flags = r.uleb();
  if (flags === 1) return { passive: true, memory: 0, offset: null, data: r.take(r.uleb()) };
  const memory = flags === 2 ? r.uleb() : 0;
  if (flags > 2) throw new TranslateError(`data segment ${index}: unknown flags ${flags}`);
  const offset = constOffset(r, index);
  return { passive: false, memory, offset, data: r.take(r.uleb()) };
}
function readDataSegments(bytes) {
  const segments = [];
  forEachSection(bytes, (id, r) => {
    if (id !== SEC_DATA) return;
    for (let i = 0, n = r.uleb(); i < n; i++) segments.push(dataSegment(r, i));
  });
  return segments;
}

// host/translate/translate.ts
var WASM_MAGIC = [0, 97, 115, 109];
function parse(bytes) {
  if (bytes.length < 8 || WASM_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new TranslateError("not a WebAssembly module");
  }
  try {
    return binaryen9.readBinary(bytes);
  } catch (err) {
    throw new TranslateError(`malformed module: ${err.message}`);
  }
}
function validate(module, stage) {
  if (!module.validate()) throw new TranslateError(`the module does not validate ${stage}`);
}
function rewriteModule(module) {
  module.setFeatures(OUTPUT_FEATURES);
  checkTypes(module);
  const entry = findEntry(module);
  const preempt = addBudget(module);
  addMmuImports(module);
  rewriteFunctions(module, preempt);
  replaceMemory(module);
  addWrappers(module);
  return foldStart(module, entry);
}
async function translate(bytes) {
  const memories = readMemories(bytes);
  checkMemories(memories);
  const dataDecls = readDataSegments(bytes);
  checkSegments(dataDecls);
  const module = parse(bytes);
  try {
    const hasStart = rewriteModule(module);
    validate(module, "after rewriting (the input may use an unsupported feature)");
    optimize(module);
    validate(module, "after optimization and asyncify");
    return { wasm: module.emitBinary(), segments: guestSegments(dataDecls), ...guestLimits(memories[0]), hasStart };
  } finally {
    module.dispose();
  }
}

// host/translate/mockmmu.ts
var RAM_PAGES = 256;
var FIRST_FRAME = 512;
var NFRAMES = RAM_PAGES * WASM_PAGE / PAGE_SIZE - FIRST_FRAME;
var SCRAMBLE = 7919;
var MAX_PAGES = Math.floor(NFRAMES * PAGE_SIZE / WASM_PAGE);
var MockMmu = class {
  constructor(translated) {
    this.translated = translated;
    this.pages = translated.initialPages;
    this.maxPages = Math.min(translated.maxPages ?? MAX_PAGES, MAX_PAGES);
    for (let i = 0; i < TLB_ENTRIES; i++) this.setEntry(i, TLB_INVALID, TLB_INVALID, 0);
    for (const s of translated.segments) this.write(s.offset, s.data);
  }
  translated;
  memory = new WebAssembly.Memory({ initial: RAM_PAGES });
  pages;
  // guest-virtual size in 64 KiB pages
  maxPages;
  slowLoads = 0;
  slowStores = 0;
  calls = {};
  get view() {
    return new DataView(this.memory.buffer);
  }
  /** Physical address of a guest-virtual one; throws outside the guest's memory. */
  physical(va) {
    va >>>= 0;
    if (va >= this.pages * WASM_PAGE) throw new RangeError(`mock mmu: segfault at 0x${va.toString(16)}`);
    const frame = (va >>> PAGE_SHIFT) * SCRAMBLE % NFRAMES + FIRST_FRAME;
    return frame * PAGE_SIZE + (va & PAGE_SIZE - 1);
  }
  setEntry(index, tagRead, tagWrite, addend) {
    const e = TLB_BASE + index * TLB_ENTRY_SIZE;
    this.view.setUint32(e + TLB_TAG_READ, tagRead, true);
    this.view.setUint32(e + TLB_TAG_WRITE, tagWrite, true);
    this.view.setUint32(e + TLB_ADDEND, addend, true);
  }
  /** Fills the TLB entry of va's page (a read keeps a write tag only for the same page). */
  fill(va, write) {
    const page = (va & ~(PAGE_SIZE - 1)) >>> 0;
    const index = va >>> PAGE_SHIFT & TLB_ENTRIES - 1;
    const oldWrite = this.view.getUint32(TLB_BASE + index * TLB_ENTRY_SIZE + TLB_TAG_WRITE, true);
    const tagWrite = write || oldWrite === page ? page : TLB_INVALID;
    this.setEntry(index, page, tagWrite, this.physical(page) - page >>> 0);
  }
  read(va, n) {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.view.getUint8(this.physical(va + i));
    return out;
  }
  write(va, bytes) {
    for (let i = 0; i < bytes.length; i++) this.view.setUint8(this.physical(va + i), bytes[i]);
  }
  /** Slow-path load of n bytes, zero-extended, little-endian. */
  load(va, n) {
    this.slowLoads++;
    va >>>= 0;
    const bytes = this.read(va, n);
    if ((va ^ va + n - 1) >>> PAGE_SHIFT === 0) this.fill(va, false);
    return bytes.reduceRight((acc, b) => acc << 8n | BigInt(b), 0n);
  }
  /** Slow-path store: both pages are checked before any byte is written. */
  store(va, n, value) {
    this.slowStores++;
    va >>>= 0;
    this.physical(va);
    this.physical(va + n - 1);
    const bytes = new Uint8Array(n).map((_, i) => Number(value >> BigInt(8 * i) & 0xffn));
    this.write(va, bytes);
    if ((va ^ va + n - 1) >>> PAGE_SHIFT === 0) this.fill(va, true);
  }
  count(op, fn) {
    return (...args) => {
      this.calls[op] = (this.calls[op] ?? 0) + 1;
      return fn(...args);
    };
  }
  grow(delta) {
    const old = this.pages;
    if (delta < 0 || old + delta > this.maxPages) return -1;
    this.pages += delta;
    return old;
  }
  mmuImports() {
    return {
      ld8: this.count("ld8", (va) => Number(this.load(va, 1))),
      ld16: this.count("ld16", (va) => Number(this.load(va, 2))),
      ld32: this.count("ld32", (va) => Number(this.load(va, 4)) | 0),
      ld64: this.count("ld64", (va) => BigInt.asIntN(64, this.load(va, 8))),
      st8: this.count("st8", (va, v) => this.store(va, 1, BigInt(v))),
      st16: this.count("st16", (va, v) => this.store(va, 2, BigInt(v))),
      st32: this.count("st32", (va, v) => this.store(va, 4, BigInt(v))),
      st64: this.count("st64", (va, v) => this.store(va, 8, v)),
      size: this.count("size", () => this.pages),
      grow: this.count("grow", (d) => this.grow(d)),
      copy: this.count("copy", (d, s, n) => this.write(d >>> 0, this.read(s >>> 0, n >>> 0))),
      fill: this.count("fill", (d, v, n) => this.write(d >>> 0, new Uint8Array(n >>> 0).fill(v)))
    };
  }
  /** An AssemblyScript string at guest-virtual va: UTF-16LE, its byte length at va - 4. */
  asString(va) {
    if (!va) return "";
    const length = new DataView(this.read(va - 4, 4).buffer).getUint32(0, true);
    return new TextDecoder("utf-16le").decode(this.read(va, length));
  }
  abort(msg, file, line, col) {
    throw new Error(`guest abort: ${this.asString(msg)} at ${this.asString(file)}:${line}:${col}`);
  }
  /** The imports of a translated guest; `extra` adds or overrides whole modules' entries. */
  imports(extra = {}) {
    const base = {
      env: { memory: this.memory, abort: (msg, file, line, col) => this.abort(msg, file, line, col) },
      mmu: this.mmuImports(),
      kernel: { syscall: () => 0n, preempt: () => {
      } }
    };
    for (const [mod, entries] of Object.entries(extra)) base[mod] = { ...base[mod], ...entries };
    return base;
  }
  instantiate(extra = {}) {
    return new WebAssembly.Instance(new WebAssembly.Module(this.translated.wasm), this.imports(extra));
  }
};

// .probe.mts
var SRC = `export function sieve(n: i32): i32 {
    const composite = new Uint8Array(n + 1);
    let count = 0;
    for (let i = 2; i <= n; i++) { if (composite[i]) continue; count++; for (let j = i * i; j <= n; j += i) composite[j] = 1; }
    return count;
  }`;
for (const runtime of ["stub", "incremental"]) for (const bulk of [true, false]) {
  const r = await asc.compileString(SRC, { optimizeLevel: 3, runtime, importMemory: true, exportStart: "_start", ...bulk ? {} : { disable: ["bulk-memory"] } });
  const t = await translate(r.binary);
  const mmu = new MockMmu(t);
  const g = mmu.instantiate().exports;
  g._start();
  const out = [];
  for (const n of [10, 1e3, 3e5]) {
    try {
      out.push(g.sieve(n));
    } catch (e) {
      out.push(e.message);
    }
  }
  console.log(runtime, bulk, out, mmu.calls);
}
