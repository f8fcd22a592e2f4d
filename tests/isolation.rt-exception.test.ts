// A wasm exception that escapes a guest's _start (exception handling is an accepted feature) kills
// only that process, with SIGABRT as an uncaught C++ exception does on Linux; a process running
// beside it finishes normally, and the CLI reports the signal instead of "wasmos: undefined".
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { Sig } from "../kernel/abi/signals";
import { boot, distDemo } from "./helpers/machine";
import { wat } from "./helpers/wat";
import { cli } from "./helpers/cli";

const THROWER = `(module
  (import "kernel" "syscall" (func $syscall (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (tag $oops (param i32))
  (func $_start (throw $oops (i32.const 42)))
  (export "_start" (func $_start)))`;

const thrower = () => wat(THROWER, binaryen.Features.MVP | binaryen.Features.ExceptionHandling);

test("an exception escaping _start kills that process with SIGABRT; its neighbour goes on", async () => {
  const b = await boot();
  const bad = await b.m.spawn(thrower(), ["thrower"]);
  const good = await b.m.spawn(distDemo("hello"), ["hello"]);
  await b.m.run();
  expect(b.m.exitOf(bad)).toEqual({ code: null, signal: Sig.SIGABRT, status: Sig.SIGABRT });
  expect(b.m.exitOf(good)).toEqual({ code: 0, signal: null, status: 0 });
  expect(b.stdout()).toBe("hello, world\n");
});

test("wasmos run: the thrower exits 128 + SIGABRT, never 'wasmos: undefined'", () => {
  const file = join(mkdtempSync(join(tmpdir(), "wasmos-exc-")), "thrower.wasm");
  writeFileSync(file, thrower());
  const r = cli("run", file);
  expect(r.stderr).not.toContain("undefined");
  expect(r.status).toBe(128 + Sig.SIGABRT);
});
