// The minimiser: given a failing program and a test "does it still fail the same way?", drops calls
// (halves, then quarters, ... then single calls, as delta debugging does) and simplifies arguments
// (a value to 0, then each set bit cleared, a reference to a plain -1) while the failure persists.
// A dropped call's results become -1 in the calls that used them; later references are renumbered.
// Last, the bytes of the program's buffer that the failure does not need are cleared.
// With prefixFirst, it first bisects for the shortest failing prefix (few tries: for hangs).
// Interface: minimise(program, stillFails, { maxTries, prefixFirst }) -> { program, tries }; dropCalls(program, from, to).
import { ArgKind, BUF_BASE } from "./wire";
import { val, type Arg, type Program } from "./program";

export type StillFails = (p: Program) => Promise<boolean>;

/** The program without calls [from, to). */
export function dropCalls(p: Program, from: number, to: number): Program {
  const n = to - from;
  const fix = (a: Arg): Arg => {
    if (a.kind !== ArgKind.result || a.ref < from) return a;
    return a.ref < to ? val(-1n) : { ...a, ref: a.ref - n };
  };
  return { data: p.data, calls: [...p.calls.slice(0, from), ...p.calls.slice(to)].map((c) => ({ nr: c.nr, args: c.args.map(fix) })) };
}

function withArg(p: Program, i: number, k: number, a: Arg): Program {
  const calls = p.calls.slice();
  calls[i] = { nr: calls[i].nr, args: calls[i].args.map((x, j) => (j === k ? a : x)) };
  return { data: p.data, calls };
}

// Simpler forms of an argument, simplest first: 0, then one set bit cleared (of the low 32 bits,
// kept sign-extended, when the value is a negative 32-bit number such as AT_FDCWD or -1).
function simpler(a: Arg): Arg[] {
  if (a.kind !== ArgKind.value) return [val(-1n), val(0n)];
  if (a.value === 0n) return [];
  const out = [val(0n)];
  const v = BigInt.asIntN(64, a.value), neg32 = v < 0n && v >= -(1n << 31n);
  for (let b = neg32 ? 30n : 63n; b >= 0n; b--) {
    if (!((a.value >> b) & 1n) || a.value === 1n << b) continue;
    out.push(val(neg32 ? BigInt.asIntN(32, a.value & ~(1n << b)) : a.value & ~(1n << b)));
  }
  return out.slice(0, 17);
}

// The buffer as runs of nonzero bytes: [start, end) pairs.
function runs(d: Uint8Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < d.length;) {
    if (d[i] === 0) { i++; continue; }
    let j = i;
    while (j < d.length && d[j] !== 0) j++;
    out.push([i, j]);
    i = j;
  }
  return out;
}

// The runs, each also cut where an argument points into its middle.
function pieces(d: Uint8Array, used: Set<number>): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of runs(d)) {
    const cuts = [...used].filter((x) => x > s && x < e).sort((a, b) => a - b);
    let from = s;
    for (const c of cuts) { out.push([from, c]); from = c; }
    out.push([from, e]);
  }
  return out;
}

function withoutRuns(p: Program, drop: (r: [number, number]) => boolean, used: Set<number>): Program {
  const data = p.data.slice();
  for (const r of pieces(p.data, used)) if (drop(r)) data.fill(0, r[0], r[1]);
  let n = data.length;
  while (n > 0 && data[n - 1] === 0) n--;
  return { data: data.slice(0, n), calls: p.calls };
}

// Buffer offsets the arguments point at (the start of a path, an iovec, a sockaddr...).
function pointedAt(p: Program): Set<number> {
  const at = new Set<number>();
  for (const c of p.calls) for (const a of c.args) {
    if (a.kind === ArgKind.mem32) at.add(a.ref);
    else if (a.kind === ArgKind.value && a.value >= BigInt(BUF_BASE) && a.value < BigInt(BUF_BASE + p.data.length)) at.add(Number(a.value) - BUF_BASE);
  }
  return at;
}

// Clear the parts of the buffer the failure does not need: all of it, else what no argument points
// at, then run by run.
async function shrinkData(p: Program, attempt: (q: Program) => Promise<boolean>, left: () => boolean): Promise<Program> {
  if (!p.data.length) return p;
  const empty = { data: new Uint8Array(0), calls: p.calls };
  if (await attempt(empty)) return empty;
  const used = pointedAt(p);
  const q = withoutRuns(p, ([s, e]) => ![...used].some((x) => x >= s && x < e), used);
  if (q.data.length < p.data.length && await attempt(q)) p = q;
  for (const r of pieces(p.data, used).reverse()) {
    if (!left()) break;
    const q = withoutRuns(p, ([s]) => s === r[0], used);
    if (await attempt(q)) p = q;
  }
  return p;
}

export async function minimise(p: Program, stillFails: StillFails, opts: { maxTries?: number; prefixFirst?: boolean } = {}): Promise<{ program: Program; tries: number }> {
  const max = opts.maxTries ?? 400;
  let tries = 0;
  const attempt = async (q: Program) => (tries++ < max ? stillFails(q) : false);
  if (opts.prefixFirst) {                 // the shortest failing prefix, by bisection (hangs: each try is slow)
    let lo = 1, hi = p.calls.length;
    while (lo < hi && tries < max) {
      const mid = (lo + hi) >> 1;
      if (await attempt({ data: p.data, calls: p.calls.slice(0, mid) })) hi = mid; else lo = mid + 1;
    }
    p = { data: p.data, calls: p.calls.slice(0, hi) };
  }
  for (let chunk = Math.max(1, p.calls.length >> 1); chunk >= 1; chunk >>= 1) {
    for (let from = p.calls.length - chunk; from >= 0 && tries < max; from -= chunk) {
      const q = dropCalls(p, from, Math.min(p.calls.length, from + chunk));
      if (q.calls.length < p.calls.length && await attempt(q)) p = q;
    }
    if (chunk === 1) break;
  }
  for (let i = 0; i < p.calls.length && tries < max; i++) {
    for (let k = 0; k < 6 && tries < max; k++) {
      for (let changed = true; changed && tries < max;) {
        changed = false;
        for (const a of simpler(p.calls[i].args[k])) {
          const q = withArg(p, i, k, a);
          if (await attempt(q)) { p = q; changed = true; break; }
        }
      }
    }
  }
  p = await shrinkData(p, attempt, () => tries < max);
  return { program: p, tries: Math.min(tries, max) };
}
