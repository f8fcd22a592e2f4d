// A guest that blocks with a deep call stack cannot write past its asyncify save area. Asyncify
// checks the area's end only when the unwind stops, after every frame has been written; the
// machine must make the overflow itself unable to reach other memory. Here "deep" (slot 0) sleeps
// 1000 calls down, its frames far more than the 32 KiB save area, while "neighbour" (slot 1, the
// area after deep's) is asleep: deep dies with SIGSEGV, the neighbour wakes and finishes normally,
// and every frame is free again afterwards (kernel tables intact).
import { expect, test } from "vitest";
import { meminfo } from "../host/inspect";
import { Sig } from "../kernel/abi/signals";
import { boot } from "./helpers/machine";
import { wat } from "./helpers/wat";

const SYSCALL = `(import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))`;
const sys = (nr: number, a: (string | number)[]) =>
  `(call $syscall (i32.const ${nr}) ${[0, 1, 2, 3, 4, 5].map((i) => typeof a[i] === "string" ? a[i] : `(i64.const ${a[i] ?? 0})`).join(" ")})`;
// nanosleep(&ts at 64, 0) with ts = {0, ns}
const sleep = (ns: number) => `(i64.store (i32.const 64) (i64.const 0)) (i64.store (i32.const 72) (i64.const ${ns}))
    (drop ${sys(101, [64, 0])})`;

// Eight i64 locals stay live across the recursive call, so asyncify saves them in every frame.
const DEEP = wat(`(module ${SYSCALL}
  (memory 1)
  (func $rec (param $n i32) (result i64) (local $a i64) (local $b i64) (local $c i64) (local $d i64)
    (local $e i64) (local $f i64) (local $g i64) (local $h i64) (local $r i64)
    (local.set $a (i64.load (i32.const 0))) (local.set $b (i64.load (i32.const 8)))
    (local.set $c (i64.load (i32.const 16))) (local.set $d (i64.load (i32.const 24)))
    (local.set $e (i64.load (i32.const 32))) (local.set $f (i64.load (i32.const 40)))
    (local.set $g (i64.load (i32.const 48))) (local.set $h (i64.load (i32.const 56)))
    (if (i32.eqz (local.get $n)) (then ${sleep(5_000_000)}) (else (local.set $r (call $rec (i32.sub (local.get $n) (i32.const 1))))))
    (i64.add (local.get $r) (i64.add (i64.add (i64.add (local.get $a) (local.get $b)) (i64.add (local.get $c) (local.get $d)))
      (i64.add (i64.add (local.get $e) (local.get $f)) (i64.add (local.get $g) (local.get $h))))))
  (func $_start
    ${sleep(1_000_000)}
    (drop (call $rec (i32.const 1000)))
    (drop ${sys(94, [0])}))
  (export "_start" (func $_start)))`);

const NEIGHBOUR = wat(`(module ${SYSCALL}
  (memory 1)
  (data (i32.const 16) "neighbour ok\\n")
  (func $_start
    ${sleep(50_000_000)}
    (drop ${sys(64, [1, 16, 13])})
    (drop ${sys(94, [0])}))
  (export "_start" (func $_start)))`);

test("a deep stack that sleeps dies with SIGSEGV; the sleeping neighbour is untouched", async () => {
  const b = await boot();
  const atBoot = meminfo(b.m);
  const deep = await b.m.spawn(DEEP, ["deep"]);
  const neighbour = await b.m.spawn(NEIGHBOUR, ["neighbour"]);
  await b.m.run();
  expect(b.m.exitOf(deep)).toEqual({ code: null, signal: Sig.SIGSEGV, status: Sig.SIGSEGV });
  expect(b.m.exitOf(neighbour)).toEqual({ code: 0, signal: null, status: 0 });
  expect(b.stdout()).toBe("neighbour ok\n");
  const after = meminfo(b.m);
  expect(after.free).toBe(atBoot.free);
  expect(after.byOwner).toEqual(atBoot.byOwner);
});

test("a shallow sleeper still works (the check refuses only real overflows)", async () => {
  const b = await boot();
  const pid = await b.m.spawn(NEIGHBOUR, ["neighbour"]);
  await b.m.run();
  expect(b.m.exitOf(pid)).toEqual({ code: 0, signal: null, status: 0 });
  expect(b.stdout()).toBe("neighbour ok\n");
});
