// kernel/abi is the one home of every number that crosses a boundary. Two scans of kernel/, host/
// and guests/ (comments and string literals left out):
// - no constant or enum kernel/abi exports is defined again, as `const NAME = ...` (alone or in a
//   list, `const A = 1, B = 2`), as `enum NAME`, or as a ["NAME", literal] pair of a name table.
//   Imports and re-exports are not definitions.
// - the numbers the rules name appear as names, not literals: the page size (4096, 0x1000, 4095,
//   0xfff, a shift by 12), IOV_MAX (1024, in the kernel and the guests), and any Linux flag value
//   (a hex or octal literal equal to an O_*, MAP_*, MSG_*, POLL*, CLONE_*, S_IF*... constant) used
//   in a bit operation. A literal that is not that constant (a count, a buffer of its own size, a
//   hash) is listed in ALLOWED with the reason; an entry that no longer matches anything fails too.
import { describe, it, expect } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = join(__dirname, "..");
const ABI = join(root, "kernel", "abi");

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === "node_modules") return [];
    return statSync(p).isDirectory() ? files(p) : /\.(ts|mjs)$/.test(n) && !n.endsWith(".d.ts") ? [p] : [];
  });
}

/** Names kernel/abi exports as constants or enums (`export const NAME`, `export enum NAME`). */
function abiConstants(): Set<string> {
  const names = new Set<string>();
  for (const f of files(ABI)) {
    for (const m of readFileSync(f, "utf8").matchAll(/^export (?:const|enum) ([A-Za-z_][A-Za-z0-9_]*)\b/gm)) names.add(m[1]);
  }
  return names;
}

/** The flag values of Linux's uapi headers in kernel/abi: value -> names. All-ones masks (0x3,
 *  0xf, 0xff: O_ACCMODE, MAP_TYPE, CSIGNAL) and 0 are left out: as literals they are byte masks
 *  and zeros far more often than those constants. */
function flagValues(): Map<number, string[]> {
  const vals = new Map<number, string[]>();
  for (const f of ["fcntl", "mman", "socket", "poll", "wait", "stat", "net"]) {
    const text = readFileSync(join(ABI, f + ".ts"), "utf8");
    for (const m of text.matchAll(/^export const ([A-Z_][A-Z0-9_]*)(?::\s*\w+)?\s*=\s*(0[xX][0-9a-fA-F]+|0o[0-7]+|\d+);/gm)) {
      const v = Number(m[2]);
      if (v === 0 || (v > 1 && (v & (v + 1)) === 0)) continue;
      vals.set(v, [...(vals.get(v) ?? []), m[1]]);
    }
  }
  return vals;
}

/** Code without comments and with string and template literals blanked; lines stay where they were. */
function code(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, " "))
    .replace(/(["'`])(?:\\.|(?!\1)[^\\\n])*\1/g, (m) => '""'.padEnd(m.length, " "))
    .replace(/\/\/.*$/gm, "");
}

type Source = { file: string; text: string };

/** Every place in `sources` that gives one of `names` a value, as "file: NAME". */
function redefinitions(names: Set<string>, sources: Source[]): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    const c = code(text);
    // const/let/var declarations, every name of a comma-separated list on the statement's line
    for (const m of c.matchAll(/\b(?:const|let|var)\s+([^;\n]*)/g)) {
      for (const d of m[1].matchAll(/(?:^|,)\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z0-9_<>]+\s*)?=(?![=>])/g)) {
        if (names.has(d[1])) found.push(`${file}: ${d[1]}`);
      }
    }
    for (const m of c.matchAll(/\benum\s+([A-Za-z_][A-Za-z0-9_]*)/g)) if (names.has(m[1])) found.push(`${file}: ${m[1]}`);
    // name tables: ["NAME", 0x40] or ["NAME", 64] (the string is blanked in `c`, so read `text`)
    for (const m of text.replace(/\/\/.*$/gm, "").matchAll(/\[\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*,\s*-?(?:0[xX][0-9a-fA-F_]+|0[oObB][0-7_]+|[0-9_]+)n?\s*\]/g)) {
      if (names.has(m[1])) found.push(`${file}: ${m[1]}`);
    }
  }
  return found;
}

type Hit = { file: string; line: number; rule: string; literal: string; text: string };

