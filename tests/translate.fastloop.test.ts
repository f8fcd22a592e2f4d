// Loop versioning (host/translate/fastloop.ts): a loop that only computes and accesses memory gets
// a call-free copy; a TLB miss runs the iteration again with the slow paths. Random loops (loads
// and stores of every width, aligned or across pages, at addresses whose TLB entries collide,
// stores of loaded values, locals carried between iterations, conditions, early exits, inner
// loops; so misses come after stores and after writes of carried locals, which the fast copy
// undoes; divisions, which keep the budget in __budget) return the same value and leave the same
// memory translated as run natively, spend one budget unit per iteration, inner loops' too, and
// are preempted when it runs out, as often as a single-copy loop; loops that write a global keep
// their single copy, and so do outer loops whose inner loops store.
import binaryen from "binaryen";
import { createHash } from "node:crypto";
import fc from "fast-check";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { addBudget } from "../host/translate/budget";
import { MockMmu } from "../host/translate/mockmmu";
import { rewriteFunctions } from "../host/translate/rewrite";
import { addMmuImports } from "../host/translate/wrappers";
import { OUTPUT_FEATURES } from "../host/translate/features";
import { PAGE_SIZE, WASM_PAGE } from "../kernel/abi/layout";

const MEMORY_PAGES = 20;                         // 1.25 MiB: bases 1 MiB apart share TLB entries
const BASES = [0, 0x0ffe, 0x100000, 0x100ffd];
const LOADS = ["i32.load", "i32.load8_s", "i32.load16_u", "i64.load", "i32.load offset=3", "i64.load offset=4094"];   // (offsets: the rewrite's wrap guard)
const STORES = ["i32.store", "i32.store8", "i32.store16", "i64.store", "i32.store16 offset=4095", "i64.store offset=5"];

// A program has three addresses (so its loads and stores alias); a statement names one as @0 .. @2.
const address = fc.record({ base: fc.constantFrom(...BASES), stride: fc.integer({ min: 1, max: 5000 }) })
  .map(({ base, stride }) => `(i32.add (i32.const ${base}) (i32.and (i32.mul (local.get $i) (i32.const ${stride})) (i32.const 0x1fff8)))`);
const addresses = fc.array(address, { minLength: 3, maxLength: 3 });
// Addresses that move by a fixed step per iteration, up or down (page strips, strip.ts): 0 to 64
// bytes, so 3,000 iterations stay inside the memory; unaligned and page-straddling ones included.
const AFFINE_BASES = [0x30000, 0x30ffe, 0xb0000, 0xb0ffd];
const affineAddress = fc.record({ base: fc.constantFrom(...AFFINE_BASES), step: fc.integer({ min: -64, max: 64 }) })
  .map(({ base, step }) => `(i32.add (i32.const ${base}) (i32.mul (local.get $i) (i32.const ${step})))`);
const affineAddresses = fc.array(affineAddress, { minLength: 3, maxLength: 3 });
const addr = fc.nat(2).map((k) => `@${k}`);
const temp = fc.constantFrom("$t0", "$t1", "$t2");
const value = fc.oneof(
  fc.tuple(temp, fc.integer({ min: 1, max: 255 })).map(([t, k]) => `(i32.add (local.get ${t}) (i32.mul (local.get $i) (i32.const ${k})))`),
  fc.tuple(temp, fc.nat(2)).map(([t, k]) => `(i32.add (local.get ${t}) (i32.load16_s @${k}))`));    // a load inside a store

const load = fc.tuple(temp, fc.constantFrom(...LOADS), addr).map(([t, op, a]) =>
  op.startsWith("i64.load") ? `(local.set ${t} (i32.wrap_i64 (${op} ${a})))` : `(local.set ${t} (${op} ${a}))`);
const store = fc.tuple(fc.constantFrom(...STORES), addr, value).map(([op, a, v]) =>
  op.startsWith("i64.store") ? `(${op} ${a} (i64.extend_i32_u ${v}))` : `(${op} ${a} ${v})`);
const carry = temp.map((t) => `(local.set $acc (i32.xor (i32.rotl (local.get $acc) (i32.const 5)) (local.get ${t})))`);
const exit = temp.map((t) => `(br_if $done (i32.eq (i32.and (local.get ${t}) (i32.const 0xfff)) (i32.const 0x7b)))`);
const divide = fc.tuple(temp, temp).map(([a, b]) => `(local.set $t2 (i32.div_u (local.get ${a}) (i32.or (local.get ${b}) (i32.const 1))))`);
const global = temp.map((t) => `(global.set $g (i32.add (global.get $g) (local.get ${t})))`);   // not versioned
const simple = fc.oneof({ arbitrary: load, weight: 8 }, { arbitrary: store, weight: 4 }, { arbitrary: carry, weight: 2 },
  { arbitrary: exit, weight: 2 }, divide, global);
