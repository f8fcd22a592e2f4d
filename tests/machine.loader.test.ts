// The loader refuses what it cannot run with a LoadError that says why, and leaves nothing
// behind: not a wasm file, a module using SIMD, a module without _start, a module importing
// something the kernel does not provide.
import { describe, expect, test } from "vitest";
import { LoadError } from "../host/loader";
import { meminfo, processes } from "../host/inspect";
import { boot } from "./helpers/machine";
import { wat } from "./helpers/wat";

const MEM = `(import "env" "memory" (memory 1))`;

const CASES: [string, Uint8Array, RegExp][] = [
  ["a shell script", new TextEncoder().encode("#!/bin/sh\necho hello\n"), /^prog: not a WebAssembly module/],
  ["a truncated header", new Uint8Array([0, 0x61, 0x73]), /not a WebAssembly module/],
  ["v128 arithmetic", wat(`(module ${MEM} (func (export "_start")
      (v128.store (i32.const 0) (i32x4.add (v128.load (i32.const 16)) (v128.load (i32.const 32))))))`), /SIMD/],
  ["a v128 local", wat(`(module ${MEM} (func (export "_start") (local v128)))`), /SIMD/],
  ["no _start", wat(`(module ${MEM} (func (export "main")))`), /_start/],
  ["an import of env.foo", wat(`(module (import "env" "foo" (func $foo)) ${MEM} (func (export "_start") (call $foo)))`),
    /unsupported import env\.foo/],
];

describe("spawn rejects", () => {
  test.each(CASES)("%s", async (_, bytes, message) => {
    const b = await boot();
    const free = meminfo(b.m).free;
    const err = await b.m.spawn(bytes, ["prog"]).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(LoadError);
    expect((err as Error).message).toMatch(message);
    expect(processes(b.m)).toEqual([]);
    expect(meminfo(b.m).free).toBe(free);
  });
});
