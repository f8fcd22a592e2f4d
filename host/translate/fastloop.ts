// Loop versioning: a loop whose body calls nothing but the access wrappers gets a second,
// call-free copy that runs while every access hits the TLB. A miss leaves that copy, undoes what
// the iteration did, and runs the iteration again from its start in the original body (whose
// wrappers call the slow path), then goes back to the fast copy. V8's optimizing tier keeps a loop
// without calls in registers: with a never-taken call in the body it spilled the address and TLB
// slot around it on every iteration (docs/performance.md, "Guest compute").
// Undoing the iteration: at its start the fast copy saves each loop-carried local (one the body
// may read before it writes it) that it may write before an access, and each store that an access may
// follow first reads the bytes it overwrites (a miss puts them back, last store first). Locals the
// body writes before it reads them are computed again, loads read the same bytes again. Nothing
// else can happen in the body (no calls, no global.set): the iteration runs again as if for the
// first time, the same slow paths run in the same order as in the plain loop, and the traces and
// counts do not change. The preemption tick is tickedLoop's (budget.ts): one unit per iteration,
// counted in a local inside the fast copy and written back to __budget whenever it is left (a
// body that can trap keeps counting in __budget: the host charges a dying slice by it).
// A loop whose body holds such loops (one level, none of them storing) is versioned too: its fast
// copy runs fast copies of the inner loops, and any miss in them runs the outer iteration again
// (the inner iterations' budget given back). An outer iteration longer than a time slice may run
// twice as long once per slice: the end of the budget in an inner loop is a miss too.
// Which loops qualify and what a miss undoes: loopplan.ts.
// Interface: versionedLoop(module, loop, preempt, fn, addVar) -> the replacement, or null when
// the loop does not qualify (tickedLoop then handles it); newFunction(addVar) at each function's
// start.
import binaryen from "binaryen";
import { BUDGET_GLOBAL } from "./abi";
import { preemptAndGiveBack } from "./budget";
import { accessor, kindName } from "./children";
import { callAccess, forgetLoops, innerLoopOf, planFor, rememberLoop, type Inner, type Plan } from "./loopplan";
import { walk } from "./walk";
import { fastStore, inlineAccess, stripAccess, stripRoom, valueType, type Access, type StoreLog } from "./wrappers";
import { loopWrites, stripAddress, type Step, type Writes } from "./strip";

type Ref = binaryen.ExpressionRef;
type M = binaryen.Module;
type AddVar = (t: binaryen.Type) => number;
const { i32, none, unreachable } = binaryen;

/** Locals every inlined access of a function shares (a load's address and any access's TLB entry
 *  are used before another access runs; a store's address is not: its value may hold loads). */
let shared: { addVar: AddVar; va?: number; e?: number; values: Map<binaryen.Type, number> } = { addVar: () => -1, values: new Map() };

/** The other locals a versioned loop needs, reused by the next loop of the function (a loop's are
 *  dead outside it, and an outer loop's are dead while its original body runs an inner loop's):
 *  the k-th local of type t a loop takes is "t:k". Without it a function of many loops had tens
 *  of thousands of locals, which asyncify saves and restores at each of its calls. */
let pool = new Map<string, number>();

/** Forgets the loops versioned so far and the locals: called at each function's start, with the
 *  way to add a local to it. */
export function newFunction(addVar: AddVar): void {
  forgetLoops();
  shared = { addVar, values: new Map() };
  pool = new Map();
}

/** A local-taker for one loop: the k-th of type t is the pool's "t:k". */
function pooled(addVar: AddVar): AddVar {
  const counts = new Map<binaryen.Type, number>();
  return (t) => {
    const k = counts.get(t) ?? 0;
    counts.set(t, k + 1);
    const key = `${t}:${k}`;
    let index = pool.get(key);
    if (index === undefined) pool.set(key, index = addVar(t));
    return index;
  };
}

let versioned = 0;                              // numbers the labels versionedLoop adds

/** The locals a logged store keeps: the physical address it wrote (0 until it runs) and the old bytes. */
interface Logged extends StoreLog { access: Access }

/** What a fast copy is made with: its labels' new names (the loop's own to the fast loop's), the
 *  miss label, the budget, the plan and the log the logged stores' records go to. */
interface Copying { m: M; names: Map<string, string>; suffix: string; miss: string; budget: Counter; plan: Plan; log: Logged[]; take: AddVar; site: number; strip?: Strip }

/** A strip copy's accesses: each one's address (a copy, evaluated before the strip), step and
 *  addend local; ok until an access is found that is not affine (strip.ts). */
interface Strip { writes: Writes; sites: { address: Ref; access: Access; step: Step; add: number }[]; ok: boolean }

