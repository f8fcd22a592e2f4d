// The loop budget counted in a local. A function with a loop keeps __budget in a local of its own:
// the loops tick the local (the exported global cost a load and a store per iteration, a chain
// through memory), and __budget is written from the local wherever something outside the function
// can read it: after the operands of every call (the host reads __budget when a slice ends, which a
// call into the kernel may do; a callee ticks it) and of every instruction that may trap (the host
// reads it after a trap too), before every return and at the body's end. After every call the
// local is read back: a callee's loops, or the host's new slice after kernel.preempt, changed it.
// So __budget holds every charge at every point where anyone reads it: counts and traces are
// those of a tick of the global itself. The access wrappers get the local as an argument and write
// it only on their slow path (which traps on a fault and cannot change the budget).
// A function with exception handling (an exception leaves it without a return) or multi-value
// results keeps ticking the global.
// Interface: Counter (what tickedLoop ticks), globalCounter(m), localCounter(m, fn) -> LocalCounter,
// wantsLocal(scan) -> bool, LocalCounter.flushAfterOperands(e) / reloadAfter(e) / atEnd(body, results).
import binaryen from "binaryen";
import { BUDGET_GLOBAL } from "./abi";
import { accessor, kindName } from "./children";

type Ref = binaryen.ExpressionRef;
type M = binaryen.Module;
const { i32, none, unreachable } = binaryen;

/** Where a loop's tick reads and writes the budget, and how the preempt call outside the loop
 *  hands it to the host and takes the new slice back. */
export interface Counter {
  get(): Ref;
  set(v: Ref): Ref;
  flush(): Ref[];
  reload(): Ref[];
}

export function globalCounter(m: M): Counter {
  return {
    get: () => m.global.get(BUDGET_GLOBAL, i32),
    set: (v) => m.global.set(BUDGET_GLOBAL, v),
    flush: () => [],
    reload: () => [],
  };
}

/** What a scan of a function body found (rewrite.ts fills it before rewriting). */
export interface Scan { loops: boolean; exceptions: boolean; multiValue: boolean }

export function wantsLocal(s: Scan): boolean {
  return s.loops && !s.exceptions && !s.multiValue;
}

/** The kinds that throw exceptions or catch them. */
export const EXCEPTION_KINDS = new Set(["Try", "Throw", "Rethrow"]);

const TRAPPING_UNARY = new Set(["TruncSFloat32ToInt32", "TruncSFloat32ToInt64", "TruncUFloat32ToInt32",
  "TruncUFloat32ToInt64", "TruncSFloat64ToInt32", "TruncSFloat64ToInt64", "TruncUFloat64ToInt32",
  "TruncUFloat64ToInt64"].map((k) => (binaryen as unknown as Record<string, number>)[k]));
const TRAPPING_BINARY = new Set(["DivSInt32", "DivUInt32", "RemSInt32", "RemUInt32", "DivSInt64", "DivUInt64",
  "RemSInt64", "RemUInt64"].map((k) => (binaryen as unknown as Record<string, number>)[k]));

/** A divisor that can trap neither by zero nor by INT_MIN / -1. */
function safeDivisor(e: Ref): boolean {
  if (binaryen.getExpressionId(e) !== binaryen.ConstId) return false;
  const v = (binaryen.getExpressionInfo(e) as binaryen.ConstInfo).value as number | { low: number; high: number } | bigint;
  if (typeof v === "number") return v !== 0 && v !== -1;
  if (typeof v === "bigint") return v !== 0n && v !== -1n;
  return !(v.low === 0 && v.high === 0) && !(v.low === -1 && v.high === -1);
}

/** The slot an instruction evaluates last before it acts (and may trap), or null for none. */
function lastOperand(e: Ref, kind: string): string | null {
  switch (kind) {
    case "Call": return (accessor(kind, "getNumOperands")(e) as number) > 0 ? "Operand" : null;
    case "CallIndirect": return "Target";
    case "Binary": return "Right";
    case "Unary": case "Return": case "RefAs": case "TableSet": return accessor(kind, "getValue")(e) ? "Value" : null;
    case "TableGet": return "Index";
    default: return null;
  }
}

/** True for an instruction that may trap (calls are flushed by the call rule). */
export function mayTrap(e: Ref, kind: string): boolean {
  switch (kind) {
    case "Unreachable": case "RefAs": case "TableGet": case "TableSet": return true;
    case "Unary": return TRAPPING_UNARY.has(accessor(kind, "getOp")(e) as number);
    case "Binary": return TRAPPING_BINARY.has(accessor(kind, "getOp")(e) as number) && !safeDivisor(accessor(kind, "getRight")(e) as Ref);
    default: return false;
  }
}

export class LocalCounter implements Counter {
  readonly index: number;
  private temps = new Map<binaryen.Type, number>();

  constructor(private m: M, private fn: binaryen.FunctionRef) {
    this.index = this.addVar(i32);
  }

  private addVar(t: binaryen.Type): number {
    return (binaryen as unknown as { _BinaryenFunctionAddVar(f: number, t: number): number })._BinaryenFunctionAddVar(this.fn, t);
  }

  private temp(t: binaryen.Type): number {
    let k = this.temps.get(t);
    if (k === undefined) this.temps.set(t, k = this.addVar(t));
    return k;
  }

  get(): Ref { return this.m.local.get(this.index, i32); }
  set(v: Ref): Ref { return this.m.local.set(this.index, v); }
  flush(): Ref[] { return [this.m.global.set(BUDGET_GLOBAL, this.get())]; }
  reload(): Ref[] { return [this.set(this.m.global.get(BUDGET_GLOBAL, i32))]; }

  /** `{ t = v; extra; t }`: v's value, with `extra` run after v. */
  private after(v: Ref, extra: Ref[]): Ref {
    const type = binaryen.getExpressionType(v);
    if (type === unreachable) return v;
    if (type === none) return this.m.block(null, [v, ...extra], none);
    const t = this.temp(type);
    return this.m.block(null, [this.m.local.set(t, v), ...extra, this.m.local.get(t, type)], type);
  }

  /** e with __budget written after its operands are evaluated, just before it acts. */
  flushAfterOperands(e: Ref): Ref {
    const kind = kindName(e);
    const slot = lastOperand(e, kind);
    if (slot === null) return this.m.block(null, [...this.flush(), e], binaryen.auto);
    if (slot === "Operand") {
      const last = (accessor(kind, "getNumOperands")(e) as number) - 1;
      accessor(kind, "setOperandAt")(e, last, this.after(accessor(kind, "getOperandAt")(e, last) as Ref, this.flush()));
    } else {
      accessor(kind, `set${slot}`)(e, this.after(accessor(kind, `get${slot}`)(e) as Ref, this.flush()));
    }
    return e;
  }

  /** e (a call) followed by reading __budget back into the local. */
  reloadAfter(e: Ref): Ref {
    return this.after(e, this.reload());
  }

  /** The function's entry reads __budget; its body's end writes it. */
  atEnd(body: Ref): Ref {
    return this.m.block(null, [...this.reload(), this.after(body, this.flush())], binaryen.auto);
  }
}

export function localCounter(m: M, fn: binaryen.FunctionRef): LocalCounter {
  return new LocalCounter(m, fn);
}
