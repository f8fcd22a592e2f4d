// The loader refuses what would hold it for minutes, quickly and with a clear LoadError (ENOEXEC
// for execve): one function of 200,000 instructions (translation time grows faster than size: one
// of ~60,000 took 35 s), more functions than MAX_FUNCTIONS, a file larger than MAX_MODULE_BYTES.
import binaryen from "binaryen";
import { expect, test } from "vitest";
import { LoadError } from "../host/loader";
import { MAX_FUNCTIONS, MAX_FUNCTION_NODES, MAX_MODULE_BYTES } from "../host/translate/limits";
import { boot } from "./helpers/machine";

function module(build: (m: binaryen.Module) => void): Uint8Array {
  const m = new binaryen.Module();
  try {
    m.addGlobal("g", binaryen.i32, true, m.i32.const(0));
    build(m);
    m.addFunctionExport("_start", "_start");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

const bump = (m: binaryen.Module) =>
  m.global.set("g", m.i32.add(m.global.get("g", binaryen.i32), m.i32.const(1)));   // 4 nodes

test("one function of 200,000 instructions is refused in seconds", async () => {
  const big = module((m) => m.addFunction("_start", binaryen.none, binaryen.none, [],
    m.block(null, Array.from({ length: 50_000 }, () => bump(m)))));
  const b = await boot();
  const t0 = performance.now();
  const err = await b.m.spawn(big, ["big"]).then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(LoadError);
  expect((err as Error).message).toMatch(new RegExp(`^big: function \\S+ is larger than ${MAX_FUNCTION_NODES} instructions$`));
  expect(performance.now() - t0).toBeLessThan(20_000);
});

test("more functions than MAX_FUNCTIONS are refused", async () => {
  const many = module((m) => {
    for (let i = 0; i < MAX_FUNCTIONS; i++) m.addFunction(`f${i}`, binaryen.none, binaryen.none, [], bump(m));
    m.addFunction("_start", binaryen.none, binaryen.none, [], m.call("f0", [], binaryen.none));
  });
  const b = await boot();
  await expect(b.m.spawn(many, ["many"])).rejects.toThrow(`many: the module has ${MAX_FUNCTIONS + 1} functions (at most ${MAX_FUNCTIONS})`);
});

test("a file larger than MAX_MODULE_BYTES is refused before translation", async () => {
  const huge = new Uint8Array(MAX_MODULE_BYTES + 1);
  huge.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  const b = await boot();
  await expect(b.m.spawn(huge, ["huge"])).rejects.toThrow(`huge: ${MAX_MODULE_BYTES + 1} bytes: larger than a program may be`);
});
