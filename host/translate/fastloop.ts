// Loop versioning: an innermost loop whose body calls nothing but the access wrappers gets a second,
// call-free copy that runs while every access hits the TLB. A miss leaves that copy and runs the
// iteration again from its start in the original body (whose wrappers call the slow path), then
// goes back to the fast copy. V8's optimizing tier keeps a loop without calls in registers: with a
// never-taken call in the body it spilled the address and TLB slot around it on every iteration
// (docs/performance.md, "Guest compute").
// Running an iteration again is only correct when what it did before the miss can be done again
// with the same result. So the loop is versioned only if no access can follow, in the iteration,
// a store or a write of a loop-carried local (one read in the body before it is written): before
// an access, the iteration has only computed, loaded, and written locals it writes before reading.
// The same slow paths run, in the same order, as in the plain loop: the traces and counts do not
// change. The preemption tick is the same as tickedLoop's (budget.ts): one unit per iteration.
// Interface: versionedLoop(module, loop, preempt, addVar) -> the replacement, or null when the
// loop does not qualify (tickedLoop then handles it).
import binaryen from "binaryen";
import { BUDGET_GLOBAL } from "./abi";
import { accessor, kindName, slotsOf } from "./children";
import { walk } from "./walk";
import { inlineAccess, wrapperAccess, type Access } from "./wrappers";

type Ref = binaryen.ExpressionRef;
type M = binaryen.Module;
const { i32, i64, none, unreachable } = binaryen;

/** A body larger than this (in expressions, after rewriting) is not copied. */
const MAX_BODY_NODES = 400;

/** The kinds a versioned body may contain (a Call only to an access wrapper). */
const PURE_KINDS = new Set(["Nop", "Unreachable", "Const", "LocalGet", "LocalSet", "GlobalGet", "Block", "If",
  "Break", "Switch", "Call", "Unary", "Binary", "Select", "Drop", "Return"]);

/** The children of e in the order wasm evaluates them (a br's value before its condition). */
function evalOrder(e: Ref): Ref[] {
  const kids = slotsOf(e).map((s) => s.get()).filter((c) => c);
  const kind = kindName(e);
  return kind === "Break" || kind === "Switch" ? kids.reverse() : kids;
}

/** Post-order in evaluation order; returns false as soon as visit does. */
function everyInOrder(root: Ref, visit: (e: Ref) => boolean): boolean {
  const stack: { e: Ref; kids: Ref[]; next: number }[] = [{ e: root, kids: evalOrder(root), next: 0 }];
  while (stack.length) {
    const top = stack[stack.length - 1];
    if (top.next < top.kids.length) {
      const child = top.kids[top.next++];
      stack.push({ e: child, kids: evalOrder(child), next: 0 });
      continue;
    }
    stack.pop();
    if (!visit(top.e)) return false;
  }
  return true;
}

function callAccess(e: Ref): Access | undefined {
  return kindName(e) === "Call" ? wrapperAccess(accessor("Call", "getTarget")(e) as string) : undefined;
}

/** The locals the body reads before it writes them (their value comes from the last iteration),
 *  or null when the body holds something that keeps it from being versioned. */
function carriedLocals(body: Ref): Set<number> | null {
  const seen = new Set<number>(), carried = new Set<number>();
  let nodes = 0;
  const ok = everyInOrder(body, (e) => {
    const kind = kindName(e);
    if (++nodes > MAX_BODY_NODES || !PURE_KINDS.has(kind)) return false;
    if (kind === "Call" && !callAccess(e)) return false;
    if (kind === "LocalGet" || kind === "LocalSet") {
      const index = accessor(kind, "getIndex")(e) as number;
      if (!seen.has(index) && kind === "LocalGet") carried.add(index);
      seen.add(index);
    }
    return true;
  });
  return ok ? carried : null;
}

/** True if no access can run after a store or a write of a carried local in the same iteration. */
function restartable(body: Ref, carried: Set<number>): boolean {
  let done = false;                   // the iteration has done something it cannot do again
  let accesses = 0;
  const ok = everyInOrder(body, (e) => {
    const access = callAccess(e);
    if (access) {
      if (done) return false;
      accesses++;
      done = access.store;
    } else if (kindName(e) === "LocalSet" && carried.has(accessor("LocalSet", "getIndex")(e) as number)) {
      done = true;
    }
    return true;
  });
  return ok && accesses > 0;
}

let versioned = 0;                              // numbers the labels versionedLoop adds

/** A copy of body with its labels renamed (the loop's own to `again`) and every access inlined,
 *  a miss branching to `miss`. */