const guarded = fc.tuple(temp, simple).map(([t, s]) => `(if (i32.and (local.get ${t}) (i32.const 1)) (then ${s}))`);

// An inner loop of 1 to 7 iterations over @n + k << shift (a new page each iteration for 12);
// $IL/$IB are numbered per statement, $TICK counts iterations in the native counting run.
const innerAddr = fc.tuple(addr, fc.constantFrom(2, 12)).map(([a, shift]) => `(i32.add ${a} (i32.shl (local.get $k) (i32.const ${shift})))`);
const innerLoad = fc.tuple(temp, fc.constantFrom(...LOADS), innerAddr).map(([t, op, a]) =>
  op.startsWith("i64.load") ? `(local.set ${t} (i32.wrap_i64 (${op} ${a})))` : `(local.set ${t} (${op} ${a}))`);
const innerStore = fc.tuple(innerAddr, value).map(([a, v]) => `(i32.store ${a} ${v})`);     // keeps the outer loop single
const innerExit = temp.map((t) => `(br_if $IB (i32.eq (i32.and (local.get ${t}) (i32.const 0xff)) (i32.const 0x7b)))`);
const innerStatement = fc.oneof({ arbitrary: innerLoad, weight: 6 }, { arbitrary: carry, weight: 2 }, { arbitrary: innerExit, weight: 2 },
  innerStore, exit);
const inner = fc.tuple(fc.array(innerStatement, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 7 })).map(([st, count]) =>
  `(local.set $k (i32.const 0)) (block $IB (loop $IL $TICK ${st.join(" ")} (local.set $k (i32.add (local.get $k) (i32.const 1))) ` +
  `(br_if $IL (i32.lt_u (local.get $k) (i32.const ${count})))))`);
const body = fc.array(fc.oneof({ arbitrary: simple, weight: 6 }, { arbitrary: guarded, weight: 2 }, inner), { minLength: 1, maxLength: 6 });

function moduleText(statements: string[], at: string[], tick = ""): string {
  const numbered = statements.map((st, n) => st.replace(/\$IL/g, `$il${n}`).replace(/\$IB/g, `$ib${n}`));
  return `(module
    (memory (export "memory") ${MEMORY_PAGES})
    (data (i32.const 0) "${"\\2a\\17\\7b\\00\\91".repeat(1000)}")
    (data (i32.const 0x100000) "${"\\05\\fe\\33\\7b".repeat(1200)}")
    (global $g (mut i32) (i32.const 0))
    (global $iterations (mut i32) (i32.const 0))
    (func (export "_start"))
    (func (export "run") (param $n i32) (result i32) (local $i i32) (local $acc i32) (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $k i32)
      (block $done
        (loop $L
          $TICK
          ${numbered.join("\n          ").replace(/@(\d)/g, (_, k: string) => at[Number(k)])}
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $L (i32.lt_u (local.get $i) (local.get $n)))))
      (i32.xor (i32.xor (local.get $acc) (global.get $g)) (i32.xor (local.get $t0) (i32.add (local.get $t1) (local.get $t2))))))`
    .replace(/\$TICK/g, tick);
}

/** The run's result, the iterations it made and a digest of the whole memory. */
interface Outcome { result: number; iterations: number; memory: string; preempts?: number }

function digest(pageAt: (va: number) => Uint8Array): string {
  const h = createHash("sha256");
  for (let va = 0; va < MEMORY_PAGES * WASM_PAGE; va += PAGE_SIZE) h.update(pageAt(va));
  return h.digest("hex");
}

function runNative(bytes: Uint8Array, n: number): Outcome {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>));
  const result = (exports.run as (n: number) => number)(n);
  const memory = exports.memory as WebAssembly.Memory;
  return { result, iterations: -1, memory: digest((va) => new Uint8Array(memory.buffer, va, PAGE_SIZE)) };
}

