// The guest loader (exec): translate the module (cached by content hash), create the process,
// copy its data segments and argument block in through the kernel's staging buffer, instantiate
// it against the kernel's memory and entry points.
// Everything that can refuse a program (size, translation, imports) is checked in prepareGuest, before
// execve's point of no return; instantiation cannot fail after it.
// Interface: loadGuest(ctx, bytes, argv, env) -> Guest; prepareGuest + installGuest (execve into an
// existing process); argBlock(argv, env); LoadError; MAX_MODULE_BYTES.
import { translateCached } from "./translate/cache";
import { hashHex } from "./fasthash";
import { TranslateError, type Translated } from "./translate/types";
import { GLOBAL_EXPORT_PREFIX, KERNEL_MODULE, WASI_BASE_NAME, SIGNAL_ENTRIES } from "./translate/abi";
import { MAX_MODULE_BYTES } from "./translate/limits";
import type { KernelExports } from "./kernel";
import { ARG_BASE, ARG_MAX, STAGE_SIZE } from "../kernel/abi/layout";
import { Errno } from "../kernel/abi/errno";
import type { Guest, GuestExports } from "./guest";

/** The program cannot be run; `notFound`: there is no such file (the CLI exits 127, else 126). */
export class LoadError extends Error {
  constructor(message: string, readonly notFound = false) { super(message); }
}
export { MAX_MODULE_BYTES };

export interface LoaderContext {
  ram: WebAssembly.Memory;
  k: KernelExports;
  cacheDir?: string;
  wasiDirs?: string[];                      // directories preopened for a WASI guest after "/" (--dir)
  wasiNoRoot?: boolean;                     // do not preopen "/" (--no-root: as wasmtime without --dir)
  abort(pid: number, msg: string): never;   // env.abort from an AssemblyScript guest
}

function isWasm(b: Uint8Array): boolean {
  return b.length >= 8 && b[0] === 0 && b[1] === 0x61 && b[2] === 0x73 && b[3] === 0x6d;
}

// A translated, compiled program ready to be installed into a process.
export interface Prepared { t: Translated; module: WebAssembly.Module }

export async function prepareGuest(ctx: LoaderContext, bytes: Uint8Array, name: string): Promise<Prepared> {
  if (!isWasm(bytes)) throw new LoadError(`${name}: not a WebAssembly module (bad magic)`);
  if (bytes.length > MAX_MODULE_BYTES) throw new LoadError(`${name}: ${bytes.length} bytes: larger than a program may be (${MAX_MODULE_BYTES})`);
  let p: Prepared;
  try {
    const t = await translateCached(bytes, ctx.cacheDir);
    p = { t, module: compiled(t.wasm) };
  } catch (e) {
    if (e instanceof TranslateError) throw new LoadError(`${name}: ${e.message}`);
    throw new LoadError(`${name}: cannot load: ${(e as Error).message}`);
  }
  checkImports(p.module, name);
  return p;
}

// Build process `pid`'s image (an EMBRYO with no regions yet) and its guest instance.
export function installGuest(ctx: LoaderContext, pid: number, p: Prepared, block: Uint8Array, name: string): Guest {
  const { k } = ctx;
  check(k.execSetup(pid, p.t.initialPages, p.t.maxPages ?? 0), name, "address space");
  for (const seg of p.t.segments) copyIn(ctx, pid, seg.offset, seg.data, name);
  stage(ctx, block);
  check(k.execArgs(pid, block.length), name, "arguments");
  if (usesWasi(p.module)) preopen(ctx, pid, name);
  const instance = instantiate(ctx, p.module, pid, name);
  check(k.procStart(pid), name, "start");
  return { pid, name, exports: instance.exports as unknown as GuestExports, unwound: false, module: p.module };
}

// fork: a second instance of the parent's program for process `child`, with the parent's globals.
export function forkGuest(ctx: LoaderContext, parent: Guest, child: number): Guest {
  const instance = instantiate(ctx, parent.module, child, parent.name);
  const from = parent.exports as unknown as Record<string, WebAssembly.Global>;
  const to = instance.exports as unknown as Record<string, WebAssembly.Global>;
  for (const name of Object.keys(to)) {
    if (name.startsWith(GLOBAL_EXPORT_PREFIX)) to[name].value = from[name].value;
  }
  return { pid: child, name: parent.name, exports: instance.exports as unknown as GuestExports, unwound: true, module: parent.module };
}

export async function loadGuest(ctx: LoaderContext, bytes: Uint8Array, argv: string[], env: string[] = []): Promise<Guest> {
  const name = argv[0] ?? "program";
  const prepared = await prepareGuest(ctx, bytes, name);
  const block = argBlock(argv, env);
  const pid = ctx.k.procCreate(0);
  if (pid === 0) throw new LoadError(`${name}: cannot create process (process table or memory full)`);
  try {
    return installGuest(ctx, pid, prepared, block, name);
  } catch (e) {
    ctx.k.procKill(pid, 9);     // release what was built, then the record
    ctx.k.procReap(pid);
    throw e;
  }
}

// A translated WASI guest imports kernel.wasi (translate/wasi.ts).
function usesWasi(module: WebAssembly.Module): boolean {
  return WebAssembly.Module.imports(module).some((i) => i.module === KERNEL_MODULE && i.name === WASI_BASE_NAME);
}

