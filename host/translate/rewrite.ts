// Rewrites every function body of the guest: each load/store becomes a call to an access wrapper
// (__ld8 .. __st64) with the effective address ptr + offset (one past 2^32 becomes 0xffffffff,
// which faults, as wasm traps), sign extension and float reinterpretation staying around the call;
// memory.size/grow/copy/fill become mmu.* calls; every loop body starts with a preemption tick (a
// loop that only computes and accesses memory, or holds such loops, also gets a call-free copy:
// fastloop.ts), and so does every function body that calls another guest function or is not small
// (recursion without loops is preempted too; the small leaves left out each do a bounded amount of
// work per call of a ticking caller); tail calls become call + return (asyncify cannot instrument them). Refused
// instructions throw TranslateError (features.ts), and so does a function of more than
// MAX_FUNCTION_NODES expressions (limits.ts: translation time grows faster than size).
// Interface: rewriteFunctions(module, preempt) -> Shape (the sizes optimize.ts plans by).
import binaryen from "binaryen";
import { mmuImportName, wrapperName, type AccessSize } from "./abi";
import { entryTick, tickedLoop } from "./budget";
import { newFunction, versionedLoop } from "./fastloop";
import { MAX_FUNCTION_NODES } from "./limits";
import { TranslateError } from "./types";
import { accessor, kindName } from "./children";
import { checkExpression } from "./features";
import { walk } from "./walk";
import { MEMORY_OPS } from "./wrappers";

type Ref = binaryen.ExpressionRef;
type M = binaryen.Module;
const { i32, i64, f32, f64, none, unreachable } = binaryen;

/** An address operand's scratch local in the function being rewritten (added on first use). */
let scratch: { fn: binaryen.FunctionRef; index: number } | null = null;
let current: binaryen.FunctionRef = 0;

/** A new local of type t in the function being rewritten. */
function addVar(t: binaryen.Type): number {
  return (binaryen as unknown as { _BinaryenFunctionAddVar(f: number, t: number): number })._BinaryenFunctionAddVar(current, t);
}

function scratchLocal(): number {
  if (scratch?.fn !== current) scratch = { fn: current, index: addVar(i32) };
  return scratch.index;
}

/** ptr + offset as wasm computes it, in 33 bits: an access whose effective address passes 2^32
 *  gets 0xffffffff (the kernel half: the slow path delivers SIGSEGV) instead of wrapping to a low
 *  address of the guest's own memory. `ea = ptr + off; ea >=u off ? ea : 0xffffffff`. */
function address(m: M, ptr: Ref, offset: number): Ref {
  if (!offset) return ptr;
  const t = scratchLocal();
  const ea = m.local.tee(t, m.i32.add(ptr, m.i32.const(offset | 0)), i32);
  return m.select(m.i32.ge_u(m.local.get(t, i32), m.i32.const(offset | 0)), ea, m.i32.const(-1));
}

/** Code whose memory access is never reached: keep the children's effects, then trap. */
function dropAll(m: M, children: Ref[]): Ref {
  return m.block(null, [...children.map((c) => m.drop(c)), m.unreachable()], binaryen.auto);
}

/** The raw wrapper result (i32 zero-extended, or i64) turned into the load's type. */
function widen(m: M, raw: Ref, type: binaryen.Type, bytes: AccessSize, signed: boolean): Ref {
  if (type === f32) return m.f32.reinterpret(raw);
  if (type === f64) return m.f64.reinterpret(raw);
  let v = raw;
  if (signed && bytes === 1) v = m.i32.extend8_s(v);
  if (signed && bytes === 2) v = m.i32.extend16_s(v);
  if (type === i64 && bytes < 8) v = signed ? m.i64.extend_s(v) : m.i64.extend_u(v);
  return v;
}

/** The stored value as the wrapper's operand (i32, or i64 for 8 bytes). */
function narrow(m: M, value: Ref, type: binaryen.Type, bytes: AccessSize): Ref {
  if (type === f32) return m.i32.reinterpret(value);
  if (type === f64) return m.i64.reinterpret(value);
  return type === i64 && bytes < 8 ? m.i32.wrap(value) : value;
}

function rewriteLoad(m: M, e: Ref): Ref {
  const info = binaryen.getExpressionInfo(e) as binaryen.LoadInfo;
  if (info.type === unreachable) return dropAll(m, [info.ptr]);
  const bytes = info.bytes as AccessSize;
  const raw = m.call(wrapperName(false, bytes), [address(m, info.ptr, info.offset)], bytes === 8 ? i64 : i32);
  return widen(m, raw, info.type, bytes, info.isSigned);
}