function fastCopy(m: M, body: Ref, loopName: string, again: string, miss: string, addVar: (t: binaryen.Type) => number): Ref {
  const names = new Map<string, string>([[loopName, again]]);
  const suffix = `__wasmos_fast${versioned}`;
  const rename = (n: string) => names.get(n) ?? n;
  const enter = (e: Ref) => {
    const name = kindName(e) === "Block" ? (accessor("Block", "getName")(e) as string | null) : null;
    if (name) {
      names.set(name, name + suffix);
      setName("Block", "setName", e, name + suffix);
    }
  };
  const leave = (e: Ref): Ref => {
    const kind = kindName(e);
    if (kind === "Break") setName("Break", "setName", e, rename(accessor("Break", "getName")(e) as string));
    if (kind === "Switch") retargetSwitch(e, rename);
    const access = callAccess(e);
    return access ? inlined(m, e, access, miss, addVar) : e;
  };
  return walk(m.copyExpression(body), enter, leave);
}

/** binaryen.<kind>.<method>(e, [index,] name): the label setters take a string. */
function setName(kind: string, method: string, e: Ref, name: string, index?: number): void {
  const set = accessor(kind, method) as unknown as (...args: unknown[]) => void;
  if (index === undefined) set(e, name);
  else set(e, index, name);
}

function retargetSwitch(e: Ref, rename: (n: string) => string): void {
  const count = accessor("Switch", "getNumNames")(e) as number;
  for (let i = 0; i < count; i++) setName("Switch", "setNameAt", e, rename(accessor("Switch", "getNameAt")(e, i) as string), i);
  setName("Switch", "setDefaultName", e, rename(accessor("Switch", "getDefaultName")(e) as string));
}

/** A wrapper call made inline: its operands into fresh locals, then the fast path or `br miss`. */
function inlined(m: M, call: Ref, access: Access, miss: string, addVar: (t: binaryen.Type) => number): Ref {
  const t = access.bytes === 8 ? i64 : i32;
  const locals = { va: addVar(i32), e: addVar(i32), value: access.store ? addVar(t) : -1 };
  const operand = (i: number) => accessor("Call", "getOperandAt")(call, i) as Ref;
  const sets = [m.local.set(locals.va, operand(0))];
  if (access.store) sets.push(m.local.set(locals.value, operand(1)));
  return m.block(null, [...sets, inlineAccess(m, access, locals, m.br(miss))], access.store ? none : t);
}

/**
 *    block $out (the loop's type)
 *      loop $L                       (the loop's own name: the original body's `br $L` comes here)
 *        block $preempt
 *          block $miss
 *            br $out (loop $fast { __budget -= 1; br_if $preempt (__budget < 0); fast copy })
 *          end
 *          br $out (original body)   (the iteration again, with the slow paths; no tick)
 *        end
 *        kernel.preempt(); __budget = __budget < 0 ? 1 : __budget + 1
 *        br $L
 *      end
 *    end
 */
export function versionedLoop(m: M, loop: Ref, preempt: string, addVar: (t: binaryen.Type) => number): Ref | null {
  const body = accessor("Loop", "getBody")(loop) as Ref;
  const carried = carriedLocals(body);
  if (!carried || !restartable(body, carried)) return null;
  const n = versioned;
  const name = (accessor("Loop", "getName")(loop) as string | null) ?? `__wasmos_loop${n}`;
  const out = `__wasmos_vout${n}`, fast = `__wasmos_vfast${n}`, stop = `__wasmos_vpreempt${n}`, miss = `__wasmos_vmiss${n}`;
  const copy = fastCopy(m, body, name, fast, miss, addVar);
  versioned++;
  const type = binaryen.getExpressionType(loop);
  const concrete = type !== none && type !== unreachable;
  const get = () => m.global.get(BUDGET_GLOBAL, i32);
  const tick = [m.global.set(BUDGET_GLOBAL, m.i32.sub(get(), m.i32.const(1))), m.br(stop, m.i32.lt_s(get(), m.i32.const(0)))];
  const fastLoop = m.loop(fast, m.block(null, [...tick, copy], binaryen.auto));
  const leave = (e: Ref) => (concrete ? m.br(out, 0, e) : m.block(null, [e, m.br(out)]));
  const wrapped = m.block(out, [
    m.loop(name, m.block(null, [
      m.block(stop, [m.block(miss, [leave(fastLoop)]), leave(body)]),
      m.call(preempt, [], none),
      m.global.set(BUDGET_GLOBAL, m.select(m.i32.ge_s(get(), m.i32.const(0)), m.i32.add(get(), m.i32.const(1)), m.i32.const(1))),
      m.br(name),
    ])),
  ], concrete ? type : none);
  return type === unreachable ? m.block(null, [wrapped, m.unreachable()], unreachable) : wrapped;
}