/** A copy of body with its labels renamed and every access inlined, a miss branching to `miss`;
 *  the budget is written back before each branch out of the loop and each return. An inner loop
 *  versioned before becomes a fast loop of its own original body, ticking the same budget, whose
 *  misses and end of budget are misses of this loop. */
function fastCopy(c: Copying, body: Ref): Ref {
  const { m, names, suffix } = c;
  const rename = (n: string) => names.get(n) ?? n;
  const inner = new Map<Ref, Inner>();
  const enter = (e: Ref) => {
    const loop = innerLoopOf(e);
    if (loop) {
      inner.set(e, loop);
      while ((accessor("Block", "getNumChildren")(e) as number) > 0) accessor("Block", "removeChildAt")(e, 0);
      return;
    }
    const name = kindName(e) === "Block" ? (accessor("Block", "getName")(e) as string | null) : null;
    if (name) {
      names.set(name, name + suffix);
      setName("Block", "setName", e, name + suffix);
    }
  };
  const leaves = (e: Ref, kind: string) => kind === "Return" || targets(e, kind).some((n) => !names.has(n));
  const leave = (e: Ref): Ref => {
    const loop = inner.get(e);
    if (loop) return innerFastLoop(c, loop, (b) => walk(m.copyExpression(b), enter, leave, true));
    const kind = kindName(e);
    const out = leaves(e, kind);
    if (kind === "Break") setName("Break", "setName", e, rename(accessor("Break", "getName")(e) as string));
    if (kind === "Switch") retargetSwitch(e, rename);
    if (out && c.budget.inLocal) return m.block(null, [...c.budget.flush(), e], binaryen.auto);
    const access = callAccess(e);
    if (!access) return e;
    if (c.strip) return stripped(m, e, access, c.strip, c.take);
    let record: Logged | undefined;
    if (c.plan.logged.has(c.site++)) c.log.push(record = { access, phys: c.take(i32), old: c.take(valueType(access.bytes)) });
    return inlined(m, e, access, c.miss, c.take, record);
  };
  return walk(m.copyExpression(body), enter, leave, true);
}

/** `loop $inner' { b -= 1; br_if $miss (b < 0); copy of the inner body }` */
function innerFastLoop(c: Copying, loop: Inner, copy: (body: Ref) => Ref): Ref {
  const { m, budget } = c;
  const label = `${loop.name ?? "__wasmos_inner"}${c.suffix}`;
  if (loop.name) c.names.set(loop.name, label);
  const tick = [budget.set(m.i32.sub(budget.get(), m.i32.const(1))), m.br(c.miss, m.i32.lt_s(budget.get(), m.i32.const(0)))];
  return m.loop(label, m.block(null, [...tick, copy(loop.body)], binaryen.auto));
}

