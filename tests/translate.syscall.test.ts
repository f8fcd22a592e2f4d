// kernel.syscall is kept as the guest imported it and may block: the host unwinds the guest in
// the call, rewinds it later and the syscall then returns the result to the guest.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { translate } from "../host/translate";
import { MockMmu } from "../host/translate/mockmmu";

const WAT = `(module
  (import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (memory 1)
  (func (export "_start")
    (i64.store (i32.const 8)
      (i64.add (i64.const 1)
        (call $syscall (i32.const 3) (i64.const 0) (i64.const 8) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0))))))`;

const ASYNC_DATA = 0x8000;
const UNWINDING = 1, REWINDING = 2;

interface Guest {
  _start(): void;
  asyncify_start_unwind(p: number): void;
  asyncify_stop_unwind(): void;
  asyncify_start_rewind(p: number): void;
  asyncify_stop_rewind(): void;
  asyncify_get_state(): number;
}

test("a blocking syscall unwinds, and returns its result after the rewind", async () => {
  const m = binaryen.parseText(WAT);
  const mmu = new MockMmu(await translate(m.emitBinary()));
  m.dispose();
  const seen: bigint[][] = [];
  let g: Guest;
  const syscall = (nr: number, ...args: bigint[]): bigint => {
    if (g.asyncify_get_state() === REWINDING) { g.asyncify_stop_rewind(); return 41n; }
    seen.push([BigInt(nr), ...args]);
    g.asyncify_start_unwind(ASYNC_DATA);                // block: the data is not there yet
    return 0n;
  };
  g = mmu.instantiate({ kernel: { syscall } }).exports as unknown as Guest;
  new DataView(mmu.memory.buffer).setUint32(ASYNC_DATA, ASYNC_DATA + 8, true);
  new DataView(mmu.memory.buffer).setUint32(ASYNC_DATA + 4, ASYNC_DATA + 1024, true);
  g._start();
  expect(g.asyncify_get_state()).toBe(UNWINDING);
  g.asyncify_stop_unwind();
  g.asyncify_start_rewind(ASYNC_DATA);
  g._start();
  expect(seen).toEqual([[3n, 0n, 8n, 0n, 0n, 0n, 0n]]);
  expect(new DataView(mmu.read(8, 8).buffer).getBigInt64(0, true)).toBe(42n);
});
