// The tlb lab's grader: the software TLB must cache translations (a page's second access hits the
// guest's inline fast path, so the slow path, which counts a miss, is not called), be direct
// mapped with TLB_ENTRIES entries (pages TLB_ENTRIES apart evict each other), let a store hit only
// a page already dirty, and never keep a stale entry (after munmap and mprotect the access faults).
// Each check compares the misses of two runs of a guest that differ only in a repeat count, so the
// start-up's misses cancel out. The guests are WebAssembly text against the raw ABI.
// Interface: tlbLab (a Lab, host/lab/grader.ts).
import { runGuest, watGuest, expectEq, fail, type Lab } from "../../host/lab/grader";
import { Sys } from "../../kernel/abi/syscalls";
import { Sig } from "../../kernel/abi/signals";
import { PAGE_SIZE, TLB_ENTRIES } from "../../kernel/abi/layout";
import { PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS } from "../../kernel/abi/mman";

const A = 16 * PAGE_SIZE;                   // the page most checks use (TLB entry 16)
/** The guests' memory, in 64 KiB wasm pages: up to the page TLB_ENTRIES pages above A, and a spare
 *  one (pages are mapped on first touch, so only the pages used take frames). */
const MEM_PAGES = Math.ceil((A + (TLB_ENTRIES + 1) * PAGE_SIZE) / 65536) + 1;
const SUM = 2 * PAGE_SIZE;                  // where a guest stores what it loaded (keeps the loads)
const N = 100;                              // repeats in the measured run (the other run: 1)

// A guest: `body` (WAT instructions) between helpers for the calls it needs, then exit_group(0).
function guest(body: string): Promise<Uint8Array> {
  const sys = (nr: number, ...a: string[]) => `(call $sys (i32.const ${nr}) ${[...a, "(i64.const 0)", "(i64.const 0)", "(i64.const 0)", "(i64.const 0)", "(i64.const 0)", "(i64.const 0)"].slice(0, 6).join(" ")})`;
  return watGuest(`(module
  (import "kernel" "syscall" (func $sys (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory ${MEM_PAGES}))
  (func $mmap (result i32)
    (i32.wrap_i64 ${sys(Sys.mmap, "(i64.const 0)", `(i64.const ${PAGE_SIZE})`, `(i64.const ${PROT_READ | PROT_WRITE})`, `(i64.const ${MAP_PRIVATE | MAP_ANONYMOUS})`, "(i64.const -1)")}))
  (func $munmap (param $a i32) (drop ${sys(Sys.munmap, "(i64.extend_i32_u (local.get $a))", `(i64.const ${PAGE_SIZE})`)}))
  (func $readonly (param $a i32) (drop ${sys(Sys.mprotect, "(i64.extend_i32_u (local.get $a))", `(i64.const ${PAGE_SIZE})`, `(i64.const ${PROT_READ})`)}))
  (func $_start (local $i i32) (local $s i32) (local $a i32)
    ${body}
    (i32.store (i32.const ${SUM}) (local.get $s))
    (drop ${sys(Sys.exit_group, "(i64.const 0)")})
    (unreachable))
  (export "memory" (memory 0))
  (export "_start" (func $_start)))`);
}

// `n` times: the instructions `each` (with $i counting down).
function repeat(n: number, each: string): string {
  return `(local.set $i (i32.const ${n}))
    (loop $l ${each} (local.set $i (i32.sub (local.get $i) (i32.const 1))) (br_if $l (local.get $i)))`;
}
const load = (addr: string) => `(local.set $s (i32.add (local.get $s) (i32.load ${addr})))`;
const store = (addr: string) => `(i32.store ${addr} (local.get $i))`;

/** TLB misses of the run of `body(n)`, less those of `body(1)`; each run must end as `end` says. */
async function extraMisses(k: WebAssembly.Module, body: (n: number) => string, end: { signal?: number } = {}): Promise<number> {
  const counts: number[] = [];
  for (const n of [1, N]) {
    const r = await runGuest(k, await guest(body(n)), []);
    if (end.signal) expectEq(`signal that ended the guest (repeat ${n})`, r.exit?.signal, end.signal);
    else if (r.exit?.code !== 0) fail(`the guest (repeat ${n}) did not exit 0: exit ${r.exit?.code ?? "none"}, signal ${r.exit?.signal ?? "none"}`);
    counts.push(r.stats.tlb.misses);
  }
  return counts[1] - counts[0];
}

export const tlbLab: Lab = {
  name: "tlb",
  title: "The TLB: refill on a miss, invalidate, measured misses",
  checks: [
    {
      name: `${N} loads of one page miss once`, points: 20,
      run: async (k) => expectEq(`misses of ${N} loads less those of 1`, await extraMisses(k, (n) => repeat(n, load(`(i32.const ${A})`))), 0),
    },
    {
      name: `pages ${TLB_ENTRIES} apart evict each other`, points: 20,
      run: async (k) => {
        const apart = (d: number) => (n: number) => repeat(n, load(`(i32.const ${A})`) + load(`(i32.const ${A + d * PAGE_SIZE})`));
        const near = await extraMisses(k, apart(1)), far = await extraMisses(k, apart(TLB_ENTRIES));
        expectEq(`extra misses alternating pages 1 apart`, near, 0);
        expectEq(`extra misses alternating pages ${TLB_ENTRIES} apart (one TLB entry)`, far, 2 * (N - 1));
      },
    },
    {
      name: `a store misses once more (dirty), then ${N} stores hit`, points: 20,
      run: async (k) => {
        const r = await extraMisses(k, (n) => load(`(i32.const ${A})`) + repeat(n, store(`(i32.const ${A})`)));
        expectEq(`misses of a load and ${N} stores less those of a load and 1 store`, r, 0);
        const first = await extraMisses(k, (n) => load(`(i32.const ${A})`) + (n > 1 ? store(`(i32.const ${A})`) : ""));
        expectEq("misses of a load and a store less those of the load alone", first, 1);
      },
    },
    {
      name: "after munmap a load faults (SIGSEGV), though loads before it hit", points: 20,
      run: async (k) => {
        const extra = await extraMisses(k, (n) => `(local.set $a (call $mmap)) ${store("(local.get $a)")}
          ${repeat(n, load("(local.get $a)"))} (call $munmap (local.get $a)) ${load("(local.get $a)")}`, { signal: Sig.SIGSEGV });
        expectEq(`misses of ${N} loads before munmap less those of 1`, extra, 0);
      },
    },
    {
      name: "after mprotect(PROT_READ) a store faults (SIGSEGV), though stores before it hit", points: 20,
      run: async (k) => {
        const extra = await extraMisses(k, (n) => `(local.set $a (call $mmap))
          ${repeat(n, store("(local.get $a)"))} (call $readonly (local.get $a)) ${load("(local.get $a)")} ${store("(local.get $a)")}`, { signal: Sig.SIGSEGV });
        expectEq(`misses of ${N} stores before mprotect less those of 1`, extra, 0);
      },
    },
  ],
};
