// host/kernel.ts's view of kernel.wasm (KERNEL_EXPORTS, KERNEL_IMPORTS) against the real module:
// every export and import by name, kind and wasm type, so neither side can drift unnoticed; and
// docs/architecture.md's list of the boundary ("The kernel<->host boundary") against the tables.
import { describe, expect, it } from "vitest";
import binaryen from "binaryen";
import { readFileSync } from "node:fs";
import { KERNEL_EXPORTS, KERNEL_IMPORTS, instantiateKernel, kernelWasm, type KernelHostImports } from "../host/kernel";
import { distPath, projectRoot } from "../host/paths";
import { join } from "node:path";

type Spec = Record<string, string>;

const letter = (t: number) => t === binaryen.i32 ? "i" : t === binaryen.i64 ? "I" : `<type ${t}>`;
const typeLetters = (t: number) => binaryen.expandType(t).map(letter).join("");

/** kernel.wasm's exports and host imports written in host/kernel.ts's notation, read from its binary. */
function realSpecs(): { exports: Spec; imports: Spec; otherImports: string[] } {
  const m = binaryen.readBinary(readFileSync(distPath("kernel.wasm")));
  try {
    const fnSpec = (ref: number) => {
      const f = binaryen.getFunctionInfo(ref);
      return `${typeLetters(f.params)}>${typeLetters(f.results)}`;
    };
    const exports: Spec = {};
    for (let i = 0; i < m.getNumExports(); i++) {
      const e = binaryen.getExportInfo(m.getExportByIndex(i));
      if (e.kind === binaryen.ExternalFunction) exports[e.name] = fnSpec(m.getFunction(e.value));
      else if (e.kind === binaryen.ExternalGlobal) {
        const g = binaryen.getGlobalInfo(m.getGlobal(e.value));
        exports[e.name] = `${g.mutable ? "mut" : "const"} ${typeLetters(g.type)}`;
      } else if (e.kind === binaryen.ExternalMemory) exports[e.name] = "memory";
      else exports[e.name] = `<kind ${e.kind}>`;
    }
    const imports: Spec = {};
    for (let i = 0; i < m.getNumFunctions(); i++) {
      const ref = m.getFunctionByIndex(i), f = binaryen.getFunctionInfo(ref);
      if (f.module) imports[`${f.module}.${f.base}`] = fnSpec(ref);
    }
    const otherImports = WebAssembly.Module.imports(kernelWasm())
      .filter((d) => d.kind !== "function").map((d) => `${d.module}.${d.name}: ${d.kind}`);
    return { exports, imports, otherImports };
  } finally { m.dispose(); }
}

const sorted = (s: Spec) => Object.fromEntries(Object.entries(s).sort(([a], [b]) => a.localeCompare(b)));
const prefixed = (p: string, s: Spec) => Object.fromEntries(Object.entries(s).map(([k, v]) => [`${p}.${k}`, v]));

describe("kernel.wasm against host/kernel.ts", () => {
  const real = realSpecs();

  it("exports exactly what KERNEL_EXPORTS declares, with the same types", () => {
    expect(Object.keys(real.exports).length).toBeGreaterThan(80);
    expect(sorted(real.exports)).toEqual(sorted(KERNEL_EXPORTS));
  });

  it("exports the kinds the JavaScript API reports (function, global, memory)", () => {
    const kind = (s: string) => s === "memory" ? "memory" : s.includes(">") ? "function" : "global";
    const byApi = Object.fromEntries(WebAssembly.Module.exports(kernelWasm()).map((d) => [d.name, d.kind]));
    expect(byApi).toEqual(Object.fromEntries(Object.entries(KERNEL_EXPORTS).map(([n, s]) => [n, kind(s)])));
  });

  it("imports exactly the host functions KERNEL_IMPORTS declares, and its RAM as env.memory", () => {
    expect(sorted(real.imports)).toEqual(sorted(prefixed("host", KERNEL_IMPORTS)));
    expect(real.otherImports).toEqual(["env.memory: memory"]);
  });

  it("a function's arity on an instance is its parameter count in the table", () => {
    const stub = Object.fromEntries(Object.keys(KERNEL_IMPORTS).map((n) => [n, () => 0])) as unknown as KernelHostImports;
    const k = instantiateKernel(new WebAssembly.Memory({ initial: 256, maximum: 256, shared: true }), stub);
    for (const [name, spec] of Object.entries(KERNEL_EXPORTS)) {
      if (!spec.includes(">")) continue;
      expect([name, (k[name as keyof typeof k] as (...a: never[]) => unknown).length]).toEqual([name, spec.indexOf(">")]);
    }
  });
});

/** The names docs/architecture.md lists in its section on the boundary: the first word of each line of
 *  the code blocks under a paragraph starting "Exports" or "Imports". */
function documented(doc: string): { exports: string[]; imports: string[] } {
  const start = doc.indexOf("## The kernel<->host boundary");
  const section = doc.slice(start, doc.indexOf("\n## ", start + 1));
  const out = { exports: [] as string[], imports: [] as string[] };
  let list: string[] | null = null;
  for (const block of section.split(/^```/m)) {
    const lead = block.trim().split("\n").filter((l) => l.trim() !== "").at(-1) ?? "";
    if (list) {   // inside a code block
      for (const line of block.split("\n").filter((l) => l.trim() !== "")) list.push(/^[A-Za-z_]\w*/.exec(line)?.[0] ?? `<${line}>`);
      list = null;
    } else list = /^Exports\b/.test(lead) ? out.exports : /^Imports\b/.test(lead) ? out.imports : null;
  }
  return out;
}

describe("docs/architecture.md's boundary list against host/kernel.ts", () => {
  const doc = readFileSync(join(projectRoot(), "docs", "architecture.md"), "utf8");

  it("lists every export and every import once, one per line, and nothing else", () => {
    const { exports, imports } = documented(doc);
    expect(exports.length).toBeGreaterThan(80);
    expect([...exports].sort()).toEqual(Object.keys(KERNEL_EXPORTS).sort());
    expect([...imports].sort()).toEqual(Object.keys(KERNEL_IMPORTS).sort());
  });

  it("notices a line removed, two names on a line, or a name the tables do not have", () => {
    const sorted = (d: string) => [...documented(d).exports].sort();
    const want = Object.keys(KERNEL_EXPORTS).sort();
    expect(sorted(doc.replace(/^pcStats\(.*\n/m, ""))).not.toEqual(want);
    expect(sorted(doc.replace(/^ttyEof\(\)/m, "ttyEof() ttyWaiting()"))).toEqual(want);   // the second name is text
    expect(sorted(doc.replace(/^ttyWaiting\(\).*\n/m, "").replace(/^ttyEof\(\)/m, "ttyEof() ttyWaiting()"))).not.toEqual(want);
    expect(sorted(doc.replace(/^memory {2,}/m, "memory2  "))).not.toEqual(want);
  });
});