/** Literals that should be kernel/abi names: the page size, IOV_MAX, flag values in bit operations. */
function literals(sources: Source[], flags: Map<number, string[]>): Hit[] {
  const hits: Hit[] = [];
  for (const { file, text } of sources) {
    code(text).split("\n").forEach((l, i) => {
      const hit = (rule: string, literal: string) => hits.push({ file, line: i + 1, rule, literal, text: l.trim() });
      for (const m of l.matchAll(/\b(?:4096|4095)n?\b|\b0[xX]0*(?:1000|[fF]{3})n?\b|(?:>>>?|<<)\s*12\b/g)) hit("PAGE_SIZE/PAGE_SHIFT", m[0]);
      if (!file.startsWith("host/")) for (const m of l.matchAll(/\b1024\b/g)) hit("IOV_MAX", m[0]);
      for (const m of l.matchAll(/\b(0[xX][0-9a-fA-F]+|0[oO][0-7]+)\b/g)) {
        const names = flags.get(Number(m[1]));
        if (!names) continue;
        const before = l.slice(0, m.index).trimEnd(), after = l.slice(m.index! + m[1].length).trimStart();
        const inBitOp = (/[|&^~]$/.test(before) && !/(\|\||&&)$/.test(before)) || (/^[|&^]/.test(after) && !/^(\|\||&&)/.test(after));
        if (inBitOp) hit(`flag ${names.join("/")}`, m[1]);
      }
    });
  }
  return hits;
}

// Literals that are not the constant their value suggests. file, a piece of the line (as the scan
// sees it: comments and strings blanked), and why it stays.
const ALLOWED: { file: string; text: string; why: string }[] = [
  { file: "kernel/dir.ts", text: "const MAX_DEPTH = 4096", why: "a count of '..' steps that ends a loop on a corrupt image" },
  { file: "kernel/sysexec.ts", text: "const MAX_ARG_STRINGS: u32 = 4096", why: "a count of argv/envp pointers" },
  { file: "kernel/pagecache.ts", text: "let n: u32 = 1024", why: "the fewest hash buckets, a count" },
  { file: "host/compare.ts", text: "o.size ?? 4096", why: "the default file size to send (as /data/4k.bin)" },
  { file: "host/fs/rootfs.ts", text: "dataBytes(4096)", why: "the size of /data/4k.bin, which its name says" },
  { file: "host/fs/rootfs.ts", text: "(i >>> 12) * 7", why: "the test data's byte formula, written as guests/rootfs/README gives it" },
  { file: "host/fuzz/campaign.ts", text: "h ^ (h >>> 12)", why: "a hash's mixing shift" },
  { file: "host/fuzz/wire.ts", text: "MAX_CALLS = 4096", why: "a count of calls in a fuzz program" },
  { file: "host/trace/args.ts", text: "out.length < 4096", why: "the most argv/envp pointers the tracer reads" },
  { file: "host/trace/perfetto.ts", text: "MAX_DEVICE_PENDING = 4096", why: "a count of device requests" },
  { file: "host/translate/sections.ts", text: "while (b & 0x80)", why: "LEB128's continuation bit" },
  { file: "host/translate/sections.ts", text: "while (b & 0x80 && shift < 35)", why: "LEB128's continuation bit" },
  { file: "host/translate/sections.ts", text: "b & 0x40 ?", why: "LEB128's sign bit" },
  { file: "guests/sdk/args.ts", text: "| 0x20) == 0x78", why: "ASCII lower case ('0x' prefix)" },
  { file: "guests/sdk/args.ts", text: "const l = c | 0x20", why: "ASCII lower case" },
  { file: "guests/programs/pwd.ts", text: "const SIZE = 4096", why: "Linux's PATH_MAX, getcwd's buffer" },
  { file: "guests/sdk/fs.ts", text: "const CWD_BUF = 4096", why: "Linux's PATH_MAX, getcwd's buffer" },
  { file: "guests/sdk/print.ts", text: "const BUF_SIZE: usize = 4096", why: "print's staging buffer" },
  { file: "guests/sdk/print.ts", text: "const CHUNK: i32 = 1024", why: "UTF-16 units per chunk of that buffer" },
];

const allowedBy = (h: Hit) => ALLOWED.find((a) => a.file === h.file && h.text.includes(a.text));

const scanned = (): Source[] => ["kernel", "host", "guests"].flatMap((d) => files(join(root, d)))
  .filter((f) => !f.startsWith(ABI))
  .map((f) => ({ file: relative(root, f), text: readFileSync(f, "utf8") }));

