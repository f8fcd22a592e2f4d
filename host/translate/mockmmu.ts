// A JS reference implementation of the MMU a translated guest imports, for tests and tools that
// run a guest without the kernel. Physical RAM is a fresh WebAssembly.Memory; guest-virtual page i
// maps to the scrambled frame (i * 7919) % NFRAMES + FIRST_FRAME (all above 2 MiB). The slow path
// fills the TLB entry in physical memory exactly as the kernel must (a read fills tagRead, a write
// both tags) and splits page-crossing accesses byte by byte; size/grow/copy/fill act on the
// guest-virtual memory, whose size is counted in 64 KiB pages like wasm memory.
// Interface: new MockMmu(translated); instantiate(extra?) -> WebAssembly.Instance; imports(extra?);
// read(va, n) / write(va, bytes); counters slowLoads, slowStores, calls[op]; memory; pages.
import {
  PAGE_SHIFT, PAGE_SIZE, TLB_ADDEND, TLB_BASE, TLB_ENTRIES, TLB_ENTRY_SIZE, TLB_INVALID, TLB_TAG_READ,
  TLB_TAG_WRITE, WASM_PAGE,
} from "../../kernel/abi/layout";
import type { Translated } from "./types";

const RAM_PAGES = 256;                                  // 16 MiB of physical RAM
const FIRST_FRAME = 512;                                // frames start at 2 MiB
const NFRAMES = (RAM_PAGES * WASM_PAGE) / PAGE_SIZE - FIRST_FRAME;
const SCRAMBLE = 7919;                                  // prime, coprime with NFRAMES: a bijection
const MAX_PAGES = Math.floor((NFRAMES * PAGE_SIZE) / WASM_PAGE);

type Imports = Record<string, Record<string, WebAssembly.ImportValue>>;

export class MockMmu {
  readonly memory = new WebAssembly.Memory({ initial: RAM_PAGES, maximum: RAM_PAGES, shared: true });
  pages: number;                                        // guest-virtual size in 64 KiB pages
  readonly maxPages: number;
  slowLoads = 0;
  slowStores = 0;
  readonly calls: Record<string, number> = {};

  constructor(readonly translated: Translated) {
    this.pages = translated.initialPages;
    this.maxPages = Math.min(translated.maxPages ?? MAX_PAGES, MAX_PAGES);
    for (let i = 0; i < TLB_ENTRIES; i++) this.setEntry(i, TLB_INVALID, TLB_INVALID, 0);
    for (const s of translated.segments) this.write(s.offset, s.data);
  }

  private get view(): DataView { return new DataView(this.memory.buffer); }

  /** Physical address of a guest-virtual one; throws outside the guest's memory. */
  physical(va: number): number {
    va >>>= 0;
    if (va >= this.pages * WASM_PAGE) throw new RangeError(`mock mmu: segfault at 0x${va.toString(16)}`);
    const frame = ((va >>> PAGE_SHIFT) * SCRAMBLE) % NFRAMES + FIRST_FRAME;
    return frame * PAGE_SIZE + (va & (PAGE_SIZE - 1));
  }

  private setEntry(index: number, tagRead: number, tagWrite: number, addend: number): void {
    const e = TLB_BASE + index * TLB_ENTRY_SIZE;
    this.view.setUint32(e + TLB_TAG_READ, tagRead, true);
    this.view.setUint32(e + TLB_TAG_WRITE, tagWrite, true);
    this.view.setUint32(e + TLB_ADDEND, addend, true);
  }

  /** Fills the TLB entry of va's page (a read keeps a write tag only for the same page). */
  private fill(va: number, write: boolean): void {
    const page = (va & ~(PAGE_SIZE - 1)) >>> 0;
    const index = (va >>> PAGE_SHIFT) & (TLB_ENTRIES - 1);
    const oldWrite = this.view.getUint32(TLB_BASE + index * TLB_ENTRY_SIZE + TLB_TAG_WRITE, true);
    const tagWrite = write || oldWrite === page ? page : TLB_INVALID;
    this.setEntry(index, page, tagWrite, (this.physical(page) - page) >>> 0);
  }

