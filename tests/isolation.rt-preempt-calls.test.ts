// Preemption without loops: a binary recursion of 2^24 calls and not one loop used to run its
// whole course before anything else could run. Function entries tick a budget too, so hello,
// spawned after it, prints first, and the recursion is charged user time for its slices.
import { expect, test } from "vitest";
import { Stat } from "../kernel/abi/layout";
import { boot, distDemo, stat } from "./helpers/machine";
import { wat } from "./helpers/wat";

const RECUR = wat(`(module
  (import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (memory 1)
  (data (i32.const 16) "done\\n")
  (func $f (param $n i32) (result i32)
    (if (result i32) (i32.eqz (local.get $n)) (then (i32.const 1))
      (else (i32.add (call $f (i32.sub (local.get $n) (i32.const 1))) (call $f (i32.sub (local.get $n) (i32.const 1)))))))
  (func $_start
    (i32.store (i32.const 32) (call $f (i32.load (i32.const 0))))
    (drop (call $syscall (i32.const 64) (i64.const 1) (i64.const 16) (i64.const 5) (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $syscall (i32.const 94) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0))))
  (data (i32.const 0) "\\18\\00\\00\\00")
  (export "_start" (func $_start)))`);

test("hello finishes while a loop-free recursion spawned before it is still running", async () => {
  let userAtHello = -1;
  const b = await boot({ onStdout: () => { if (userAtHello < 0) userAtHello = stat(b.m, Stat.userTimeNs); } });
  const recur = await b.m.spawn(RECUR, ["recur"]);
  const hello = await b.m.spawn(distDemo("hello"), ["hello"]);
  await b.m.run();
  expect(b.stdout()).toBe("hello, world\ndone\n");
  expect(b.m.exitOf(recur)).toEqual({ code: 0, signal: null, status: 0 });
  expect(b.m.exitOf(hello)).toEqual({ code: 0, signal: null, status: 0 });
  expect(userAtHello).toBeGreaterThan(0);          // the recursion's first slice was charged
});
