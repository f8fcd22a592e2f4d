// A kernel panic cannot be caught by a guest: a guest that wraps a kernel entry in try/catch_all
// must not swallow the panic and run on over a half-updated kernel. The machine stops with a
// KernelPanic naming the function ("kernel panic: preempt: ..."), and stays stopped. The panic is
// armed through a test-only kernel export (debugArmPanic), as no guest may reach a real one.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { KernelPanic } from "../host/machine";
import { boot } from "./helpers/machine";
import { wat } from "./helpers/wat";

const SYS = (nr: number, a: number[]) =>
  `(drop (call $syscall (i32.const ${nr}) ${[0, 1, 2, 3, 4, 5].map((i) => `(i64.const ${a[i] ?? 0})`).join(" ")}))`;

const CATCHER = wat(`(module
  (import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "kernel" "preempt" (func $preempt))
  (memory 1)
  (data (i32.const 16) "caught\\n")
  (func $_start
    (try (do (call $preempt)) (catch_all ${SYS(64, [1, 16, 7])}))
    ${SYS(94, [0])})
  (export "_start" (func $_start)))`, binaryen.Features.MVP | binaryen.Features.ExceptionHandling);

test("a guest's catch_all does not catch a kernel panic; the machine stops with the report", async () => {
  const b = await boot();
  (b.m.k as unknown as { debugArmPanic(): void }).debugArmPanic();
  await b.m.spawn(CATCHER, ["catcher"]);
  const err = await b.m.run().then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(KernelPanic);
  expect((err as Error).message).toMatch(/^kernel panic: preempt: /);
  expect(b.stdout()).toBe("");
  await expect(b.m.run()).rejects.toBeInstanceOf(KernelPanic);   // a panicked machine stays down
});
