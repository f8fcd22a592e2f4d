// A real AssemblyScript guest (incremental GC runtime, heap growth through memory.grow, bulk
// memory, strings from data segments) computes the same results translated as natively.
import asc from "assemblyscript/asc";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const SOURCE = `
  export function sieve(n: i32): i32 {
    const composite = new Uint8Array(n + 1);
    let count = 0;
    for (let i = 2; i <= n; i++) {
      if (composite[i]) continue;
      count++;
      for (let j = <i64>i * i; j <= n; j += i) composite[<i32>j] = 1;
    }
    return count;
  }

  export function checksum(n: i32): f64 {
    const words = new Array<string>();
    for (let i = 0; i < n; i++) words.push("item-" + i.toString());
    const joined = words.join(",");
    let h: u64 = 1469598103934665603;
    for (let i = 0; i < joined.length; i++) h = (h ^ <u64>joined.charCodeAt(i)) * 1099511628211;
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = <f64>i / 3.0;
    let s = 0.0;
    for (let i = 0; i < n; i++) s += f[i];
    return <f64>(h % 1000003) + s;
  }
`;

async function compile(): Promise<Uint8Array<ArrayBuffer>> {
  const { binary, error, stderr } = await asc.compileString(SOURCE, {
    optimizeLevel: 3, runtime: "incremental", importMemory: true, exportStart: "_start",
  });
  if (error || !binary) throw new Error(`asc failed: ${stderr.toString()}`);
  return new Uint8Array(binary);
}

interface Guest { _start(): void; sieve(n: number): number; checksum(n: number): number }

test("an AssemblyScript guest runs the same translated and native", async () => {
  const bytes = await compile();
  const native = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    env: { memory: new WebAssembly.Memory({ initial: 1 }), abort: () => { throw new Error("abort"); } },
  }).exports as unknown as Guest;
  const mmu = new MockMmu(await translate(bytes));
  const guest = mmu.instantiate().exports as unknown as Guest;
  native._start();
  guest._start();
  for (const n of [10, 1000, 300000]) expect(guest.sieve(n)).toBe(native.sieve(n));
  expect(guest.checksum(5000)).toBe(native.checksum(5000));
  expect(mmu.pages).toBeGreaterThan(1);                    // the heap grew through mmu.grow
  expect(mmu.calls.grow).toBeGreaterThan(0);
}, 30000);
