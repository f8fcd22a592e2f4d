// kernel.wasm as the host sees it: its exports, typed, and how to instantiate it on a RAM.
// Interface: KernelExports, instantiateKernel(ram, hostImports) -> KernelExports.
import { readFileSync } from "node:fs";
import { distPath } from "./paths";

type Fn<A extends unknown[], R> = (...a: A) => R;

export interface KernelExports {
  boot: Fn<[number], number>;
  kscramble: Fn<[number], void>;
  kernelEnd: Fn<[], number>;
  syscall: WebAssembly.ExportValue;
  preempt: WebAssembly.ExportValue;
  ld8: WebAssembly.ExportValue; ld16: WebAssembly.ExportValue; ld32: WebAssembly.ExportValue; ld64: WebAssembly.ExportValue;
  st8: WebAssembly.ExportValue; st16: WebAssembly.ExportValue; st32: WebAssembly.ExportValue; st64: WebAssembly.ExportValue;
  size: WebAssembly.ExportValue; grow: WebAssembly.ExportValue; copy: WebAssembly.ExportValue; fill: WebAssembly.ExportValue;
  procResume: Fn<[number], number>;
  procExitCurrent: Fn<[number], void>;
  procKill: Fn<[number, number], number>;
  procKilled: Fn<[number], number>;
  procReap: Fn<[number], number>;
  procState: Fn<[number], number>;
  procStatus: Fn<[number], number>;
  kstackOf: Fn<[number], number>;
  mount: Fn<[], number>;
  netInit: Fn<[], number>;
  netBusy: Fn<[], number>;
  execPending: Fn<[number], number>;
  forkPending: Fn<[number], number>;
  ppidOf: Fn<[number], number>;
  forkDone: Fn<[number, number], number>;
  execArgLen: Fn<[number], number>;
  execBegin: Fn<[number], number>;
  execFail: Fn<[number, number], void>;
  irq: Fn<[number], void>;
  shutdown: Fn<[], number>;
  dropCaches: Fn<[], number>;
  pcStats: Fn<[number], number>;
  idleUntil: Fn<[bigint], void>;
  clockNowNs: Fn<[], bigint>;
  execLookup: Fn<[number], bigint>;
  execRead: Fn<[number, bigint, number, number], bigint>;
  fileSize: Fn<[number], bigint>;
  kstackSize: WebAssembly.Global;
  chargeUserTime: Fn<[bigint], void>;
  procCreate: Fn<[number], number>;
  execSetup: Fn<[number, number, number], number>;
  execLoad: Fn<[number, number, number], number>;
  execArgs: Fn<[number, number], number>;
  procStart: Fn<[number], number>;
  stageAddr: Fn<[], number>;
  schedule: Fn<[bigint], number>;
  nextDeadline: Fn<[], bigint>;
  ttyStage: Fn<[], number>;
  ttyInput: Fn<[number], number>;
  ttyEof: Fn<[], void>;
  ttyWaiting: Fn<[], number>;
  setTraceMask: Fn<[number], void>;
  traceReset: Fn<[], void>;
  traceBase: WebAssembly.Global;
  traceCount: WebAssembly.Global;
  setCost: Fn<[number, bigint], void>;
  getCost: Fn<[number], bigint>;
  maxProcs: WebAssembly.Global;
  frameRecSize: WebAssembly.Global;
  lookup: Fn<[number, number], bigint>;
  pteOf: Fn<[number, number], number>;
  pgdirOf: Fn<[number], number>;
  procPid: Fn<[number], number>;
  procPpid: Fn<[number], number>;
  procStateAt: Fn<[number], number>;
  procBrk: Fn<[number], number>;
  vmaCount: Fn<[number], number>;
  vmaField: Fn<[number, number, number], number>;
  ownerFrames: Fn<[number], number>;
  frameTableAddr: Fn<[], number>;
  frameCount: Fn<[], number>;
  pipeCount: WebAssembly.Global;
  pipeField: Fn<[number, number], number>;
  filesInUse: Fn<[], number>;
  socketsInUse: Fn<[], number>;
  pipeSlot: Fn<[number, number, number], number>;
}

export interface KernelHostImports {
  panic(msgPtr: number): void;
  unwind(): void;
  stopRewind(): void;
  consoleWrite(fd: number, addr: number, len: number): void;
  traceFlush(): void;
  virtioSetup(dev: number, q: number, addr: number): void;
  virtioNotify(dev: number, q: number): void;
  virtioConfig(dev: number, field: number): bigint;
  virtioWait(dev: number): number;
}

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

export function instantiateKernel(ram: WebAssembly.Memory, host: KernelHostImports): KernelExports {
  const inst = new WebAssembly.Instance(kernelWasm(), { env: { memory: ram }, host: { ...host } });
  return inst.exports as unknown as KernelExports;
}

// An AssemblyScript string in kernel memory (UTF-16, byte length at ptr - 4).
export function readKernelString(ram: WebAssembly.Memory, ptr: number): string {
  const view = new DataView(ram.buffer);
  const len = view.getUint32(ptr - 4, true);
  return Buffer.from(ram.buffer, ptr, len).toString("utf16le");
}
