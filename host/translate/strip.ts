// Page strips, the analysis: which accesses of a loop body move through memory by a fixed step per
// iteration, so that fastloop.ts can run a run of iterations (a strip) with no TLB check at all.
// A local is an induction variable when the body writes it exactly once, as iv = iv + c or
// iv - c (c an i32 constant, or a local the body never writes): with no loop inside the body,
// that write runs at most once per iteration, so after t iterations iv lies between its start and
// start + t * c. An access's
// address is affine when it is alpha * iv + beta modulo 2^32, beta built only from constants and
// locals the body never writes (add, sub, mul and shl by constants; and, or, xor, shifts and
// selects of such invariant parts), with one induction variable at most. A temporary (a local
// written once, before any read of it in the iteration, on every path) stands for the value
// written; a local.tee for its value; the rewrite's guard against an address that wraps past
// 2^32, (select (local.tee $t X) (i32.const -1) (i32.ge_u (local.get $t) (i32.const c))), for X
// when c is below a page (fastloop.ts strips no page 0 access, so X >= c all through a strip).
// Across n iterations the addresses are then A0 + j * d for j in 0 .. n (d = alpha * c, A0 the
// address at the first iteration's start), whatever the order of the access and the write inside
// an iteration: one page holds all of them when it holds the first and the last. Nothing in an
// affine address can trap or read memory, so a copy of it with each temporary replaced by its
// value (and each tee by its value) can be evaluated before the iteration.
// Interface: loopWrites(plan.writes) -> Writes; stripAddress(module, expr, writes) -> { step, first }
// (bytes per iteration: a number, or alpha times an invariant local, which the strip's set-up
// checks against MAX_STEP; and the expression of its value at the iteration's start), or null
// when the address is not affine or moves more than MAX_STEP bytes per iteration.
import binaryen from "binaryen";
import { PAGE_SIZE } from "../../kernel/abi/layout";
import { accessor, kindName } from "./children";
import type { LocalWrites } from "./loopplan";
import { walk } from "./walk";

type Ref = binaryen.ExpressionRef;

/** Larger steps leave a page within two iterations: strips would not pay for their set-up. */
export const MAX_STEP = 2048;

/** An induction variable's step: a constant, or a local the body never writes (times sign). */
type StepSource = { c: number } | { local: number; sign: 1 | -1 };

/** The locals a body writes, the step of those that are induction variables, and the value
 *  written to each temporary. */
export interface Writes { written: Set<number>; steps: Map<number, StepSource>; temps: Map<number, Ref> }

/** Bytes an access moves per iteration: a constant, or alpha times a local the body never writes. */
export type Step = number | { local: number; alpha: number };

interface Affine { iv: number | null; alpha: number }

const op = (name: string) => (binaryen as unknown as Record<string, number>)[name];
const ADD = op("AddInt32"), SUB = op("SubInt32"), MUL = op("MulInt32"), SHL = op("ShlInt32"), GE_U = op("GeUInt32");
const INVARIANT_OPS = new Set(["AddInt32", "SubInt32", "MulInt32", "ShlInt32", "ShrUInt32", "ShrSInt32", "AndInt32",
  "OrInt32", "XorInt32"].map(op));
const MAX_DEPTH = 8;                              // temporaries standing for temporaries

const localIndex = (e: Ref) => accessor(kindName(e), "getIndex")(e) as number;
const setValue = (e: Ref) => accessor("LocalSet", "getValue")(e) as Ref;
const i32Const = (e: Ref): number | null =>
  kindName(e) === "Const" && binaryen.getExpressionType(e) === binaryen.i32 ? (accessor("Const", "getValueI32")(e) as number) : null;

/** x as a step: an i32 constant (not 0), or a local (whether the body writes it is checked later). */
function source(x: Ref, sign: 1 | -1): StepSource | null {
  const c = i32Const(x);
  if (c !== null) return c === 0 ? null : { c: Math.imul(c, sign) };
  return kindName(x) === "LocalGet" && binaryen.getExpressionType(x) === binaryen.i32 ? { local: localIndex(x), sign } : null;
}

/** iv + x, x + iv or iv - x, as the step x (or -x); null for anything else. */
function stepOf(index: number, value: Ref): StepSource | null {
  if (kindName(value) !== "Binary") return null;
  const info = binaryen.getExpressionInfo(value) as binaryen.BinaryInfo;
  const isIv = (e: Ref) => kindName(e) === "LocalGet" && localIndex(e) === index;
  if (info.op === ADD && isIv(info.left)) return source(info.right, 1);
  if (info.op === ADD && isIv(info.right)) return source(info.left, 1);
  if (info.op === SUB && isIv(info.left)) return source(info.right, -1);
  return null;
}

