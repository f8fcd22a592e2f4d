// The fuzzer's parts that need no machine: the generator gives the same program for the same seed
// (and another for another seed); the minimiser shrinks a synthetic failure to the calls it needs,
// renumbering result references and zeroing what does not matter; a program printed as test
// source evaluates back to the same bytes.
import { describe, expect, it } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { generate } from "../host/fuzz/gen";
import { bufferOf, encode, mem32, res, six, val, type Program } from "../host/fuzz/program";
import { minimise } from "../host/fuzz/minimise";
import { formatProgram, programSource } from "../host/fuzz/print";
import { ArgKind } from "../host/fuzz/wire";

describe("fuzz generator", () => {
  it("is deterministic per seed", () => {
    for (const seed of [1, 7, 123456789]) {
      expect(encode(generate(seed, { calls: 100 }))).toEqual(encode(generate(seed, { calls: 100 })));
      expect(formatProgram(generate(seed))).toBe(formatProgram(generate(seed)));
    }
    expect(encode(generate(1, { calls: 100 }))).not.toEqual(encode(generate(2, { calls: 100 })));
  });

  it("keeps to the calls it is given and the count asked", () => {
    const p = generate(5, { calls: 300, only: [Sys.read, Sys.write, Sys.close], exclude: [Sys.close] });
    expect(p.calls).toHaveLength(300);
    expect(new Set(p.calls.map((c) => c.nr))).toEqual(new Set([Sys.read, Sys.write]));
  });

  it("uses earlier results as fds and reaches wild pointers and 64-bit values", () => {
    const calls = Array.from({ length: 40 }, (_, s) => generate(s, { calls: 200 }).calls).flat();
    const args = calls.flatMap((c) => c.args);
    expect(args.some((a) => a.kind === ArgKind.result)).toBe(true);
    expect(args.some((a) => a.kind === ArgKind.mem32)).toBe(true);
    expect(args.some((a) => a.kind === ArgKind.value && a.value >= 0xc0000000n && a.value < 0x100000000n)).toBe(true);
    expect(args.some((a) => a.kind === ArgKind.value && a.value > 0xffffffffn)).toBe(true);
  });
});

describe("fuzz minimiser", () => {
  it("shrinks a synthetic failure to the two calls it needs", async () => {
    // "Fails" when some close() closes the result of an openat().
    const fails = (p: Program) => p.calls.some((c) => c.nr === Sys.close && c.args[0].kind === ArgKind.result &&
      p.calls[c.args[0].ref]?.nr === Sys.openat);
    const p = generate(3, { calls: 200, only: [Sys.openat, Sys.close, Sys.read, Sys.write, Sys.dup] });
    expect(fails(p)).toBe(true);
    const m = await minimise(p, async (q) => fails(q), { maxTries: 5000 });
    expect(m.program.calls.map((c) => c.nr)).toEqual([Sys.openat, Sys.close]);
    expect(m.program.calls[1].args[0]).toEqual(res(0));
    expect(m.program.calls[0].args.every((a) => a.kind === ArgKind.value && a.value === 0n)).toBe(true);
  });
});

describe("fuzz program as test source", () => {
  it("evaluates back to the same bytes", () => {
    for (const seed of [11, 12, 13]) {
      const p = generate(seed, { calls: 60 });
      const back = new Function("Sys", "bufferOf", "six", "val", "res", "mem32", `return ${programSource(p)};`)(
        Sys, bufferOf, six, val, res, mem32) as Program;
      expect(encode(back)).toEqual(encode(p));
    }
  });
});

describe("fuzz minimiser, buffer", () => {
  it("clears the buffer bytes a failure does not need", async () => {
    // "Fails" when an openat names "/f0" (a path in the buffer, which is zero past its data).
    const path = (p: Program, v: bigint) => {
      const at = Number(v) - 0x40000000, end = p.data.indexOf(0, at);
      return at >= 0 && at < p.data.length ? Buffer.from(p.data.subarray(at, end < 0 ? p.data.length : end)).toString("latin1") : null;
    };
    const fails = (p: Program) => p.calls.some((c) => c.nr === Sys.openat && c.args[1].kind === ArgKind.value && path(p, c.args[1].value) === "/f0");
    const p = generate(8, { calls: 200, only: [Sys.openat, Sys.writev, Sys.execve] });
    expect(fails(p)).toBe(true);
    const m = (await minimise(p, async (q) => fails(q), { maxTries: 5000 })).program;
    expect(m.calls).toHaveLength(1);
    expect(Buffer.from(m.data).toString("latin1").replace(/\0/g, "")).toBe("/f0");
  });
});

describe("fuzz minimiser, prefix first", () => {
  it("bisects to the shortest failing prefix in a few tries", async () => {
    // "Hangs" once call 150 has run, whatever comes after it.
    const p = generate(4, { calls: 200 });
    const marker = p.calls[150];
    const fails = async (q: Program) => q.calls.includes(marker);
    const m = await minimise(p, fails, { maxTries: 10, prefixFirst: true });
    expect(m.tries).toBeLessThanOrEqual(10);
    expect(m.program.calls.at(-1)).toBe(marker);
  });
});