// WASI preopens: the file system's root as fd 3 (name "/"; not with --no-root), then each --dir at
// the next fds.
function preopen(ctx: LoaderContext, pid: number, name: string): void {
  for (const dir of [...(ctx.wasiNoRoot ? [] : ["/"]), ...(ctx.wasiDirs ?? [])]) {
    const bytes = Buffer.from(dir, "utf8");
    stage(ctx, bytes);
    const r = ctx.k.wasiPreopen(pid, bytes.length);
    if (r < 0 && !(dir === "/" && r === -Errno.ENOENT)) throw new LoadError(`${name}: cannot preopen ${dir}: ${Errno[-r] ?? r}`);
  }
}

// Compiled guest modules, the most recent kept alive: V8 shares a module's compiled code (and its
// optimized tier) with a new module of the same bytes only while one is alive, so a program spawned
// again after a garbage collection would start over in the baseline compiler (a 256 MiB sendfile:
// 60-127 ms a run instead of 31-40 with a collection before each run). Keyed by a hash of the
// translated bytes, which are compared on a hit.
const MODULES_KEPT = 8;
const MODULE_BYTES_KEPT = 16 << 20;
const modules = new Map<string, { wasm: Uint8Array; module: WebAssembly.Module }>();
let moduleBytes = 0;

function compiled(wasm: Uint8Array): WebAssembly.Module {
  const key = hashHex(wasm), hit = modules.get(key);
  if (hit && Buffer.from(hit.wasm.buffer, hit.wasm.byteOffset, hit.wasm.length).equals(wasm)) {
    modules.delete(key); modules.set(key, hit);        // the most recent last
    return hit.module;
  }
  const module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
  if (hit) { modules.delete(key); moduleBytes -= hit.wasm.length; }
  if (wasm.length <= MODULE_BYTES_KEPT) { modules.set(key, { wasm, module }); moduleBytes += wasm.length; }
  for (const [k, v] of modules) {
    if (modules.size <= MODULES_KEPT && moduleBytes <= MODULE_BYTES_KEPT) break;
    modules.delete(k); moduleBytes -= v.wasm.length;
  }
  return module;
}

function check(r: number, name: string, what: string): void {
  if (r < 0) throw new LoadError(`${name}: exec failed (${what}): ${Errno[-r] ?? r}`);
}

function stage(ctx: LoaderContext, data: Uint8Array): void {
  new Uint8Array(ctx.ram.buffer, ctx.k.stageAddr(), data.length).set(data);
}

function copyIn(ctx: LoaderContext, pid: number, va: number, data: Uint8Array, name: string): void {
  for (let off = 0; off < data.length; off += STAGE_SIZE) {
    const part = data.subarray(off, off + STAGE_SIZE);
    stage(ctx, part);
    check(ctx.k.execLoad(pid, va + off, part.length), name, `data segment at 0x${(va + off).toString(16)}`);
  }
}

// argc, argv[], 0, envp[], 0, strings: pointers are guest-virtual addresses in the block at ARG_BASE.
export function argBlock(argv: string[], env: string[]): Uint8Array {
  const strs = [...argv, ...env].map((s) => Buffer.from(s + "\0", "utf8"));
  const head = 4 * (1 + argv.length + 1 + env.length + 1);
  const size = head + strs.reduce((n, s) => n + s.length, 0);
  if (size > ARG_MAX) throw new LoadError(`${argv[0]}: argument list too long (E2BIG)`);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, argv.length, true);
  let at = head, slot = 4;
  strs.forEach((s, i) => {
    if (i === argv.length) slot += 4;               // argv's NULL
    v.setUint32(slot, ARG_BASE + at, true); slot += 4;
    out.set(s, at); at += s.length;
  });
  return out;
}

const PROVIDED: Record<string, string[]> = {
  env: ["memory", "abort"],
  kernel: ["syscall", "wasi", "preempt", ...SIGNAL_ENTRIES],
  mmu: ["ld8", "ld16", "ld32", "ld64", "st8", "st16", "st32", "st64", "size", "grow", "copy", "fill"],
};

// Every import must be one the loader provides (the translator has checked their types).
function checkImports(module: WebAssembly.Module, name: string): void {
  for (const imp of WebAssembly.Module.imports(module)) {
    if (!PROVIDED[imp.module]?.includes(imp.name)) {
      throw new LoadError(`${name}: unsupported import ${imp.module}.${imp.name} (guests may import kernel.syscall and wasi_snapshot_preview1.*)`);
    }
  }
}

function instantiate(ctx: LoaderContext, module: WebAssembly.Module, pid: number, name: string): WebAssembly.Instance {
  const k = ctx.k;
  const provided: Record<string, Record<string, WebAssembly.ImportValue>> = {
    env: { memory: ctx.ram, abort: (msg: number, file: number, line: number, col: number) =>
      ctx.abort(pid, `abort at ${line}:${col}`) },
    kernel: { syscall: k.syscall as WebAssembly.ImportValue, wasi: k.wasi as WebAssembly.ImportValue,
      preempt: k.preempt as WebAssembly.ImportValue, sigmask: k.sigmask as WebAssembly.ImportValue,
      sigenter: k.sigenter as WebAssembly.ImportValue, sigreturn: k.sigreturn as WebAssembly.ImportValue,
      sigresult: k.sigresult as WebAssembly.ImportValue },
    mmu: { ld8: k.ld8, ld16: k.ld16, ld32: k.ld32, ld64: k.ld64, st8: k.st8, st16: k.st16, st32: k.st32, st64: k.st64,
      size: k.size, grow: k.grow, copy: k.copy, fill: k.fill } as Record<string, WebAssembly.ImportValue>,
  };
  checkImports(module, name);
  try {
    return new WebAssembly.Instance(module, provided);
  } catch (e) {
    throw new LoadError(`${name}: cannot instantiate: ${(e as Error).message}`);
  }
}
