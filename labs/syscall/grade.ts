// The syscall lab's grader: uname(2) must be in the system call table and fill a struct utsname,
// seen from the outside (the uname tool), in the trace, in the per-syscall counters, in the guest's
// memory byte for byte, and failing with EFAULT on a pointer the process may not write.
// Interface: syscallLab (a Lab, host/lab/grader.ts).
import { runGuest, expectExit, watGuest, expectEq, fail, type Lab } from "../../host/lab/grader";
import { Sys } from "../../kernel/abi/syscalls";
import { Errno } from "../../kernel/abi/errno";
import { TraceClass } from "../../kernel/abi/trace";
import { USER_TOP } from "../../kernel/abi/layout";

const UTS_FIELD = 65;                          // bytes per field of struct utsname (Linux's __NEW_UTS_LEN + 1)
const UTS_NAMES = ["wasmos", "wasmos", "0.1.0", "#1 wasmos", "wasm32", "(none)"];   // sysname ... domainname
const UTS_SIZE = UTS_FIELD * UTS_NAMES.length;
const BUF = 2048;                              // where the WAT guests put the structure

/** The structure the kernel must copy out: each name NUL-padded to 65 bytes. */
function utsname(): Buffer {
  const b = Buffer.alloc(UTS_SIZE);
  UTS_NAMES.forEach((n, i) => b.write(n, i * UTS_FIELD, "latin1"));
  return b;
}

// A guest that calls uname(BUF) and writes the 390 bytes to stdout; exit status: 0, or 1 if uname failed.
const DUMP = `(module
  (import "kernel" "syscall" (func $sys (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory 1))
  (func $_start (local $r i64)
    (local.set $r (call $sys (i32.const ${Sys.uname}) (i64.const ${BUF}) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $sys (i32.const ${Sys.write}) (i64.const 1) (i64.const ${BUF}) (i64.const ${UTS_SIZE}) (i64.const 0) (i64.const 0) (i64.const 0)))
    (drop (call $sys (i32.const ${Sys.exit_group}) (i64.extend_i32_u (i64.ne (local.get $r) (i64.const 0))) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)))
    (unreachable))
  (export "memory" (memory 0))
  (export "_start" (func $_start)))`;

// A guest that calls uname on an address past its memory and on the kernel's half; exit status:
// 0 when both returned -EFAULT, else 1 (the first) or 2 (the second).
const BAD = (past: number) => `(module
  (import "kernel" "syscall" (func $sys (param i32 i64 i64 i64 i64 i64 i64) (result i64)))
  (import "env" "memory" (memory 1))
  (func $uname (param $a i64) (result i64)
    (call $sys (i32.const ${Sys.uname}) (local.get $a) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0)))
  (func $exit (param $s i64)
    (drop (call $sys (i32.const ${Sys.exit_group}) (local.get $s) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0) (i64.const 0))))
  (func $_start
    (if (i64.ne (call $uname (i64.const ${past})) (i64.const -${Errno.EFAULT})) (then (call $exit (i64.const 1))))
    (if (i64.ne (call $uname (i64.const ${USER_TOP})) (i64.const -${Errno.EFAULT})) (then (call $exit (i64.const 2))))
    (call $exit (i64.const 0))
    (unreachable))
  (export "memory" (memory 0))
  (export "_start" (func $_start)))`;

export const syscallLab: Lab = {
  name: "syscall",
  title: "System calls: add uname(2) to the table and write its handler",
  checks: [
    {
      name: "uname -a prints the system's names", points: 20,
      run: async (k) => {
        const r = await runGuest(k, "/bin/uname", ["-a"]);
        expectEq("output of uname -a", r.stdout, "wasmos wasmos 0.1.0 #1 wasmos wasm32 wasmos\n");
        expectExit(r);
      },
    },
    {
      name: "uname fills struct utsname byte for byte", points: 20,
      run: async (k) => {
        const r = await runGuest(k, await watGuest(DUMP), []);
        expectEq("exit status (1: uname returned an error)", r.exit?.code, 0);
        const want = utsname(), got = Buffer.from(r.stdout, "latin1");
        if (!got.equals(want)) fail(`the ${UTS_SIZE} bytes at the buffer differ from struct utsname (first difference at byte ${firstDiff(got, want)})`);
      },
    },
    {
      name: "uname shows in the trace: uname(...) = 0", points: 20,
      run: async (k) => {
        const r = await runGuest(k, "/bin/uname", ["-s"], { trace: TraceClass.syscall });
        const calls = r.events.filter((e) => e.type === "syscall" && e.name === "uname");
        expectEq("uname calls in the trace", calls.length, 1);
        const c = calls[0];
        if (c.type === "syscall") expectEq("uname's result in the trace", c.ret, 0n);
      },
    },
    {
      name: "the counters: 1 call, 0 errors, 1 copy_to_user of 390 bytes", points: 20,
      run: async (k) => {
        const r = await runGuest(k, "/bin/uname", ["-s"]);
        const s = r.stats.bySyscall.uname;
        if (!s) fail("no counters for uname (it was never called?)");
        expectEq("calls", s.calls, 1);
        expectEq("errors", s.errors, 0);
        expectEq("CPU copies", s.cpuCopies, 1);
        expectEq("CPU copy bytes", s.cpuCopyBytes, UTS_SIZE);
      },
    },
    {
      name: "uname on a bad pointer returns -EFAULT", points: 20,
      run: async (k) => {
        const r = await runGuest(k, await watGuest(BAD(1 << 20)), []);
        if (r.exit?.code === 1) fail("uname(1 MiB: past the guest's memory) did not return -EFAULT");
        if (r.exit?.code === 2) fail(`uname(0x${USER_TOP.toString(16)}: the kernel's half) did not return -EFAULT`);
        expectExit(r);
      },
    },
  ],
};

function firstDiff(a: Buffer, b: Buffer): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}
