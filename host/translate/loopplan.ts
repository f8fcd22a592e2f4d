// What loop versioning (fastloop.ts) needs to know about a loop body before it copies it: whether
// it qualifies (it only computes and accesses memory: no calls but the access wrappers, no
// global.set; inner loops only if versioned before, one level deep, and not storing), and what a
// miss must undo to run the iteration again: the loop-carried locals (ones the body may read
// before writing: read first, or first written where an iteration may skip the write, or written
// in an inner loop) that it may write before an access, and the stores that an access may follow.
// Whether the body can trap decides where its budget is counted.
// Interface: planFor(body) -> Plan | null (with the body's writes: each local's values written and
// the carried locals, for strip.ts); rememberLoop(outLabel, inner) and innerLoopOf(expr) (the
// loops versioned so far in this function, by their $out label); forgetLoops() at each function's
// start; callAccess(expr) -> the access a wrapper call makes.
import binaryen from "binaryen";
import { accessor, evalSlots, kindName } from "./children";
import { wrapperAccess, type Access } from "./wrappers";

type Ref = binaryen.ExpressionRef;

/** A body larger than this (in expressions, after rewriting) is not copied. */
const MAX_BODY_NODES = 400;

/** The kinds a versioned body may contain (a Call only to an access wrapper). */
const PURE_KINDS = new Set(["Nop", "Unreachable", "Const", "LocalGet", "LocalSet", "GlobalGet", "Block", "If",
  "Break", "Switch", "Call", "Unary", "Binary", "Select", "Drop", "Return"]);

/** Operations that trap on some operands (division by zero, float to int out of range), by kind:
 *  binaryen numbers unary and binary operations apart, so the same number is i64.add as a binary
 *  and i32.trunc_f32_s as a unary (one set for both once took every loop with i64 arithmetic for
 *  one that can trap). */
const ops = (names: string[]) => new Set(names.map((name) => (binaryen as unknown as Record<string, number>)[name]));
const TRAPPING: Record<string, Set<number>> = {
  Binary: ops(["DivSInt32", "DivUInt32", "RemSInt32", "RemUInt32", "DivSInt64", "DivUInt64", "RemSInt64", "RemUInt64"]),
  Unary: ops(["TruncSFloat32ToInt32", "TruncSFloat32ToInt64", "TruncUFloat32ToInt32", "TruncUFloat32ToInt64",
    "TruncSFloat64ToInt32", "TruncSFloat64ToInt64", "TruncUFloat64ToInt32", "TruncUFloat64ToInt64"]),
};

function canTrap(e: Ref, kind: string): boolean {
  if (kind === "Unreachable") return true;
  return TRAPPING[kind]?.has((binaryen.getExpressionInfo(e) as binaryen.UnaryInfo).op) ?? false;
}

export function callAccess(e: Ref): Access | undefined {
  return kindName(e) === "Call" ? wrapperAccess(accessor("Call", "getTarget")(e) as string) : undefined;
}

/** A loop versioned before (an inner loop of the one being versioned now), by its $out label. */
export interface Inner { name: string | null; body: Ref; nested: boolean }
const versions = new Map<string, Inner>();

/** Remembers a loop versioned under the $out label `out`, for the loops around it. */
export function rememberLoop(out: string, inner: Inner): void {
  versions.set(out, inner);
}

/** Forgets the loops versioned so far: called for each function (an outer loop is in the same one). */
export function forgetLoops(): void {
  versions.clear();
}

export function innerLoopOf(e: Ref): Inner | undefined {
  const name = kindName(e) === "Block" ? (accessor("Block", "getName")(e) as string | null) : null;
  return name ? versions.get(name) : undefined;
}

/** What undoing an iteration needs: the carried locals written before the last access (saved at
 *  the iteration's start), and which access sites, counted in evaluation order, are stores that
 *  an access follows (their overwritten bytes are kept); whether the body can trap, and whether it
 *  holds inner loops (whose ticks a miss gives back). */
export interface Plan { saved: number[]; logged: Set<number>; traps: boolean; nested: boolean; writes: LocalWrites }

/** Each local the body writes with the values written (in evaluation order), and the carried
 *  ones (page strips, strip.ts, find induction variables and temporaries in them). */
export interface LocalWrites { values: Map<number, Ref[]>; carried: Set<number> }

/** Reads a body in evaluation order, each expression after its children. An inner loop versioned
 *  before is read as its original body once, everything in it counted as conditional and its
 *  local writes as carried; it may not store (its stores could not all be undone). */
class Reading {
  readonly seen = new Set<number>();
  readonly carried = new Set<number>();
  readonly sets: { index: number; at: number }[] = [];
  readonly values = new Map<number, Ref[]>();
  readonly stores: number[] = [];
  nodes = 0;
  sites = 0;
  ok = true;
  traps = false;
  nested = false;
  private branched = false;

  visit(e: Ref, conditional: boolean, looped: boolean): void {
    if (!this.ok || ++this.nodes > MAX_BODY_NODES) { this.ok = false; return; }
    const loop = innerLoopOf(e);
    if (loop) {
      this.ok &&= !looped && !loop.nested;
      this.nested = true;
      this.visit(loop.body, true, true);
      return;
    }
    const kind = kindName(e);
    if (kind === "If") {
      this.visit(accessor("If", "getCondition")(e) as Ref, conditional, looped);
      for (const arm of ["getIfTrue", "getIfFalse"]) {
        const child = accessor("If", arm)(e) as Ref;
        if (child) this.visit(child, true, looped);
      }
    } else {
      for (const slot of evalSlots(e)) {
        const child = slot.get();
        if (child) this.visit(child, conditional, looped);
      }
    }
    this.expression(e, kind, conditional || this.branched, looped);
  }

  private expression(e: Ref, kind: string, skippable: boolean, looped: boolean): void {
    if (!PURE_KINDS.has(kind)) this.ok = false;
    this.traps ||= canTrap(e, kind);
    const access = callAccess(e);
    if (kind === "Call" && !access) this.ok = false;
    if (access?.store) {
      if (looped) this.ok = false;
      this.stores.push(this.sites);
    }
    if (access) this.sites++;
    if (kind === "LocalGet" || kind === "LocalSet") {
      const index = accessor(kind, "getIndex")(e) as number;
      // carried: its value may come from the last iteration (read before any write, or the first
      // write may be skipped, or written in an inner loop)
      if ((!this.seen.has(index) && (kind === "LocalGet" || skippable)) || (kind === "LocalSet" && looped)) this.carried.add(index);
      this.seen.add(index);
      // (a write in an inner loop comes before that loop's accesses in its next iteration)
      if (kind === "LocalSet") {
        this.sets.push({ index, at: looped ? -1 : this.sites });
        this.values.set(index, [...(this.values.get(index) ?? []), accessor("LocalSet", "getValue")(e) as Ref]);
      }
    }
    if (kind === "Break" || kind === "Switch") this.branched = true;
  }
}

/** The plan for a body, or null when it holds something that keeps it from being versioned. */
export function planFor(body: Ref): Plan | null {
  const r = new Reading();
  r.visit(body, false, false);
  if (!r.ok || !r.sites) return null;
  const last = r.sites - 1;                     // sets and stores before the last access matter
  const saved = new Set(r.sets.filter((s) => s.at <= last && r.carried.has(s.index)).map((s) => s.index));
  return { saved: [...saved], logged: new Set(r.stores.filter((k) => k < last)), traps: r.traps, nested: r.nested,
    writes: { values: r.values, carried: r.carried } };
}

