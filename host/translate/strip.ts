// Page strips, the analysis: which accesses of a loop body move through memory by a fixed step per
// iteration, so that fastloop.ts can run a run of iterations (a strip) with no TLB check at all.
// A local is an induction variable when the body writes it exactly once, as iv = iv + c or
// iv - c (c an i32 constant): with no loop inside the body, that write runs at most once per
// iteration, so after t iterations iv lies between its start and start + t * c. An access's
// address is affine when it is alpha * iv + beta modulo 2^32, beta built only from constants and
// locals the body never writes (add, sub, mul and shl by constants; and, or, xor and shifts of
// such invariant parts), with one induction variable at most. Across n iterations its addresses
// are then A0 + j * d for j in 0 .. n (d = alpha * c, A0 its address at the first iteration's
// start), whatever the order of the access and the write inside an iteration: one page holds all
// of them when it holds the first and the last. Nothing in an affine address can trap or read
// memory, so fastloop.ts may evaluate a copy of it before the iteration.
// Interface: loopWrites(body) -> Writes; addressStep(expr, writes) -> d (bytes per iteration) or
// null when the address is not affine or moves more than MAX_STEP bytes per iteration.
import binaryen from "binaryen";
import { accessor, kindName } from "./children";
import { walk } from "./walk";

type Ref = binaryen.ExpressionRef;

/** Larger steps leave a page within two iterations: strips would not pay for their set-up. */
export const MAX_STEP = 2048;

/** The locals a body writes, and the step of those that are induction variables. */
export interface Writes { written: Set<number>; steps: Map<number, number> }

interface Affine { iv: number | null; alpha: number }

const op = (name: string) => (binaryen as unknown as Record<string, number>)[name];
const ADD = op("AddInt32"), SUB = op("SubInt32"), MUL = op("MulInt32"), SHL = op("ShlInt32");
const INVARIANT_OPS = new Set(["AddInt32", "SubInt32", "MulInt32", "ShlInt32", "ShrUInt32", "ShrSInt32", "AndInt32",
  "OrInt32", "XorInt32"].map(op));

const localIndex = (e: Ref) => accessor(kindName(e), "getIndex")(e) as number;
const i32Const = (e: Ref): number | null =>
  kindName(e) === "Const" && binaryen.getExpressionType(e) === binaryen.i32 ? (accessor("Const", "getValueI32")(e) as number) : null;

/** iv + c, c + iv or iv - c, as the step c (or -c); null for anything else. */
function stepOf(index: number, value: Ref): number | null {
  if (kindName(value) !== "Binary") return null;
  const info = binaryen.getExpressionInfo(value) as binaryen.BinaryInfo;
  const isIv = (e: Ref) => kindName(e) === "LocalGet" && localIndex(e) === index;
  if (info.op === ADD && isIv(info.left)) return i32Const(info.right);
  if (info.op === ADD && isIv(info.right)) return i32Const(info.left);
  if (info.op === SUB && isIv(info.left)) { const c = i32Const(info.right); return c === null ? null : -c | 0; }
  return null;
}

export function loopWrites(body: Ref): Writes {
  const sets = new Map<number, Ref[]>();
  walk(body, () => {}, (e) => {
    if (kindName(e) === "LocalSet") {
      const index = localIndex(e);
      sets.set(index, [...(sets.get(index) ?? []), accessor("LocalSet", "getValue")(e) as Ref]);
    }
    return e;
  });
  const steps = new Map<number, number>();
  for (const [index, values] of sets) {
    const step = values.length === 1 ? stepOf(index, values[0]) : null;
    if (step !== null && step !== 0) steps.set(index, step);
  }
  return { written: new Set(sets.keys()), steps };
}

function combine(a: Affine, b: Affine, sign: 1 | -1): Affine | null {
  if (a.iv !== null && b.iv !== null && a.iv !== b.iv) return null;
  return { iv: a.iv ?? b.iv, alpha: (a.alpha + sign * b.alpha) | 0 };
}

function scale(a: Affine, by: number): Affine {
  return { iv: a.iv, alpha: Math.imul(a.alpha, by) };
}

function affine(e: Ref, w: Writes): Affine | null {
  const kind = kindName(e);
  if (binaryen.getExpressionType(e) !== binaryen.i32) return null;
  if (kind === "Const") return { iv: null, alpha: 0 };
  if (kind === "LocalGet") {
    const index = localIndex(e);
    if (!w.written.has(index)) return { iv: null, alpha: 0 };
    return w.steps.has(index) ? { iv: index, alpha: 1 } : null;
  }
  if (kind !== "Binary") return null;
  const info = binaryen.getExpressionInfo(e) as binaryen.BinaryInfo;
  const left = affine(info.left, w), right = affine(info.right, w);
  if (!left || !right) return null;
  if (info.op === ADD) return combine(left, right, 1);
  if (info.op === SUB) return combine(left, right, -1);
  const constLeft = i32Const(info.left), constRight = i32Const(info.right);
  if (info.op === MUL && constRight !== null) return scale(left, constRight);
  if (info.op === MUL && constLeft !== null) return scale(right, constLeft);
  if (info.op === SHL && constRight !== null) return scale(left, 2 ** (constRight & 31) | 0);
  const invariant = left.iv === null && right.iv === null && left.alpha === 0 && right.alpha === 0;
  return invariant && INVARIANT_OPS.has(info.op) ? { iv: null, alpha: 0 } : null;
}

export function addressStep(e: Ref, w: Writes): number | null {
  const a = affine(e, w);
  if (!a) return null;
  const d = a.iv === null || a.alpha === 0 ? 0 : Math.imul(a.alpha, w.steps.get(a.iv)!);
  return Math.abs(d) <= MAX_STEP ? d : null;
}
