// A fuzz program as people read it: one strace-like line per call ("r3 = openat(AT_FDCWD, "/f0",
// O_RDWR|O_CREAT, 0644)", r<k> the result of call k, m32(0x10) the fd pipe2 stored at buf+0x10),
// and as a vitest file ready to paste into tests/ (the program literal plus the invariants check).
// Interface: formatProgram(program) -> text, formatCall(program, i) -> line, programSource(program)
// -> a TypeScript expression, testSource(program, title, comment) -> a test file.
import { Sys } from "../../kernel/abi/syscalls";
import { enumText, flagsText } from "../trace/flags";
import { CALLS, type ArgType } from "./calls";
import { ArgKind, BUF_BASE, BUF_SIZE } from "./wire";
import type { Arg, Program } from "./program";

const hex = (v: bigint) => "0x" + v.toString(16);
const signed = (v: bigint) => BigInt.asIntN(64, v);

function bufText(v: bigint): string {
  return v >= BigInt(BUF_BASE) && v < BigInt(BUF_BASE + BUF_SIZE) ? `buf+${hex(v - BigInt(BUF_BASE))}` : hex(v);
}

// The string at v in the buffer (zero past its data, so a string at the end is still terminated).
function cString(p: Program, v: bigint): string | null {
  if (v < BigInt(BUF_BASE) || v >= BigInt(BUF_BASE + p.data.length)) return null;
  const at = Number(v) - BUF_BASE;
  let end = at;
  while (end < p.data.length && p.data[end] !== 0) end++;
  const s = Buffer.from(p.data.subarray(at, end)).toString("latin1");
  return JSON.stringify(s.length > 40 ? s.slice(0, 40) : s) + (s.length > 40 ? `...(${s.length})` : "") + (end === BUF_SIZE ? "(unterminated)" : "");
}

function argText(p: Program, a: Arg, t: ArgType | undefined): string {
  const add = a.value ? (signed(a.value) < 0n ? `-${hex(-signed(a.value))}` : `+${hex(a.value)}`) : "";
  if (a.kind === ArgKind.result) return `r${a.ref}${add}`;
  if (a.kind === ArgKind.mem32) return `m32(${hex(BigInt(a.ref))})${add}`;
  const v = a.value, lo = Number(BigInt.asUintN(32, v)), high = v >> 32n ? ` /* ${hex(v)} */` : "";
  switch (t?.t) {
    case "fd": case "int": case "pid": case "sig": return String(signed(v));
    case "dirfd": return signed(v) === -100n ? "AT_FDCWD" : String(signed(v));
    case "path": return cString(p, v) ?? bufText(v);
    case "flags": return flagsText(t.set, lo) + high;
    case "named": return enumText(t.names, Number(BigInt.asIntN(32, v))) + high;
    case "mode": return "0" + v.toString(8);
    case "len": case "off": case "maplen": case "addrlen": return v > 0xffffffffn ? hex(v) : String(v);
    case "clone": return hex(v);
    default: return bufText(v);
  }
}

export function formatCall(p: Program, i: number): string {
  const c = p.calls[i], spec = CALLS[c.nr as Sys];
  const n = spec ? spec.args.length : 6;
  const args = c.args.slice(0, n).map((a, k) => argText(p, a, spec?.args[k]));
  return `r${i} = ${Sys[c.nr] ?? `syscall_${c.nr}`}(${args.join(", ")})`;
}

export function formatProgram(p: Program): string {
  return p.calls.map((_, i) => formatCall(p, i)).join("\n");
}

// The buffer as runs of nonzero bytes: [[offset, "hex"], ...].
function dataRuns(d: Uint8Array): [number, string][] {
  const runs: [number, string][] = [];
  for (let i = 0; i < d.length;) {
    if (d[i] === 0) { i++; continue; }
    let j = i;
    while (j < d.length && (d[j] !== 0 || (j + 1 < d.length && d[j + 1] !== 0))) j++;
    runs.push([i, Buffer.from(d.subarray(i, j)).toString("hex")]);
    i = j;
  }
  return runs;
}

function argSource(a: Arg): string {
  const v = signed(a.value);
  const lit = v >= -(1n << 53n) && v <= 1n << 53n ? `${v}n` : `${hex(a.value)}n`;
  if (a.kind === ArgKind.result) return a.value ? `res(${a.ref}, ${lit})` : `res(${a.ref})`;
  if (a.kind === ArgKind.mem32) return a.value ? `mem32(${a.ref}, ${lit})` : `mem32(${a.ref})`;
  return `val(${lit})`;
}

export function programSource(p: Program): string {
  const calls = p.calls.map((c) => {
    const n = Math.max(1, ...c.args.map((a, i) => (a.kind !== ArgKind.value || a.value ? i + 1 : 0)));
    return `    { nr: Sys.${Sys[c.nr] ?? c.nr}, args: six(${c.args.slice(0, n).map(argSource).join(", ")}) },`;
  });
  return `{\n  data: bufferOf(${JSON.stringify(dataRuns(p.data))}),\n  calls: [\n${calls.join("\n")}\n  ],\n}`;
}

export function testSource(p: Program, title: string, comment: string): string {
  return `// ${comment.split("\n").join("\n// ")}
// Found by the syscall fuzzer (host/fuzz), minimised; the program, strace-like:
//   ${formatProgram(p).split("\n").join("\n//   ")}
import { expect, test } from "vitest";
import { Sys } from "../kernel/abi/syscalls";
import { bufferOf, mem32, res, six, val, type Program } from "../host/fuzz/program";
import { runProgram } from "../host/fuzz/campaign";

const program: Program = ${programSource(p)};

test(${JSON.stringify(title)}, async () => {
  expect(await runProgram(program)).toMatchObject({ ok: true });
});
`;
}