/** The induction variables and temporaries among the body's writes (loopplan.ts reads them). */
export function loopWrites({ values: sets, carried }: LocalWrites): Writes {
  const steps = new Map<number, StepSource>(), temps = new Map<number, Ref>();
  for (const [index, values] of sets) {
    if (values.length !== 1) continue;
    const step = stepOf(index, values[0]);
    if (step && !("local" in step && sets.has(step.local))) steps.set(index, step);
    else if (!carried.has(index)) temps.set(index, values[0]);
  }
  return { written: new Set(sets.keys()), steps, temps };
}

function combine(a: Affine, b: Affine, sign: 1 | -1): Affine | null {
  if (a.iv !== null && b.iv !== null && a.iv !== b.iv) return null;
  return { iv: a.iv ?? b.iv, alpha: (a.alpha + sign * b.alpha) | 0 };
}

const scale = (a: Affine, by: number): Affine => ({ iv: a.iv, alpha: Math.imul(a.alpha, by) });
const invariant = (a: Affine | null) => a !== null && a.iv === null && a.alpha === 0;

/** (select (local.tee $t X) (i32.const -1) (i32.ge_u (local.get $t) (i32.const c))), c below a
 *  page: X. */
function wrapGuarded(e: Ref): Ref | null {
  const info = binaryen.getExpressionInfo(e) as binaryen.SelectInfo;
  if (kindName(info.ifTrue) !== "LocalSet" || i32Const(info.ifFalse) !== -1 || kindName(info.condition) !== "Binary") return null;
  const cond = binaryen.getExpressionInfo(info.condition) as binaryen.BinaryInfo;
  const c = i32Const(cond.right);
  const t = localIndex(info.ifTrue);
  const same = kindName(cond.left) === "LocalGet" && localIndex(cond.left) === t;
  return cond.op === GE_U && same && c !== null && c >= 0 && c < PAGE_SIZE ? setValue(info.ifTrue) : null;
}

function affine(e: Ref, w: Writes, depth = 0): Affine | null {
  const kind = kindName(e);
  if (binaryen.getExpressionType(e) !== binaryen.i32 || depth > MAX_DEPTH) return null;
  if (kind === "Const") return { iv: null, alpha: 0 };
  if (kind === "LocalGet") {
    const index = localIndex(e);
    if (!w.written.has(index)) return { iv: null, alpha: 0 };
    if (w.steps.has(index)) return { iv: index, alpha: 1 };
    const value = w.temps.get(index);
    return value ? affine(value, w, depth + 1) : null;
  }
  if (kind === "LocalSet") return affine(setValue(e), w, depth);     // a tee: its value
  if (kind === "Select") {
    const guarded = wrapGuarded(e);
    if (guarded) return affine(guarded, w, depth);
    const parts = ["getIfTrue", "getIfFalse", "getCondition"].map((f) => affine(accessor("Select", f)(e) as Ref, w, depth));
    return parts.every(invariant) ? { iv: null, alpha: 0 } : null;
  }
  if (kind !== "Binary") return null;
  const info = binaryen.getExpressionInfo(e) as binaryen.BinaryInfo;
  const left = affine(info.left, w, depth), right = affine(info.right, w, depth);
  if (!left || !right) return null;
  if (info.op === ADD) return combine(left, right, 1);
  if (info.op === SUB) return combine(left, right, -1);
  const constLeft = i32Const(info.left), constRight = i32Const(info.right);
  if (info.op === MUL && constRight !== null) return scale(left, constRight);
  if (info.op === MUL && constLeft !== null) return scale(right, constLeft);
  if (info.op === SHL && constRight !== null) return scale(left, 2 ** (constRight & 31) | 0);
  return invariant(left) && invariant(right) && INVARIANT_OPS.has(info.op) ? { iv: null, alpha: 0 } : null;
}

/** A copy of an affine address that computes its value from the locals as they are: each
 *  temporary read replaced by (a copy of) the value written to it, each tee by its value. */
function firstValue(m: binaryen.Module, e: Ref, w: Writes, depth = 0): Ref {
  return walk(m.copyExpression(e), () => {}, (x) => {
    const kind = kindName(x);
    if (kind === "LocalSet") return setValue(x);
    if (kind === "LocalGet" && w.temps.has(localIndex(x)) && depth <= MAX_DEPTH) return firstValue(m, w.temps.get(localIndex(x))!, w, depth + 1);
    return x;
  });
}

export function stripAddress(m: binaryen.Module, e: Ref, w: Writes): { step: Step; first: Ref } | null {
  const a = affine(e, w);
  if (!a) return null;
  const from = a.iv === null || a.alpha === 0 ? { c: 0 } : w.steps.get(a.iv)!;
  if ("local" in from) return { step: { local: from.local, alpha: Math.imul(a.alpha, from.sign) }, first: firstValue(m, e, w) };
  const step = Math.imul(a.alpha, from.c);
  return Math.abs(step) <= MAX_STEP ? { step, first: firstValue(m, e, w) } : null;
}
