// The native reference: an untranslated guest module run directly in V8, with its own
// WebAssembly.Memory large enough to hold the argument block at ARG_BASE (about 3 GiB, reserved
// but touched only where the guest writes) and a tiny JavaScript kernel.syscall stub.
// The memory is warm: one per module, kept across its runs (a new instance on it each time), so a
// timed run does not take the host's page faults of fresh memory, as the translated side, whose RAM
// was touched by its warm-up runs, does not either. A run starts from the memory the previous one
// left: the benchmark programs write everything they read (instantiation rewrites the data segments;
// AssemblyScript's runtime sets up its heap and zero-fills what it allocates), and the bench checks
// every run's output against the first one's. A module that grows its memory gets a new one.
// Interface: new NativeRunner(module); runner.run(argv) -> { ms, code, stdout } (ms: _start only,
// not instantiation).
import { Sys } from "../kernel/abi/syscalls";
import { Errno } from "../kernel/abi/errno";
import { ARG_BASE, ARG_MAX } from "../kernel/abi/layout";
import { argBlock } from "../host/loader";
import { ms } from "./stats";

const WASM_PAGE = 65536;
const PAGES = Math.ceil((ARG_BASE + ARG_MAX) / WASM_PAGE);   // 49152: the block at 0xbfff0000 fits

export interface NativeRun { ms: number; code: number; stdout: string }

class Exit { constructor(readonly code: number) {} }

/** The syscalls a benchmark guest makes: write (collected), exit/exit_group, clock_gettime; else -ENOSYS. */
function stub(memory: WebAssembly.Memory, out: Uint8Array[]) {
  return (nr: number, a0: bigint, a1: bigint, a2: bigint): bigint => {
    switch (nr) {
      case Sys.write:
        out.push(new Uint8Array(memory.buffer, Number(a1), Number(a2)).slice());
        return a2;
      case Sys.exit: case Sys.exit_group:
        throw new Exit(Number(a0 & 0xffn));
      case Sys.clock_gettime: {
        const t = process.hrtime.bigint();
        const v = new DataView(memory.buffer);
        v.setBigInt64(Number(a1), t / 1_000_000_000n, true);
        v.setBigInt64(Number(a1) + 8, t % 1_000_000_000n, true);
        return 0n;
      }
      default:
        return BigInt(-Errno.ENOSYS);
    }
  };
}

export class NativeRunner {
  private memory = new WebAssembly.Memory({ initial: PAGES });

  constructor(private readonly module: WebAssembly.Module) {}

  run(argv: string[]): NativeRun {
    if (this.memory.buffer.byteLength !== PAGES * WASM_PAGE) this.memory = new WebAssembly.Memory({ initial: PAGES });
    const memory = this.memory;
    new Uint8Array(memory.buffer, ARG_BASE).set(argBlock(argv, []));
    const out: Uint8Array[] = [];
    const inst = new WebAssembly.Instance(this.module, { kernel: { syscall: stub(memory, out) }, env: { memory } });
    const start = inst.exports._start as () => void;
    let code = 0;
    const t0 = ms();
    try { start(); } catch (e) { if (e instanceof Exit) code = e.code; else throw e; }
    const t = ms() - t0;
    return { ms: t, code, stdout: Buffer.concat(out).toString() };
  }
}