function rewriteStore(m: M, e: Ref): Ref {
  const info = binaryen.getExpressionInfo(e) as binaryen.StoreInfo;
  if (info.type === unreachable) return dropAll(m, [info.ptr, info.value]);
  const bytes = info.bytes as AccessSize;
  const type = accessor("Store", "getValueType")(e) as binaryen.Type;
  const operands = [address(m, info.ptr, info.offset), narrow(m, info.value, type, bytes)];
  return m.call(wrapperName(true, bytes), operands, none);
}

/** memory.size/grow/copy/fill -> call mmu.<op>(same operands). */
function rewriteMemoryOp(m: M, e: Ref, op: keyof typeof MEMORY_OPS, getters: string[]): Ref {
  const kind = kindName(e);
  const operands = getters.map((g) => accessor(kind, `get${g}`)(e) as Ref);
  if (binaryen.getExpressionType(e) === unreachable) return dropAll(m, operands);
  return m.call(mmuImportName(op), operands, MEMORY_OPS[op][1]);
}

/** The result type of a call: its target's, or its signature's for call_indirect. */
function callResults(m: M, e: Ref, kind: string): binaryen.Type {
  if (kind === "CallIndirect") return accessor(kind, "getResults")(e) as binaryen.Type;
  return binaryen.getFunctionInfo(m.getFunction(accessor(kind, "getTarget")(e) as string)).results;
}

/** return_call f(..) -> return f(..): binaryen's asyncify cannot instrument tail calls. */
function lowerTailCall(m: M, e: Ref, kind: string): Ref {
  if (!accessor(kind, "isReturn")(e)) return e;
  accessor(kind, "setReturn")(e, 0);
  accessor(kind, "setType")(e, callResults(m, e, kind));
  accessor(kind, "finalize")(e);
  if (binaryen.getExpressionType(e) === none) return m.block(null, [e, m.return()], binaryen.auto);
  return m.return(e);
}

function rewriteExpression(m: M, e: Ref, preempt: string): Ref {
  switch (kindName(e)) {
    case "Call": return lowerTailCall(m, e, "Call");
    case "CallIndirect": return lowerTailCall(m, e, "CallIndirect");
    case "Load": return rewriteLoad(m, e);
    case "Store": return rewriteStore(m, e);
    case "MemorySize": return rewriteMemoryOp(m, e, "size", []);
    case "MemoryGrow": return rewriteMemoryOp(m, e, "grow", ["Delta"]);
    case "MemoryCopy": return rewriteMemoryOp(m, e, "copy", ["Dest", "Source", "Size"]);
    case "MemoryFill": return rewriteMemoryOp(m, e, "fill", ["Dest", "Value", "Size"]);
    case "Loop": return versionedLoop(m, e, preempt, current, addVar) ?? tickedLoop(m, e, preempt);
    default: return e;
  }
}

/** A function of at most this many expressions that calls no guest function gets no entry tick. */
const SMALL_LEAF_NODES = 64;

/** True for a call that may run guest code (another function, or through a table). */
function callsGuest(m: M, e: Ref): boolean {
  const kind = kindName(e);
  if (kind === "CallIndirect") return true;
  return kind === "Call" && !binaryen.getFunctionInfo(m.getFunction(accessor(kind, "getTarget")(e) as string)).module;
}

/** The guest's size as the optimizer sees it: defined functions, their expressions, the largest. */
export interface Shape { functions: number; nodes: number; maxNodes: number }

/** Rewrites the bodies of all functions defined (not imported) by the guest. */
export function rewriteFunctions(module: M, preempt: string): Shape {
  const shape: Shape = { functions: 0, nodes: 0, maxNodes: 0 };
  for (let i = 0; i < module.getNumFunctions(); i++) {
    const ref = module.getFunctionByIndex(i);
    const { name, body } = binaryen.getFunctionInfo(ref);
    if (!body) continue;
    current = ref;
    newFunction(addVar);
    scratch = null;   // a freed module's function may have had this address: its record is stale
    let nodes = 0, calls = false;
    const enter = (e: Ref) => {
      checkExpression(e, name);
      if (++nodes > MAX_FUNCTION_NODES) throw new TranslateError(`function ${name} is larger than ${MAX_FUNCTION_NODES} instructions`);
      calls ||= callsGuest(module, e);
    };
    let out = walk(body, enter, (e) => rewriteExpression(module, e, preempt));
    if (calls || nodes > SMALL_LEAF_NODES) out = module.block(null, [...entryTick(module, preempt), out], binaryen.auto);
    if (out !== body) accessor("Function", "setBody")(ref, out);
    shape.functions++;
    shape.nodes += nodes;
    shape.maxNodes = Math.max(shape.maxNodes, nodes);
  }
  return shape;
}
