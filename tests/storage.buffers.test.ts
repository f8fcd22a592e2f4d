// Callers own their buffers (issue 11, item 5; docs/architecture.md, "Who owns a buffer"): no kernel
// module hands data to another through a static buffer or a mutable global set for the callee. A
// static (memory.data) is named only in the file that declares it, so no kernel file exports one, and
// the globals that once carried parameters and results between modules are gone.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const kernel = join(__dirname, "..", "kernel");

function sources(dir: string): { file: string; src: string }[] {
  const out: { file: string; src: string }[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (n.endsWith(".ts")) out.push({ file: p.slice(kernel.length + 1), src: readFileSync(p, "utf8") });
  }
  return out;
}

describe("kernel buffers", () => {
  const files = sources(kernel);

  it("no kernel file exports a static buffer", () => {
    const exported: string[] = [];
    for (const { file, src } of files) {
      for (const m of src.matchAll(/^export\s+(?:const|let)\s+(\w+)[^=\n]*=\s*(?:changetype<[^>]+>\()?memory\.data\b/gm)) exported.push(`${file}: ${m[1]}`);
    }
    expect(files.length).toBeGreaterThan(40);
    expect(exported).toEqual([]);
  });

  it("the globals that passed parameters between modules are gone", () => {
    const found: string[] = [];
    for (const { file, src } of files) {
      for (const m of src.matchAll(/^export\s+(?:const|let)\s+(IOV|PIECES|npieces|NAME|NAMELEN|TRAILING|PATHBUF)\b/gm)) found.push(`${file}: ${m[1]}`);
    }
    expect(found).toEqual([]);
  });
});
