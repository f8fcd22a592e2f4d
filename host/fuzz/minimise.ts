// The minimiser: given a failing program and a test "does it still fail the same way?", drops calls
// (halves, then quarters, ... then single calls, as delta debugging does) and simplifies arguments
// (a value to 0, then each set bit cleared, a reference to a plain -1) while the failure persists.
// A dropped call's results become -1 in the calls that used them; later references are renumbered.
// Interface: minimise(program, stillFails, { maxTries }) -> { program, tries }.
import { ArgKind } from "./wire";
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

// Simpler forms of an argument, simplest first.
function simpler(a: Arg): Arg[] {
  if (a.kind !== ArgKind.value) return [val(-1n), val(0n)];
  if (a.value === 0n) return [];
  const out = [val(0n)];
  for (let b = 63n; b >= 0n; b--) if ((a.value >> b) & 1n && a.value !== 1n << b) out.push(val(a.value & ~(1n << b)));
  return out.slice(0, 17);
}

export async function minimise(p: Program, stillFails: StillFails, opts: { maxTries?: number } = {}): Promise<{ program: Program; tries: number }> {
  const max = opts.maxTries ?? 400;
  let tries = 0;
  const attempt = async (q: Program) => (tries++ < max ? stillFails(q) : false);
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
  return { program: p, tries: Math.min(tries, max) };
}
