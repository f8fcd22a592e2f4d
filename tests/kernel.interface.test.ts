// Each kernel file's `// Interface:` list against the names the file exports (the rule is in
// tests/helpers/interface.ts and docs/architecture.md): a failure names the file and the name.
import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { projectRoot } from "../host/paths";

const root = projectRoot();
import { exportedNames, interfaceProblems, interfaceText, listedNames } from "./helpers/interface";

// kernel/index.ts is kernel.wasm's export list itself (tests/kernel.exports checks it against the
// host); kernel/abi/ holds shared numbers, not kernel code.
function kernelFiles(dir = join(root, "kernel")): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "abi" ? [] : kernelFiles(p);
    return e.name.endsWith(".ts") && relative(root, p) !== "kernel/index.ts" ? [relative(root, p)] : [];
  });
}

describe("kernel Interface lists", () => {
  it("name every export of their file, and nothing the file does not export", () => {
    const files = kernelFiles();
    expect(files.length).toBeGreaterThan(40);
    const problems = files.flatMap((f) => interfaceProblems(f, readFileSync(join(root, f), "utf8")));
    expect(problems).toEqual([]);
  });

  it("the parser finds exports of every form and the names written as code", () => {
    const src = [
      "// Purpose.",
      "// Interface: Thing, alpha(x) -> Beta or null, gammaRate (set by the host: hiddenName), MAX_*,",
      "// plain words and -EFAULT are prose; `deltaOne` ok.",
      "@unmanaged export class Thing { a: u32; }",
      "@inline export function alpha(x: u32): u32 { return x; }",
      "export let gammaRate: u32 = 0;",
      "export const MAX_A: u32 = 1, MAX_B: u32 = 2;",
      "export const LIMIT: u32 = 3;",
      "export { deltaOne } from \"./other\";",
      "@external(\"host\", \"x\") export declare function hostX(a: i32): void;",
    ].join("\n");
    expect(exportedNames(src).map((e) => e.name)).toEqual(["Thing", "alpha", "gammaRate", "MAX_A", "MAX_B", "LIMIT", "hostX", "deltaOne"]);
    expect(listedNames(interfaceText(src)!).code).toEqual(["alpha", "gammaRate", "MAX_*", "deltaOne"]);
    // hostX is missing; LIMIT is an ALL_CAPS constant (exempt); the rest is listed.
    expect(interfaceProblems("kernel/x.ts", src)).toEqual(["kernel/x.ts: exports hostX, which its Interface list does not name"]);
  });

  it("reports a stale name, a missing export and a missing list, naming file and name", () => {
    const src = "// Interface: oldName(a), kept().\nexport function kept(): void {}\nexport function fresh(): void {}\n";
    expect(interfaceProblems("kernel/y.ts", src)).toEqual([
      "kernel/y.ts: exports fresh, which its Interface list does not name",
      "kernel/y.ts: its Interface list names oldName, which the file does not export",
    ]);
    expect(interfaceProblems("kernel/z.ts", "// Nothing.\nexport function f(): void {}\n"))
      .toEqual(['kernel/z.ts: no "// Interface:" list in its opening comment']);
  });
});
