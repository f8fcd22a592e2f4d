// Generated guest modules of the shapes that are slow to translate (issue 10 finding 14): a chain
// of n tiny functions, each calling the next, and one function of about `nodes` expressions. Both
// are valid wasmos guests (memory, kernel.syscall exit_group, _start) that run in a moment.
// Interface: chainModule(n) -> bytes; hugeFunctionModule(nodes) -> bytes.
import binaryen from "binaryen";
import { Sys } from "../kernel/abi/syscalls";

type M = binaryen.Module;
const { i32, i64, none } = binaryen;

/** A guest around `build`'s functions: one page of memory, kernel.syscall, _start -> run(); exit_group(0). */
function guest(build: (m: M) => void): Uint8Array {
  const m = new binaryen.Module();
  try {
    m.setMemory(1, 1);
    m.addFunctionImport("syscall", "kernel", "syscall", binaryen.createType([i32, i64, i64, i64, i64, i64, i64]), i64);
    build(m);
    const z = m.i64.const(0n);
    m.addFunction("_start", none, none, [], m.block(null, [m.call("run", [], none),
      m.drop(m.call("syscall", [m.i32.const(Sys.exit_group), z, z, z, z, z, z], i64))]));
    m.addFunctionExport("_start", "_start");
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/** mem[addr] = mem[addr] + 1 (7 expressions, one load and one store). */
function bump(m: M, addr: number): binaryen.ExpressionRef {
  return m.i32.store(0, 4, m.i32.const(addr), m.i32.add(m.i32.load(0, 4, m.i32.const(addr)), m.i32.const(1)));
}

/** run -> f0 -> f1 -> ... -> f(n-1): each bumps a word of memory and calls the next. */
export function chainModule(n: number): Uint8Array {
  return guest((m) => {
    for (let i = 0; i < n; i++) {
      const body = [bump(m, (i % 1024) * 4)];
      if (i + 1 < n) body.push(m.call(`f${i + 1}`, [], none));
      m.addFunction(`f${i}`, none, none, [], m.block(null, body));
    }
    m.addFunction("run", none, none, [], m.call("f0", [], none));
  });
}

/** One function `run` of about `nodes` expressions: straight-line bumps, a loop every 64 of them. */
export function hugeFunctionModule(nodes: number): Uint8Array {
  return guest((m) => {
    const groups: binaryen.ExpressionRef[] = [];
    for (let made = 0, g = 0; made < nodes; g++) {
      const stmts = Array.from({ length: 64 }, (_, k) => bump(m, ((g * 64 + k) % 1024) * 4));
      const i = () => m.local.get(0, i32);
      const loop = m.loop(`l${g}`, m.block(null, [m.local.set(0, m.i32.add(i(), m.i32.const(1))),
        m.br_if(`l${g}`, m.i32.lt_u(i(), m.i32.const(2)))]));
      groups.push(m.block(null, [...stmts, m.local.set(0, m.i32.const(0)), loop]));
      made += 64 * 7 + 12;
    }
    m.addFunction("run", none, none, [i32], m.block(null, groups));
  });
}