async function runTranslated(bytes: Uint8Array, n: number, budget: number): Promise<Outcome> {
  const mmu = new MockMmu(await translate(bytes));
  // ticks counted per slice: a preempt's own tick is taken again when the loop goes on
  let preempts = 0, ticks = 0, start = budget;
  const preempt = () => { preempts++; ticks += start - g.value; g.value = budget; start = budget + 1; };
  const { exports } = mmu.instantiate({ kernel: { preempt } });
  const g = exports.__budget as WebAssembly.Global;
  g.value = budget;
  (exports.__calls as WebAssembly.Global).value = 1 << 30;      // only loops preempt
  const result = (exports.run as (n: number) => number)(n);
  const iterations = ticks + start - g.value - preempts;
  return { result, iterations, preempts, memory: digest((va) => new Uint8Array(mmu.memory.buffer, mmu.physical(va), PAGE_SIZE)) };
}

/** Whether rewriting versions the module's loops: how many fast copies of loops there are, and of
 *  inner loops inside an outer loop's fast copy. */
function fastLoops(bytes: Uint8Array): { loops: number; inner: number; strips: number } {
  const m = binaryen.readBinary(bytes);
  try {
    m.setFeatures(OUTPUT_FEATURES);
    rewriteFunctions(m, (addBudget(m), addMmuImports(m), "__kernel_preempt"));
    const text = m.emitText();
    return { loops: text.match(/\(loop \$__wasmos_vfast/g)?.length ?? 0, inner: text.match(/\(loop \$\S+__wasmos_fast\d+\s/g)?.length ?? 0,
      strips: text.match(/\(loop \$__wasmos_vstrip/g)?.length ?? 0 };
  } finally {
    m.dispose();
  }
}

function versions(bytes: Uint8Array): boolean {
  return fastLoops(bytes).loops > 0;
}

/** Iterations the loops make natively: the same module counting them in a global it returns. */
function nativeIterations(statements: string[], at: string[], n: number): number {
  const m = binaryen.parseText(moduleText(statements, at, "(global.set $iterations (i32.add (global.get $iterations) (i32.const 1)))").replace(
    "(i32.xor (i32.xor (local.get $acc) (global.get $g)) (i32.xor (local.get $t0) (i32.add (local.get $t1) (local.get $t2))))",
    "(global.get $iterations)"));
  try {
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(m.emitBinary() as Uint8Array<ArrayBuffer>));
    return (exports.run as (n: number) => number)(n);
  } finally {
    m.dispose();
  }
}

async function checkRandomLoops(at: fc.Arbitrary<string[]>): Promise<{ versioned: number; single: number; nested: number; stripped: number }> {
  const seen = { versioned: 0, single: 0, nested: 0, stripped: 0 };
  await fc.assert(fc.asyncProperty(body, at, fc.integer({ min: 1, max: 3000 }), fc.constantFrom(1, 7, 1_000_000), async (statements, at, n, budget) => {
    const m = binaryen.parseText(moduleText(statements, at));
    const bytes = m.emitBinary();
    m.dispose();
    const fast = fastLoops(bytes);
    if (fast.loops) seen.versioned++;
    else seen.single++;
    if (fast.inner) seen.nested++;
    if (fast.strips) seen.stripped++;
    const native = runNative(bytes, n);
    const translated = await runTranslated(bytes, n, budget);
    expect({ ...translated, iterations: -1, preempts: undefined }).toEqual(native);
    const iterations = nativeIterations(statements, at, n);
    expect(translated.iterations).toBe(iterations);
    // the first slice runs `budget` iterations, each later one budget + 1 (its first re-ticks)
    expect(translated.preempts).toBe(iterations <= budget ? 0 : Math.ceil((iterations - budget) / (budget + 1)));
  }), { seed: 2026, numRuns: 100 });
  return seen;
}

test("random innermost loops run as natively, one budget unit per iteration", async () => {
  const seen = await checkRandomLoops(addresses);
  expect(seen.versioned).toBeGreaterThan(10);
  expect(seen.single).toBeGreaterThan(10);
  expect(seen.nested).toBeGreaterThan(5);
}, 120_000);

// Strips run many iterations with no TLB check: an address that left its page there would read or
// write the wrong frame, which the memory digest shows.
test("random loops over addresses moving by a fixed step run in page strips as natively", async () => {
  const seen = await checkRandomLoops(affineAddresses);
  expect(seen.stripped).toBeGreaterThan(20);
}, 120_000);

const LOOP = (body: string) => binaryen.parseText(`(module (memory 1) (func (export "_start"))
  (global $g (mut i32) (i32.const 0)) (func $f (param $p i32) (local $i i32) (local $x i32) (loop $L ${body} (br_if $L (local.get $p)))))`);

test.each([
  ["a load, then a store", "(i32.store (local.get $p) (i32.load (local.get $p)))", true],
  ["a temporary written, then read", "(local.set $x (i32.load (local.get $p))) (i32.store (local.get $x) (local.get $x))", true],
  ["two stores", "(i32.store (local.get $p) (i32.const 1)) (i32.store (local.get $i) (i32.const 2))", true],
  ["a carried local written before an access", "(local.set $p (i32.add (local.get $p) (i32.const 4))) (drop (i32.load (local.get $p)))", true],
  ["a global written", "(drop (i32.load (local.get $p))) (global.set $g (local.get $p))", false],
  ["a call", "(drop (i32.load (local.get $p))) (call $f (local.get $p))", false],
  ["no memory access", "(local.set $p (i32.sub (local.get $p) (i32.const 1)))", false],
])("%s: versioned %s", (_, body, expected) => {
  const m = LOOP(body);
  const bytes = m.emitBinary();
  m.dispose();
  expect(versions(bytes)).toBe(expected);
});

// A miss after the iteration changed something: @0 stays in one page for 1,024 iterations, @1
// moves to a new page every iteration, so nearly every iteration misses at its last access.
const NEAR = "(i32.add (i32.const 0x100) (i32.mul (local.get $i) (i32.const 4)))";
const FAR = "(i32.add (i32.const 0x2000) (i32.mul (local.get $i) (i32.const 4096)))";
test.each([
  ["a store is undone", ["(local.set $t0 (i32.load @0))", "(i32.store @0 (i32.add (local.get $t0) (i32.const 1)))", "(local.set $t1 (i32.load @1))"]],
  ["stores are undone last first", ["(i32.store @0 (i32.add (i32.load @0) (i32.const 1)))", "(i32.store16 @0 (i32.mul (i32.load @0) (i32.const 3)))", "(i64.store @1 (i64.const 5))"]],
  ["a local written on some paths only is restored", ["(if (i32.and (local.get $i) (i32.const 1)) (then (local.set $t1 (i32.load @0))))",
    "(local.set $t1 (i32.add (local.get $t1) (i32.const 7)))", "(i32.store @1 (local.get $t1))"]],
  ["a carried local is restored", ["(local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 3)) (local.get $i)))", "(local.set $t1 (i32.load @1))"]],
])("%s", async (_, statements) => {
  const m = binaryen.parseText(moduleText(statements, [NEAR, FAR, NEAR]));
  const bytes = m.emitBinary();
  m.dispose();
  expect(versions(bytes)).toBe(true);
  const translated = await runTranslated(bytes, 250, 1_000_000);
  expect({ ...translated, iterations: -1, preempts: undefined }).toEqual(runNative(bytes, 250));
});

test("the loops of a function reuse their locals: 100 loops of 10 stores add a few dozen, not thousands", () => {
  const loop = (l: number) => `(local.set $i (i32.const 0)) (loop $l${l} ` +
    Array.from({ length: 10 }, (_, k) => `(i32.store offset=${k * 4} (local.get $i) (local.get $i))`).join(" ") +
    ` (local.set $i (i32.add (local.get $i) (i32.const 4))) (br_if $l${l} (i32.lt_u (local.get $i) (local.get $n))))`;
  const m = binaryen.parseText(`(module (memory 1) (func (export "_start"))
    (func (export "f") (param $n i32) (local $i i32) ${Array.from({ length: 100 }, (_, l) => loop(l)).join("\n")}))`);
  const bytes = m.emitBinary();
  m.dispose();
  expect(fastLoops(bytes).loops).toBe(100);
  const r = binaryen.readBinary(bytes);
  try {
    r.setFeatures(OUTPUT_FEATURES);
    rewriteFunctions(r, (addBudget(r), addMmuImports(r), "__kernel_preempt"));
    const locals = Array.from({ length: r.getNumFunctions() }, (_, i) => binaryen.getFunctionInfo(r.getFunctionByIndex(i)).vars.length);
    expect(Math.max(...locals)).toBeLessThan(60);
  } finally {
    r.dispose();
  }
});

// Page strips (strip.ts): which loops get one, and loops built to break a wrong analysis. Each
// runs translated with a budget of 7 and of 1,000,000 and must match the native run.
test.each([
  ["an ascending i32 walk", ["(local.set $t0 (i32.load (i32.add (i32.const 0x30ffe) (i32.shl (local.get $i) (i32.const 2)))))",
    "(local.set $acc (i32.add (local.get $acc) (local.get $t0)))"], 1],
  ["a descending i64 store straddling pages", ["(i64.store (i32.sub (i32.const 0xb0ffd) (i32.mul (local.get $i) (i32.const 12))) (i64.extend_i32_u (local.get $i)))"], 1],
  ["a temporary holds the address (written before it is read)", ["(local.set $t1 (i32.add (i32.const 0x30ff0) (i32.shl (local.get $i) (i32.const 3))))",
    "(i64.store offset=2 (local.get $t1) (i64.add (i64.load (local.get $t1)) (i64.const 3)))"], 1],
  ["a float-to-int conversion can trap: the budget stays in __budget, no strip", ["(local.set $t0 (i32.trunc_f32_s (f32.convert_i32_s (local.get $i))))",
    "(i32.store (i32.add (i32.const 0x30000) (i32.shl (local.get $i) (i32.const 2))) (local.get $t0))"], 0],
  ["a local stepped twice per iteration is no induction variable", ["(local.set $t0 (i32.add (local.get $t0) (i32.const 8)))",
    "(if (i32.and (local.get $i) (i32.const 3)) (then (local.set $t0 (i32.add (local.get $t0) (i32.const 2040)))))",
    "(i32.store (i32.add (i32.const 0x30000) (local.get $t0)) (local.get $i))"], 0],
  ["a step of 4,096 bytes leaves the page every iteration", ["(i32.store (i32.add (i32.const 0x30000) (i32.mul (local.get $i) (i32.const 4096))) (local.get $i))"], 0],
  ["a masked address", ["(i32.store (i32.add (i32.const 0x30000) (i32.and (i32.mul (local.get $i) (i32.const 12)) (i32.const 0xfff8))) (local.get $i))"], 0],
])("%s: %s strip", async (_, statements, strips) => {
  const m = binaryen.parseText(moduleText(statements, []));
  const bytes = m.emitBinary();
  m.dispose();
  expect(fastLoops(bytes).strips).toBe(strips);
  const native = runNative(bytes, 250);
  for (const budget of [7, 1_000_000]) {
    expect({ ...(await runTranslated(bytes, 250, budget)), iterations: -1, preempts: undefined }).toEqual(native);
  }
});

// A step held in a local the loop never writes (sieve's j += i): the set-up multiplies it out,
// refuses it past MAX_STEP (2,048 bytes) either way, and divides by it otherwise; 0 stays put.
test("a pointer stepped by a local: every step, small, large, negative or 0, runs as natively", async () => {
  const m = binaryen.parseText(`(module (memory (export "memory") ${MEMORY_PAGES})
    (data (i32.const 0x70000) "${"\\05\\fe\\33\\7b\\91".repeat(8000)}")
    (global $iterations (mut i32) (i32.const 0))
    (func (export "_start"))
    (func (export "run") (param $n i32) (param $s i32) (result i32) (local $p i32) (local $acc i32) (local $i i32)
      (local.set $p (i32.const 0x80bb9))
      (loop $L
        (i32.store8 (local.get $p) (i32.add (i32.load8_u (local.get $p)) (i32.const 1)))
        (local.set $acc (i32.add (i32.mul (local.get $acc) (i32.const 31)) (i32.load offset=1 (local.get $p))))
        (local.set $p (i32.add (local.get $p) (local.get $s)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $L (i32.lt_u (local.get $i) (local.get $n))))
      (local.get $acc)))`);
  const bytes = m.emitBinary();
  m.dispose();
  expect(fastLoops(bytes).strips).toBe(1);
  const translated = new MockMmu(await translate(bytes));
  const t = translated.instantiate({ kernel: { preempt: () => { (t.exports.__budget as WebAssembly.Global).value = 7; } } });
  (t.exports.__calls as WebAssembly.Global).value = 1 << 30;
  const native = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>));
  const memory = native.exports.memory as WebAssembly.Memory;
  for (const s of [1, 7, 1000, 2048, 2049, 4096, -3, -2048, -2049, 0, 3]) {
    for (const budget of [7, 1_000_000]) {
      (t.exports.__budget as WebAssembly.Global).value = budget;
      const n = Math.abs(s) < 1000 ? 2000 : 100;                         // (small steps cross pages too)
      const got = (t.exports.run as (n: number, s: number) => number)(n, s);
      const want = (native.exports.run as (n: number, s: number) => number)(n, s);
      expect([s, budget, got]).toEqual([s, budget, want]);
      expect(digest((va) => new Uint8Array(translated.memory.buffer, translated.physical(va), PAGE_SIZE)))
        .toBe(digest((va) => new Uint8Array(memory.buffer, va, PAGE_SIZE)));
    }
  }
});
