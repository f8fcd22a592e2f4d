// The inline TLB fast path is really used: after one slow-path miss fills the TLB entry, further
// accesses to the same page stay in the guest; stores need the write tag; page-crossing accesses
// always take the slow path; and no call to an access wrapper is left in the output.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const WAT = `(module
  (memory 1)
  (func (export "_start"))
  (func (export "ld") (param i32) (result i32) (i32.load (local.get 0)))
  (func (export "st") (param i32 i32) (i32.store (local.get 0) (local.get 1))))`;

const m = binaryen.parseText(WAT);
const output = await translate(m.emitBinary());
m.dispose();

type Ld = (va: number) => number;
type St = (va: number, v: number) => void;

test("a second access to the same page does not call the slow path", () => {
  const mmu = new MockMmu(output);
  const { ld, st } = mmu.instantiate().exports as { ld: Ld; st: St };
  ld(0x3000);
  expect(mmu.slowLoads).toBe(1);
  ld(0x3004);
  ld(0x3ffc);
  expect(mmu.slowLoads).toBe(1);
  st(0x3008, 7);                       // the read fill gave no write permission
  expect(mmu.slowStores).toBe(1);
  st(0x300c, 8);
  expect(mmu.slowStores).toBe(1);
  expect([ld(0x3008), ld(0x300c), mmu.slowLoads]).toEqual([7, 8, 1]);
});

test("page-crossing accesses always take the slow path", () => {
  const mmu = new MockMmu(output);
  const { ld, st } = mmu.instantiate().exports as { ld: Ld; st: St };
  ld(0x3000);
  ld(0x4000);
  st(0x3ffe, 0x11223344);
  st(0x3ffe, 0x11223344);
  expect(ld(0x3ffe)).toBe(0x11223344);
  expect(ld(0x3ffe)).toBe(0x11223344);
  expect([mmu.slowLoads, mmu.slowStores]).toEqual([4, 2]);
});

test("no call to a wrapper remains: every call targets an import", () => {
  const out = binaryen.readBinary(output.wasm);
  const calls = [...out.emitText().matchAll(/\(call \$(\S+)/g)].map((c) => c[1]);
  out.dispose();
  expect(calls.length).toBeGreaterThan(0);
  expect(calls.every((name) => name.startsWith("fimport$"))).toBe(true);
});
