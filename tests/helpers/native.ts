// Run an untranslated guest module directly in Node, with its own memory and a tiny syscall stub
// (write to fd 1/2 is captured, exit/exit_group end the run): the reference a translated run on
// the machine must match. Interface: runNative(bytes, memoryPages) -> { code, stdout, stderr }.
import { Sys } from "../../kernel/abi/syscalls";

export interface NativeResult { code: number; stdout: Uint8Array; stderr: Uint8Array }

class Exit { constructor(readonly code: number) {} }

export function runNative(bytes: Uint8Array, memoryPages: number): NativeResult {
  const memory = new WebAssembly.Memory({ initial: memoryPages });
  const out: Record<number, Uint8Array[]> = { 1: [], 2: [] };
  const syscall = (nr: number, a0: bigint, a1: bigint, a2: bigint): bigint => {
    if (nr === Sys.write && (a0 === 1n || a0 === 2n)) {
      out[Number(a0)].push(new Uint8Array(memory.buffer, Number(a1), Number(a2)).slice());
      return a2;
    }
    if (nr === Sys.exit || nr === Sys.exit_group) throw new Exit(Number(a0 & 0xffn));
    throw new Error(`runNative: syscall ${nr} is not stubbed`);
  };
  const inst = new WebAssembly.Instance(new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>), { kernel: { syscall }, env: { memory } });
  let code = 0;
  try { (inst.exports._start as () => void)(); }
  catch (e) { if (e instanceof Exit) code = e.code; else throw e; }
  return { code, stdout: Buffer.concat(out[1]), stderr: Buffer.concat(out[2]) };
}