  read(va: number, n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.view.getUint8(this.physical(va + i));
    return out;
  }

  write(va: number, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) this.view.setUint8(this.physical(va + i), bytes[i]);
  }

  /** Slow-path load of n bytes, zero-extended, little-endian. */
  private load(va: number, n: number): bigint {
    this.slowLoads++;
    va >>>= 0;
    const bytes = this.read(va, n);                     // faults before any TLB change
    if (((va ^ (va + n - 1)) >>> PAGE_SHIFT) === 0) this.fill(va, false);
    return bytes.reduceRight((acc, b) => (acc << 8n) | BigInt(b), 0n);
  }

  /** Slow-path store: both pages are checked before any byte is written. */
  private store(va: number, n: number, value: bigint): void {
    this.slowStores++;
    va >>>= 0;
    this.physical(va);
    this.physical(va + n - 1);
    const bytes = new Uint8Array(n).map((_, i) => Number((value >> BigInt(8 * i)) & 0xffn));
    this.write(va, bytes);
    if (((va ^ (va + n - 1)) >>> PAGE_SHIFT) === 0) this.fill(va, true);
  }

  private count<A extends unknown[], R>(op: string, fn: (...args: A) => R): (...args: A) => R {
    return (...args: A) => { this.calls[op] = (this.calls[op] ?? 0) + 1; return fn(...args); };
  }

  private grow(delta: number): number {
    const old = this.pages;
    if (delta < 0 || old + delta > this.maxPages) return -1;
    this.pages += delta;
    return old;
  }

  private mmuImports(): Record<string, WebAssembly.ImportValue> {
    return {
      ld8: this.count("ld8", (va: number) => Number(this.load(va, 1))),
      ld16: this.count("ld16", (va: number) => Number(this.load(va, 2))),
      ld32: this.count("ld32", (va: number) => Number(this.load(va, 4)) | 0),
      ld64: this.count("ld64", (va: number) => BigInt.asIntN(64, this.load(va, 8))),
      st8: this.count("st8", (va: number, v: number) => this.store(va, 1, BigInt(v))),
      st16: this.count("st16", (va: number, v: number) => this.store(va, 2, BigInt(v))),
      st32: this.count("st32", (va: number, v: number) => this.store(va, 4, BigInt(v))),
      st64: this.count("st64", (va: number, v: bigint) => this.store(va, 8, v)),
      size: this.count("size", () => this.pages),
      grow: this.count("grow", (d: number) => this.grow(d)),
      copy: this.count("copy", (d: number, s: number, n: number) => this.write(d >>> 0, this.read(s >>> 0, n >>> 0))),
      fill: this.count("fill", (d: number, v: number, n: number) => this.write(d >>> 0, new Uint8Array(n >>> 0).fill(v))),
    };
  }

  /** An AssemblyScript string at guest-virtual va: UTF-16LE, its byte length at va - 4. */
  asString(va: number): string {
    if (!va) return "";
    const length = new DataView(this.read(va - 4, 4).buffer).getUint32(0, true);
    return new TextDecoder("utf-16le").decode(this.read(va, length));
  }

  private abort(msg: number, file: number, line: number, col: number): never {
    throw new Error(`guest abort: ${this.asString(msg)} at ${this.asString(file)}:${line}:${col}`);
  }

  /** The imports of a translated guest; `extra` adds or overrides whole modules' entries. */
  imports(extra: Imports = {}): Imports {
    const base: Imports = {
      env: { memory: this.memory, abort: (msg: number, file: number, line: number, col: number) => this.abort(msg, file, line, col) },
      mmu: this.mmuImports(),
      // signal delivery's entries (translate/signal.ts): no signal is ever pending here
      kernel: { syscall: () => 0n, preempt: () => {}, sigmask: () => 0n, sigenter: () => 0n, sigreturn: () => {},
        sigresult: (r: bigint) => r },
    };
    for (const [mod, entries] of Object.entries(extra)) base[mod] = { ...base[mod], ...entries };
    return base;
  }

  instantiate(extra: Imports = {}): WebAssembly.Instance {
    return new WebAssembly.Instance(new WebAssembly.Module(this.translated.wasm), this.imports(extra));
  }
}