describe("kernel/abi is the one home of its constants", () => {
  const names = abiConstants();
  const flags = flagValues();

  it("knows the uapi constants (the scan is looking at something)", () => {
    for (const n of ["O_DIRECT", "F_SETFL", "MAP_SHARED", "PROT_READ", "MSG_PEEK", "SPLICE_F_MOVE", "AT_FDCWD",
      "S_IFREG", "SOCK_STREAM", "SOL_SOCKET", "SEEK_END", "CLOCK_MONOTONIC", "WNOHANG", "IOV_MAX", "MAX_RW_COUNT",
      "PAGE_SIZE", "PAGE_SHIFT", "MAX_ERRNO", "STAGE_SIZE", "Errno", "PcStat"]) expect(names.has(n), n).toBe(true);
    expect(flags.get(0x4000)).toContain("O_DIRECT");
    expect(flags.get(0x8000)).toContain("MSG_MORE");
  });

  it("finds no constant of kernel/abi defined again in kernel/, host/ or guests/", () => {
    expect(redefinitions(names, scanned())).toEqual([]);
  });

  it("catches a planted duplicate, alone, in a list, as an enum and in a name table", () => {
    const plant = (text: string) => redefinitions(names, [{ file: "kernel/planted.ts", text }]);
    expect(plant("const O_DIRECT: u32 = 0x4000;")).toEqual(["kernel/planted.ts: O_DIRECT"]);
    expect(plant("const F_GETFD = 1, F_SETFL = 4;")).toEqual(["kernel/planted.ts: F_GETFD", "kernel/planted.ts: F_SETFL"]);
    expect(plant("export enum PcStat { pages = 0 }")).toEqual(["kernel/planted.ts: PcStat"]);
    expect(plant('const T = [["MAP_FIXED", 0x10]];')).toEqual(["kernel/planted.ts: MAP_FIXED"]);
    expect(plant('import { O_DIRECT } from "./abi/fcntl";\nexport { PAGE_SIZE };\nconst x = O_DIRECT == 1;')).toEqual([]);
  });

  it("finds no page-size, IOV_MAX or flag literal outside ALLOWED", () => {
    const bad = literals(scanned(), flags).filter((h) => !allowedBy(h))
      .map((h) => `${h.file}:${h.line}: ${h.rule} written as ${h.literal}: ${h.text}`);
    expect(bad).toEqual([]);
  });

  it("keeps no stale ALLOWED entry", () => {
    const hits = literals(scanned(), flags);
    const stale = ALLOWED.filter((a) => !hits.some((h) => allowedBy(h) === a)).map((a) => `${a.file}: ${a.text}`);
    expect(stale).toEqual([]);
  });

  it("catches planted literals: the page size, a page shift, IOV_MAX, a flag; not a name, a comment or a string", () => {
    const plant = (file: string, text: string) => literals([{ file, text }], flags).map((h) => `${h.rule} ${h.literal}`);
    expect(plant("kernel/x.ts", "const o = pos & 4095;")).toEqual(["PAGE_SIZE/PAGE_SHIFT 4095"]);
    expect(plant("host/x.ts", "const b = new Uint8Array(0x1000);")).toEqual(["PAGE_SIZE/PAGE_SHIFT 0x1000"]);
    expect(plant("host/x.ts", "const pfn = pa >>> 12;")).toEqual(["PAGE_SIZE/PAGE_SHIFT >>> 12"]);
    expect(plant("guests/x.ts", "const len = (n + 0xfff) & ~0xfff;")).toEqual(["PAGE_SIZE/PAGE_SHIFT 0xfff", "PAGE_SIZE/PAGE_SHIFT 0xfff"]);
    expect(plant("guests/x.ts", "const top = (1n << 64n) - 4096n;")).toEqual(["PAGE_SIZE/PAGE_SHIFT 4096n"]);
    expect(plant("kernel/x.ts", "if (cnt > 1024) return -Errno.EINVAL;")).toEqual(["IOV_MAX 1024"]);
    expect(plant("kernel/x.ts", "if (flags & ~(MSG_DONTWAIT | 0x8000)) return -1;")).toEqual([`flag ${flags.get(0x8000)!.join("/")} 0x8000`]);
    expect(flags.get(0x8000)).toContain("MSG_MORE");
    expect(plant("guests/x.ts", "open(p, O_RDONLY | 0x4000);")).toEqual([`flag ${flags.get(0x4000)!.join("/")} 0x4000`]);
    expect(plant("kernel/x.ts", "const mode = 0o10000 | 0o600;")).toEqual([`flag ${flags.get(0x1000)!.join("/")} 0o10000`]);
    expect(flags.get(0x1000)).toContain("S_IFIFO");
    expect(plant("kernel/x.ts", "const o = pos & ~PAGE_MASK; // 4095 \nconst s = \"4096 bytes\";\nx = y & 0xff;")).toEqual([]);
    expect(plant("host/x.ts", "const k = n * 1024;")).toEqual([]);
  });
});
