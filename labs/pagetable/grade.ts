// The pagetable lab's grader: walking the page table without allocating (lookupPhys, which the
// kernel's `lookup` export, the tracer and /proc use) and unmapping pages (unmapPage, which munmap,
// brk and exit use), around demand-zero faults. A WAT guest maps 64 pages, stores into each, calls
// getpid (the grader looks inside the machine at that call's exit), unmaps them and calls getppid
// (the grader looks again); a second guest loads from the unmapped region afterwards.
// Interface: pagetableLab (a Lab, host/lab/grader.ts).
import { runGuest, watGuest, expectEq, expectExit, fail, type Lab, type GuestRun } from "../../host/lab/grader";
import { meminfo, type Machine } from "../../host/index";
import { Sys } from "../../kernel/abi/syscalls";
import { Sig } from "../../kernel/abi/signals";
import { TraceClass } from "../../kernel/abi/trace";
import { PAGE_SIZE, PAGE_MASK, USER_TOP } from "../../kernel/abi/layout";
import { PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS } from "../../kernel/abi/mman";

const PAGES = 64;
const OFF = 123;                      // a byte offset inside each page the grader translates

function guest(loadAfter: boolean): Promise<Uint8Array> {
  const sys = (nr: number, ...a: string[]) => `(call $sys (i32.const ${nr}) ${[...a, ...Array(6).fill("(i64.const 0)")].slice(0, 6).join(" ")})`;
  return watGuest(`(module
  (import "kernel" "syscall" (func $sys (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory 1))
  (func $_start (local $a i32) (local $i i32)
    (local.set $a (i32.wrap_i64 ${sys(Sys.mmap, "(i64.const 0)", `(i64.const ${PAGES * PAGE_SIZE})`, `(i64.const ${PROT_READ | PROT_WRITE})`, `(i64.const ${MAP_PRIVATE | MAP_ANONYMOUS})`, "(i64.const -1)")}))
    (loop $l
      (i32.store8 (i32.add (local.get $a) (i32.mul (local.get $i) (i32.const ${PAGE_SIZE}))) (i32.const 1))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const ${PAGES}))))
    (drop ${sys(Sys.getpid)})
    (drop ${sys(Sys.munmap, "(i64.extend_i32_u (local.get $a))", `(i64.const ${PAGES * PAGE_SIZE})`)})
    (drop ${sys(Sys.getppid)})
    ${loadAfter ? "(drop (i32.load8_u (local.get $a)))" : ""}
    (drop ${sys(Sys.exit_group, "(i64.const 0)")})
    (unreachable))
  (export "memory" (memory 0))
  (export "_start" (func $_start)))`);
}

interface Seen { base: number; pid: number; anonBefore: number; anonAfter: number; lookups: bigint[]; frames: number[]; past: bigint; kernel: bigint }

/** Run the guest; at getpid's exit translate each page with the kernel's `lookup` and read the PTE. */
async function run(k: WebAssembly.Module, loadAfter: boolean): Promise<{ r: GuestRun; s: Seen }> {
  const s: Seen = { base: -1, pid: 0, anonBefore: -1, anonAfter: -1, lookups: [], frames: [], past: 0n, kernel: 0n };
  const at = (m: Machine, va: number) => m.k.lookup(s.pid, va);
  const r = await runGuest(k, await guest(loadAfter), [], { trace: TraceClass.syscall, onEvent: (ev, m) => {
    if (ev.type !== "syscall") return;
    if (ev.name === "mmap") { s.base = Number(ev.ret); s.pid = ev.pid; }
    if (ev.name === "getpid" && s.base > 0) {
      s.anonBefore = meminfo(m).byOwner.anon;
      for (let i = 0; i < PAGES; i++) {
        s.lookups.push(at(m, s.base + i * PAGE_SIZE + OFF));
        s.frames.push((m.k.pteOf(s.pid, s.base + i * PAGE_SIZE) & PAGE_MASK) >>> 0);   // unsigned: frames above 2 GiB
      }
      s.past = at(m, s.base + PAGES * PAGE_SIZE + OFF);
      s.kernel = at(m, USER_TOP + OFF);
    }
    if (ev.name === "getppid") s.anonAfter = meminfo(m).byOwner.anon;
  } });
  if (s.base <= 0 || s.anonBefore < 0) fail(`the guest's mmap failed (${s.base}) or it never reached getpid`);
  return { r, s };
}

export const pagetableLab: Lab = {
  name: "pagetable",
  title: "Page tables: walk without allocating, unmap; demand-zero faults",
  checks: [
    {
      name: `lookup translates each of ${PAGES} touched pages`, points: 30,
      run: async (k) => {
        const { s } = await run(k, false);
        for (let i = 0; i < PAGES; i++) {
          if (s.frames[i] === 0) fail(`page ${i}: no frame in its page-table entry after a store (a demand-zero fault should have mapped one)`);
          expectEq(`lookup of page ${i} + ${OFF}`, s.lookups[i], BigInt(s.frames[i] + OFF));
        }
      },
    },
    {
      name: "lookup of an unmapped page and of the kernel's half is -1", points: 10,
      run: async (k) => {
        const { s } = await run(k, false);
        if (s.lookups[0] !== BigInt(s.frames[0] + OFF)) fail("lookup of a mapped page is wrong (see the check above)");
        expectEq("lookup just past the mapping", s.past, -1n);
        expectEq(`lookup of 0x${USER_TOP.toString(16)} + ${OFF}`, s.kernel, -1n);
      },
    },
    {
      name: `munmap gives back its ${PAGES} frames`, points: 30,
      run: async (k) => {
        const { r, s } = await run(k, false);
        expectExit(r);
        expectEq("demand-zero (minor) faults at least the pages touched", r.stats.pageFaults.minor >= PAGES, true);
        expectEq("anonymous frames freed by munmap", s.anonBefore - s.anonAfter, PAGES);
      },
    },
    {
      name: "a load after munmap is SIGSEGV", points: 15,
      run: async (k) => {
        const { r } = await run(k, true);
        expectEq("signal that ended the guest", r.exit?.signal, Sig.SIGSEGV);
      },
    },
    {
      name: "exit frees every user frame", points: 15,
      run: async (k) => {
        const r = await runGuest(k, "/usr/demo/forkmap", ["4", "1", "3"]);
        expectExit(r);
        expectEq("anonymous frames left after every process exited", meminfo(r.machine).byOwner.anon, 0);
      },
    },
  ],
};
