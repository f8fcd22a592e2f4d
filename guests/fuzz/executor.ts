// The fuzzer's executor (host/fuzz/): reads one serialized program from stdin (format in
// host/fuzz/wire.ts), maps the program's buffer at BUF_BASE, copies the data in, then issues each
// call through the raw kernel.syscall import, resolving result references (an fd or address from
// an earlier call, an fd stored in the buffer) at the moment of the call. A fork in the program
// makes two processes run the rest of it. At the end every process waits for its children and
// exits 0; a malformed program exits 99 before any fuzzed call. Prints nothing.
// Lives outside guests/programs and guests/demos, so it is not on the disk image.
import { syscall6 } from "../sdk/syscall";
import { Sys } from "../../kernel/abi/syscalls";
import { PAGE_SIZE } from "../../kernel/abi/layout";
import { PROT_READ, PROT_WRITE, MAP_PRIVATE, MAP_ANONYMOUS, MAP_FIXED } from "../../kernel/abi/mman";
import { WIRE_MAGIC, BUF_BASE, BUF_SIZE, MAX_CALLS, HEADER_BYTES, ARG_BYTES, CALL_BYTES, ArgKind } from "../../host/fuzz/wire";

const PROG_MAX: i32 = HEADER_BYTES + BUF_SIZE + MAX_CALLS * CALL_BYTES;
const AREA: i32 = (PROG_MAX + MAX_CALLS * 8 + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
const PROT_RW: i64 = PROT_READ | PROT_WRITE, MAP_PRIVATE_ANON: i64 = MAP_PRIVATE | MAP_ANONYMOUS;
// The program and the results live in an anonymous mapping of their own, not in the data segment.
const prog = <usize>syscall6(Sys.mmap, 0, AREA, PROT_RW, MAP_PRIVATE_ANON, -1, 0);
const results = prog + <usize>PROG_MAX;

function die(code: i32): void { syscall6(Sys.exit_group, code, 0, 0, 0, 0, 0); }

// Read stdin to its end (or until the area is full): the program's length.
function readAll(): i32 {
  let n: i32 = 0;
  while (n < PROG_MAX) {
    const r = syscall6(Sys.read, 0, <i64>(prog + n), <i64>(PROG_MAX - n), 0, 0, 0);
    if (r <= 0) break;
    n += <i32>r;
  }
  return n;
}

function argOf(a: usize): i64 {
  const kind = load<u8>(a), ref = load<u32>(a + 4), value = load<i64>(a + 8);
  if (kind == ArgKind.result) return load<i64>(results + (<usize>ref << 3)) + value;
  if (kind == ArgKind.mem32) return <i64>load<i32>(<usize>BUF_BASE + ref) + value;
  return value;
}

function runCalls(at: usize, ncalls: i32): void {
  for (let i = 0; i < ncalls; i++) {
    const c = at + <usize>i * CALL_BYTES, a = c + 4;
    const r = syscall6(load<i32>(c), argOf(a), argOf(a + ARG_BYTES), argOf(a + 2 * ARG_BYTES),
      argOf(a + 3 * ARG_BYTES), argOf(a + 4 * ARG_BYTES), argOf(a + 5 * ARG_BYTES));
    store<i64>(results + (<usize>i << 3), r);
  }
}

if (<i64>prog < 0 || prog >= 0xc0000000) die(97);
const len = readAll();
if (len < HEADER_BYTES || load<u32>(prog) != WIRE_MAGIC) die(99);
const ncalls = load<i32>(prog + 4), datalen = load<i32>(prog + 8);
if (ncalls < 0 || ncalls > MAX_CALLS || datalen < 0 || datalen > BUF_SIZE ||
    len < HEADER_BYTES + datalen + ncalls * CALL_BYTES) die(99);
if (syscall6(Sys.mmap, BUF_BASE, BUF_SIZE, PROT_RW, MAP_PRIVATE_ANON | MAP_FIXED, -1, 0) != BUF_BASE) die(98);
memory.copy(<usize>BUF_BASE, prog + HEADER_BYTES, datalen);
runCalls(prog + HEADER_BYTES + <usize>datalen, ncalls);
while (syscall6(Sys.wait4, -1, 0, 0, 0, 0, 0) > 0) {}
die(0);
