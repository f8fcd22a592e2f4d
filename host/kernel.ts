// kernel.wasm as the host sees it: its exports, typed, and how to instantiate it on a RAM.
// Interface: KERNEL_EXPORTS, KERNEL_IMPORTS (kernel.wasm's exports and imports, typed), KernelExports,
// KernelHostImports, kernelWasm(), instantiateKernel(ram, hostImports, module?) -> KernelExports (module: another kernel, host/kernelbuild.ts), readKernelString.
import { readFileSync } from "node:fs";
import { distPath } from "./paths";

// Every export and import of kernel.wasm, with its wasm type, in one table a test can enumerate
// (tests/kernel.exports compares it with dist/kernel.wasm); the TypeScript types derive from it.
// A function is "params>result", one letter per value: i = i32 (number), I = i64 (bigint), an
// empty result is void. A global is "const i" or "mut i" (read with .value); "memory" a memory.
// docs/architecture.md ("The kernel<->host boundary") says what each one does.
export const KERNEL_EXPORTS = {
  // guests (the loader wires them as the imports "kernel" and "mmu")
  syscall: "iIIIIII>I", wasi: "iIIIIIIIII>i", preempt: ">",
  sigmask: ">I", sigenter: ">I", sigreturn: "I>", sigresult: "I>I",
  ld8: "i>i", ld16: "i>i", ld32: "i>i", ld64: "i>I", st8: "ii>", st16: "ii>", st32: "ii>", st64: "iI>",
  size: ">i", grow: "i>i", copy: "iii>", fill: "iii>",
  // the machine: boot, processes, exec, fork, scheduling, console, tracing, cost model, devices
  boot: "i>i", kernelEnd: ">i", kscramble: "i>", wasiPreopen: "ii>i",
  procResume: "i>i", procExitCurrent: "i>", procKill: "ii>i", procKilled: "i>i", procReap: "i>i",
  procState: "i>i", procStatus: "i>i", kstackPage: "ii>i", kstackGrow: "ii>i", kstackSize: "const i", chargeUserTime: "I>",
  debugArmPanic: ">",
  procCreate: "i>i", execSetup: "iii>i", execLoad: "iii>i", execArgs: "ii>i", procStart: "i>i", stageAddr: ">i",
  execPending: "i>i", execArgLen: "i>i", execBegin: "i>i", execFail: "ii>", execLookup: "i>I",
  execRead: "iIii>I", fileSize: "i>I",
  forkPending: "i>i", forkDone: "ii>i", ppidOf: "i>i", setPidMax: "i>i",
  schedule: "I>i", nextDeadline: ">I", idleUntil: "I>", clockNowNs: ">I",
  ttyStage: ">i", ttyInput: "i>i", ttyEof: ">", ttyWaiting: ">i",
  ttySetTerminal: "iii>", ttySetWinsize: "ii>", ttyIntrUnanswered: ">i",
  setTraceMask: "i>", traceReset: ">", traceBase: "mut i", traceCount: "mut i",
  setCost: "iI>", getCost: "i>I",
  randomSeed: "I>",
  hungTask: "i>i",
  mount: ">i", netInit: ">i", netBusy: ">i", irq: "i>", shutdown: ">i", dropCaches: ">i", pcStats: "i>i",
  // inspection (kernel/inspect.ts): read-only views for tools and tests
  procSlots: ">i", frameRecSize: "const i", lookup: "ii>I", pteOf: "ii>i", pgdirOf: "i>i",
  procPid: "i>i", procPpid: "i>i", procStateAt: "i>i", procBrk: "i>i", vmaCount: "i>i", vmaField: "iii>i",
  ownerFrames: "i>i", frameTableAddr: ">i", frameCount: ">i", pipeCount: "const i", pipeField: "ii>i",
  pipeSlot: "iii>i", filesInUse: ">i", socketsInUse: ">i", procWchan: "i>i", procSleepSys: "i>i",
  nameBuf: ">i", inodeName: "i>i", procComm: "i>i",   // kernel/names.ts: names without a disk read
  memory: "memory",   // the RAM it imports, exported again
} as const;

// kernel.wasm's imports: module "host" (kernel/host.ts) and env.memory, the RAM.
export const KERNEL_IMPORTS = {
  panic: "i>", unwind: ">", stopRewind: ">", consoleWrite: "iii>", traceFlush: ">",
  virtioSetup: "iii>", virtioNotify: "ii>", virtioConfig: "ii>I", virtioWait: "i>i",
} as const;

type WasmValue<C extends string> = C extends "i" ? number : C extends "I" ? bigint : never;
type Params<S extends string> = S extends `${infer C}${infer R}` ? [WasmValue<C>, ...Params<R>] : [];
/** The TypeScript type of an entry of the tables above. */
export type KernelValue<S extends string> =
  S extends `${infer P}>${infer R}` ? (...a: Params<P>) => (R extends "" ? void : WasmValue<R>) :
  S extends `${"const" | "mut"} ${string}` ? WebAssembly.Global :
  S extends "memory" ? WebAssembly.Memory : never;

export type KernelExports = { -readonly [K in keyof typeof KERNEL_EXPORTS]: KernelValue<(typeof KERNEL_EXPORTS)[K]> };
export type KernelHostImports = { -readonly [K in keyof typeof KERNEL_IMPORTS]: KernelValue<(typeof KERNEL_IMPORTS)[K]> };

let kernelModule: WebAssembly.Module | null = null;

export function kernelWasm(): WebAssembly.Module {
  if (!kernelModule) {
    const path = distPath("kernel.wasm");
    let bytes: Buffer;
    try { bytes = readFileSync(path); }
    catch { throw new Error(`wasmos: ${path} is missing; run \`npm run build\` first`); }
    kernelModule = new WebAssembly.Module(bytes as Uint8Array<ArrayBuffer>);
  }
  return kernelModule;
}

export function instantiateKernel(ram: WebAssembly.Memory, host: KernelHostImports, module: WebAssembly.Module = kernelWasm()): KernelExports {
  const inst = new WebAssembly.Instance(module, { env: { memory: ram }, host: { ...host } });
  return inst.exports as unknown as KernelExports;
}

// An AssemblyScript string in kernel memory (UTF-16, byte length at ptr - 4).
export function readKernelString(ram: WebAssembly.Memory, ptr: number): string {
  const view = new DataView(ram.buffer);
  const len = view.getUint32(ptr - 4, true);
  return Buffer.from(ram.buffer, ptr, len).toString("utf16le");
}