/** The labels a br or br_table names. */
function targets(e: Ref, kind: string): string[] {
  if (kind === "Break") return [accessor("Break", "getName")(e) as string];
  if (kind !== "Switch") return [];
  const count = accessor("Switch", "getNumNames")(e) as number;
  const names = Array.from({ length: count }, (_, i) => accessor("Switch", "getNameAt")(e, i) as string);
  return [...names, accessor("Switch", "getDefaultName")(e) as string];
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
function inlined(m: M, call: Ref, access: Access, miss: string, take: AddVar, log?: StoreLog): Ref {
  const t = valueType(access.bytes);
  const value = access.store ? shared.values.get(t) ?? shared.addVar(t) : -1;
  if (access.store) shared.values.set(t, value);
  const locals = { va: access.store ? take(i32) : (shared.va ??= shared.addVar(i32)), e: (shared.e ??= shared.addVar(i32)), value };
  const operand = (i: number) => accessor("Call", "getOperandAt")(call, i) as Ref;
  const sets = [m.local.set(locals.va, operand(0))];
  if (access.store) sets.push(m.local.set(locals.value, operand(1)));
  return m.block(null, [...sets, inlineAccess(m, access, locals, m.br(miss), log)], access.store ? none : t);
}

/** A wrapper call in a strip copy: the access with the addend its site's set-up found, no check. */
function stripped(m: M, call: Ref, access: Access, strip: Strip, take: AddVar): Ref {
  const address = accessor("Call", "getOperandAt")(call, 0) as Ref;
  const moving = stripAddress(m, address, strip.writes);
  if (!moving) { strip.ok = false; return call; }
  const add = take(i32);
  strip.sites.push({ address: moving.first, access, step: moving.step, add });
  const value = access.store ? accessor("Call", "getOperandAt")(call, 1) as Ref : 0;
  return stripAccess(m, access, address, value, add);
}

/** Puts back the bytes of each logged store that ran, the last one first. */
function undoStores(m: M, log: Logged[]): Ref[] {
  return [...log].reverse().map(({ access, phys, old }) => {
    const store = fastStore(m, access.bytes, m.local.get(phys, i32), m.local.get(old, valueType(access.bytes)));
    return m.if(m.local.get(phys, i32), store);
  });
}

/** The type of local `index` of fn (binaryen's function info lists params and vars apart). */
function localType(fn: binaryen.FunctionRef, index: number): binaryen.Type {
  const info = binaryen.getFunctionInfo(fn);
  const params = binaryen.expandType(info.params);
  return index < params.length ? params[index] : info.vars[index - params.length];
}

/**
 *    block $out (the loop's type)
 *      loop $L                       (the loop's own name: the original body's `br $L` comes here)
 *        block $preempt
 *          block $miss
 *            b = __budget
 *            br $out (loop $fast { b -= 1; br_if $preempt (b < 0);
 *                                  save carried locals; logged stores' addresses = 0; fast copy }
 *                     then __budget = b)
 *          end
 *          __budget = b; undo the logged stores; restore the saved locals
 *          br $out (original body)   (the iteration again, with the slow paths; no tick)
 *        end
 *        __budget = b; kernel.preempt(); __budget = __budget < 0 ? 1 : __budget + 1
 *        br $L
 *      end
 *    end
 *  (b is __budget itself when the body can trap; the fast copy writes __budget = b before it
 *  branches out of the loop or returns.)
 */
export function versionedLoop(m: M, loop: Ref, preempt: string, fn: binaryen.FunctionRef, addVar: AddVar): Ref | null {
  const body = accessor("Loop", "getBody")(loop) as Ref;
  const plan = planFor(body);
  if (!plan) return null;
  const take = pooled(addVar);
  const n = versioned++;
  const own = accessor("Loop", "getName")(loop) as string | null;
  const labels: Labels = { loop: own ?? `__wasmos_loop${n}`, out: `__wasmos_vout${n}`, fast: `__wasmos_vfast${n}`,
    stop: `__wasmos_vpreempt${n}`, miss: `__wasmos_vmiss${n}`, fastEnd: `__wasmos_vfastend${n}` };
  const budget = new Counter(m, plan.traps ? null : take(i32));
  const log: Logged[] = [];
  const names = new Map<string, string>([[labels.loop, labels.fast]]);
  const copy = fastCopy({ m, names, suffix: `__wasmos_fast${n}`, miss: labels.miss, budget, plan, log, take, site: 0 }, body);
  rememberLoop(labels.out, { name: own, body, nested: plan.nested });
  const { prologue, undo } = iterationState(m, plan, { budget, log, stop: labels.stop, take, fn });
  const strip = plan.nested || !budget.inLocal || binaryen.getExpressionType(loop) !== none ? null
    : stripRun(m, body, labels, { n, budget, plan, take });
  const fastLoop = strip
    ? m.block(labels.fastEnd, [m.loop(labels.fast, m.block(null, [strip, ...prologue, copy]))])
    : m.loop(labels.fast, m.block(null, [...prologue, copy], binaryen.auto));
  return assemble(m, binaryen.getExpressionType(loop), labels, { budget, fastLoop, undo, body, preempt, take });
}

interface Labels { loop: string; out: string; fast: string; stop: string; miss: string; fastEnd: string }

/**
 *    block $checked
 *      set-up: for each access, its address A0 now, its TLB entry (a hit, or no strip) and the
 *              iterations r its addresses stay in A0's page; n = min(b, every r)
 *      br_if $checked (n < 1)
 *      stop = b - n
 *      loop $strip
 *        block $next   (the body's `br $L` comes here)
 *          b -= 1; copy of the body, each access at va + its addend, unchecked
 *          br $fastEnd (the body ended: so does the loop)
 *        end
 *        br_if $strip (b > stop)
 *      end
 *      br $fast
 *    end
 *  at the start of each fast iteration, before its tick: null when an access is not affine
 *  (strip.ts). The budget is spent as in the fast copy, one unit per iteration, and never runs
 *  out inside a strip (n <= b).
 */
function stripRun(m: M, body: Ref, l: Labels, o: { n: number; budget: Counter; plan: Plan; take: AddVar }): Ref | null {
  const { budget, take } = o;
  const strip: Strip = { writes: loopWrites(o.plan.writes), sites: [], ok: true };
  const next = `__wasmos_vnext${o.n}`;
  const names = new Map<string, string>([[l.loop, next]]);
  const copy = fastCopy({ m, names, suffix: `__wasmos_strip${o.n}`, miss: l.miss, budget, plan: o.plan, log: [], take, site: 0, strip }, body);
  if (!strip.ok) return null;
  const count = take(i32), stop = take(i32), address = take(i32), entry = take(i32), room = take(i32), scratch = take(i32);
  const setup = [m.local.set(count, budget.get())];
  for (const site of strip.sites) {
    const r = stripRoom(m, site.access, site.step, { address, entry, add: site.add, scratch });
    setup.push(m.local.set(address, site.address), ...r.setup, m.local.set(room, r.value),
      m.if(m.i32.lt_s(m.local.get(room, i32), m.local.get(count, i32)), m.local.set(count, m.local.get(room, i32))));
  }
  const checked = `__wasmos_vchecked${o.n}`, loop = `__wasmos_vstrip${o.n}`;
  return m.block(checked, [
    ...setup,
    m.br(checked, m.i32.lt_s(m.local.get(count, i32), m.i32.const(1))),
    m.local.set(stop, m.i32.sub(budget.get(), m.local.get(count, i32))),
    m.loop(loop, m.block(null, [
      m.block(next, [budget.set(m.i32.sub(budget.get(), m.i32.const(1))), copy, m.br(l.fastEnd)]),
      m.br(loop, m.i32.gt_s(budget.get(), m.local.get(stop, i32))),
    ])),
    m.br(l.fast),
  ]);
}

/** The fast iteration's prologue (the tick, saves, the log cleared) and what a miss undoes. */
function iterationState(m: M, plan: Plan, o: { budget: Counter; log: Logged[]; stop: string; take: AddVar; fn: binaryen.FunctionRef }): { prologue: Ref[]; undo: Ref[] } {
  const { budget, log, take, fn } = o;
  const ticks = plan.nested ? take(i32) : -1;       // the budget after this iteration's tick
  const saves = plan.saved.map((index) => ({ index, type: localType(fn, index) })).map((s) => ({ ...s, copy: take(s.type) }));
  const prologue = [
    budget.set(m.i32.sub(budget.get(), m.i32.const(1))), m.br(o.stop, m.i32.lt_s(budget.get(), m.i32.const(0))),
    ...(plan.nested ? [m.local.set(ticks, budget.get())] : []),
    ...saves.map((s) => m.local.set(s.copy, m.local.get(s.index, s.type))),
    ...log.map((l) => m.local.set(l.phys, m.i32.const(0))),
  ];
  const undo = [
    ...(plan.nested ? [budget.set(m.local.get(ticks, i32))] : []),
    ...budget.flush(),
    ...undoStores(m, log),
    ...saves.map((s) => m.local.set(s.index, m.local.get(s.copy, s.type))),
  ];
  return { prologue, undo };
}

/** The structure drawn above versionedLoop, for a loop of `type`. */
function assemble(m: M, type: binaryen.Type, l: Labels, p: { budget: Counter; fastLoop: Ref; undo: Ref[]; body: Ref; preempt: string; take: AddVar }): Ref {
  const concrete = type !== none && type !== unreachable;
  const result = concrete ? p.take(type) : -1;
  const fastThenOut = concrete
    ? m.br(l.out, 0, m.block(null, [m.local.set(result, p.fastLoop), ...p.budget.flush(), m.local.get(result, type)], type))
    : m.block(null, [p.fastLoop, ...p.budget.flush(), m.br(l.out)]);
  const slowThenOut = concrete ? m.br(l.out, 0, p.body) : m.block(null, [p.body, m.br(l.out)]);
  const wrapped = m.block(l.out, [
    m.loop(l.loop, m.block(null, [
      m.block(l.stop, [m.block(l.miss, [...p.budget.load(), fastThenOut]), ...p.undo, slowThenOut]),
      ...p.budget.flush(),
      ...preemptAndGiveBack(m, p.preempt),
      m.br(l.loop),
    ])),
  ], concrete ? type : none);
  return type === unreachable ? m.block(null, [wrapped, m.unreachable()], unreachable) : wrapped;
}

/** The fast copy's budget: a local loaded from __budget and written back (flush) when the copy is
 *  left, or __budget itself (no local: load and flush are empty). */
class Counter {
  constructor(private readonly m: M, private readonly local: number | null) {}
  get inLocal(): boolean {
    return this.local !== null;
  }
  get(): Ref {
    return this.local === null ? this.m.global.get(BUDGET_GLOBAL, i32) : this.m.local.get(this.local, i32);
  }
  set(value: Ref): Ref {
    return this.local === null ? this.m.global.set(BUDGET_GLOBAL, value) : this.m.local.set(this.local, value);
  }
  load(): Ref[] {
    return this.local === null ? [] : [this.m.local.set(this.local, this.m.global.get(BUDGET_GLOBAL, i32))];
  }
  flush(): Ref[] {
    return this.local === null ? [] : [this.m.global.set(BUDGET_GLOBAL, this.m.local.get(this.local, i32))];
  }
}
