import asc from "assemblyscript/asc";
import { translate } from "./host/translate/index.ts";
import { MockMmu } from "./host/translate/mockmmu.ts";
const SRC = `export function sieve(n: i32): i32 {
    const composite = new Uint8Array(n + 1);
    let count = 0;
    for (let i = 2; i <= n; i++) { if (composite[i]) continue; count++; for (let j = i * i; j <= n; j += i) composite[j] = 1; }
    return count;
  }`;
for (const runtime of ["stub", "incremental"]) for (const bulk of [true, false]) {
  const r = await asc.compileString(SRC, { optimizeLevel: 3, runtime, importMemory: true, exportStart: "_start", ...(bulk ? {} : { disable: ["bulk-memory"] }) });
  const t = await translate(r.binary!);
  const mmu = new MockMmu(t);
  const g: any = mmu.instantiate().exports;
  g._start();
  const out: any[] = [];
  for (const n of [10, 1000, 300000]) { try { out.push(g.sieve(n)); } catch (e) { out.push((e as Error).message); } }
  console.log(runtime, bulk, out, mmu.calls);
}
