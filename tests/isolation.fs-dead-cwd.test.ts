// A directory removed (rmdir, or replaced by rename) while it is a process's cwd lives on until the
// cwd lets go of it (the cwd holds a reference), but nothing may be created in it: Linux's
// IS_DEADDIR makes a create, mkdir, link or rename into it ENOENT. Before the fix the new name was
// linked into the dead directory and lost with it (fsck: "inode 10: in use but not reachable from
// /", its blocks marked in use but not referenced). Each program runs on a fresh machine; ok means
// fsck clean and nothing leaked. Found by the syscall fuzzer (host/fuzz, seeds 2369920891, 3124927175).
import { expect, test } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { bufferOf, six, val, type Program } from "../host/fuzz/program";
import { runProgram } from "../host/fuzz/campaign";

const B = 0x40000000n;                       // the executor's data buffer
// Strings at B: 0 "/d2", 4 ".", 6 "x", 8 "/d3"
const data = bufferOf([[0, "2f643200" + "2e00" + "7800" + "2f643300"]]);
const D2 = 0n, DOT = 4n, X = 6n, D3 = 8n;
const mkdir = (o: bigint) => ({ nr: Sys.mkdirat, args: six(val(-100n), val(B + o), val(0o755n)) });
const chdir = (o: bigint) => ({ nr: Sys.chdir, args: six(val(B + o)) });
const rmdir = (o: bigint) => ({ nr: Sys.unlinkat, args: six(val(-100n), val(B + o), val(0x200n)) });
const creat = (o: bigint) => ({ nr: Sys.openat, args: six(val(-100n), val(B + o), val(0x41n), val(0o644n)) });
const rename = (from: bigint, to: bigint) => ({ nr: Sys.renameat, args: six(val(-100n), val(B + from), val(-100n), val(B + to)) });

const cases: [string, Program][] = [
  ["rmdir of the cwd, then chdir(\".\")", { data, calls: [mkdir(D2), chdir(D2), rmdir(D2), chdir(DOT)] }],
  ["rmdir of the cwd, then a file created in it", { data, calls: [mkdir(D2), chdir(D2), rmdir(D2), creat(X)] }],
  ["rmdir of the cwd, then a directory made in it", { data, calls: [mkdir(D2), chdir(D2), rmdir(D2), mkdir(X)] }],
  ["rename over the cwd, then a file created in it", { data, calls: [mkdir(D2), mkdir(D3), chdir(D2), rename(D3, D2), chdir(DOT), creat(X)] }],
  ["rename over the cwd, then a directory made in it", { data, calls: [mkdir(D2), mkdir(D3), chdir(D3), rename(D2, D3), chdir(DOT), mkdir(X)] }],
];

for (const [name, p] of cases) {
  test(`${name}: fsck clean, nothing leaked`, async () => {
    expect(await runProgram(p)).toMatchObject({ ok: true });
  }, 60_000);
}
