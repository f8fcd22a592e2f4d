// kernel/abi is the one home of every number that crosses a boundary: no constant it exports is
// defined again anywhere in kernel/, host/ or guests/, as `const NAME = ...` (alone or in a list,
// `const A = 1, B = 2`) or as a ["NAME", literal] pair of a name table. Imports and re-exports are
// not definitions.
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

/** Names kernel/abi exports as constants (`export const NAME`). */
function abiConstants(): Set<string> {
  const names = new Set<string>();
  for (const f of files(ABI)) {
    for (const m of readFileSync(f, "utf8").matchAll(/^export const ([A-Za-z_][A-Za-z0-9_]*)\b/gm)) names.add(m[1]);
  }
  return names;
}

/** Every place in `sources` that gives one of `names` a value, as "file: NAME". */
function redefinitions(names: Set<string>, sources: { file: string; text: string }[]): string[] {
  const found: string[] = [];
  for (const { file, text } of sources) {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
    // const/let/var declarations, every name of a comma-separated list on the statement's line
    for (const m of code.matchAll(/\b(?:const|let|var)\s+([^;\n]*)/g)) {
      for (const d of m[1].matchAll(/(?:^|,)\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*[A-Za-z0-9_<>]+\s*)?=(?![=>])/g)) {
        if (names.has(d[1])) found.push(`${file}: ${d[1]}`);
      }
    }
    // name tables: ["NAME", 0x40] or ["NAME", 64]
    for (const m of code.matchAll(/\[\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*,\s*-?(?:0[xXoObB])?[0-9a-fA-F_]+n?\s*\]/g)) {
      if (names.has(m[1])) found.push(`${file}: ${m[1]}`);
    }
  }
  return found;
}

const scanned = () => ["kernel", "host", "guests"].flatMap((d) => files(join(root, d)))
  .filter((f) => !f.startsWith(ABI))
  .map((f) => ({ file: relative(root, f), text: readFileSync(f, "utf8") }));

describe("kernel/abi is the one home of its constants", () => {
  const names = abiConstants();

  it("knows the uapi constants (the scan is looking at something)", () => {
    for (const n of ["O_DIRECT", "F_SETFL", "MAP_SHARED", "PROT_READ", "MSG_PEEK", "SPLICE_F_MOVE", "AT_FDCWD",
      "S_IFREG", "SOCK_STREAM", "SOL_SOCKET", "SEEK_END", "CLOCK_MONOTONIC", "WNOHANG", "IOV_MAX", "MAX_RW_COUNT",
      "PAGE_SIZE", "PAGE_SHIFT"]) expect(names.has(n), n).toBe(true);
  });

  it("finds no constant of kernel/abi defined again in kernel/, host/ or guests/", () => {
    expect(redefinitions(names, scanned())).toEqual([]);
  });

  it("catches a planted duplicate, alone, in a list, and in a name table", () => {
    const plant = (text: string) => redefinitions(names, [{ file: "kernel/planted.ts", text }]);
    expect(plant("const O_DIRECT: u32 = 0x4000;")).toEqual(["kernel/planted.ts: O_DIRECT"]);
    expect(plant("const F_GETFD = 1, F_SETFL = 4;")).toEqual(["kernel/planted.ts: F_GETFD", "kernel/planted.ts: F_SETFL"]);
    expect(plant('const T = [["MAP_FIXED", 0x10]];')).toEqual(["kernel/planted.ts: MAP_FIXED"]);
    expect(plant('import { O_DIRECT } from "./abi/fcntl";\nexport { PAGE_SIZE };\nconst x = O_DIRECT == 1;')).toEqual([]);
  });
});
